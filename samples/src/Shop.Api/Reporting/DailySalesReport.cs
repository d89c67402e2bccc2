// Deliberate violation (AG1002, requireLayer: true): a namespace that no layer in archgate.json covers
// ("Shop.Reporting" is none of Shop.Api.**, Shop.Application.**, Shop.Domain.**, Shop.Infrastructure.**).
// The fix: move it into a layer's namespace (e.g. Shop.Application.Reporting) or declare the layer.
namespace Shop.Reporting;

public sealed record DailySalesReport(DateOnly Day, int OrderCount, decimal Revenue)
{
    public decimal AverageOrderValue => OrderCount == 0 ? 0m : Revenue / OrderCount;
}
