using Shop.Application.Orders;

namespace Shop.Api.Endpoints;

public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders");

        orders.MapPost("/", async (PlaceOrder command, OrderService service, CancellationToken cancellationToken) =>
        {
            var order = await service.PlaceAsync(command, cancellationToken);
            return Results.Created($"/orders/{order.Id}", order);
        });

        orders.MapGet("/{id:guid}", async (Guid id, OrderService service, CancellationToken cancellationToken) =>
            await service.FindAsync(id, cancellationToken) is { } order ? Results.Ok(order) : Results.NotFound());

        orders.MapGet("/", async (Guid customerId, OrderService service, CancellationToken cancellationToken) =>
            Results.Ok(await service.RecentForCustomerAsync(customerId, cancellationToken)));

        orders.MapPost("/{id:guid}/cancel", async (Guid id, OrderService service, CancellationToken cancellationToken) =>
            await service.CancelAsync(id, cancellationToken) ? Results.NoContent() : Results.NotFound());

        return app;
    }
}
