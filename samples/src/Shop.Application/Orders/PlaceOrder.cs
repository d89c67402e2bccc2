namespace Shop.Application.Orders;

public sealed record PlaceOrder(Guid CustomerId, IReadOnlyList<PlaceOrderLine> Lines);

public sealed record PlaceOrderLine(Guid ProductId, int Quantity);
