using Shop.Domain.Orders;

namespace Shop.Application.Orders;

/// <summary>What the API returns for an order: a DTO, never the entity itself.</summary>
public sealed record OrderSummary(Guid Id, Guid CustomerId, DateTimeOffset PlacedAt, string Status, decimal Total, int LineCount)
{
    public static OrderSummary From(Order order) =>
        new(order.Id, order.CustomerId, order.PlacedAt, order.Status.ToString(), order.Total, order.Lines.Count);
}
