using Shop.Api.DependencyInjection;
using Shop.Api.Endpoints;

// Composition root (archgate.json: compositionRoot): the one place that may see every layer.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddShop(builder.Configuration);

var app = builder.Build();
app.MapOrderEndpoints();
app.MapStatusEndpoints();
app.MapProductEndpoints();
app.MapControllers();
app.Run();
