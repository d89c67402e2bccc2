namespace Shop.Domain.Orders;

public sealed class Order
{
    private readonly List<OrderLine> _lines = new();

    public Order(Guid id, Guid customerId, DateTimeOffset placedAt)
    {
        Id = id;
        CustomerId = customerId;
        PlacedAt = placedAt;
        Status = OrderStatus.Placed;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }

    public OrderStatus Status { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public decimal Total => _lines.Sum(line => line.Total);

    public void AddLine(Guid productId, int quantity, decimal unitPrice) =>
        _lines.Add(new OrderLine(productId, quantity, unitPrice));

    public void Cancel()
    {
        if (Status == OrderStatus.Shipped)
        {
            throw new InvalidOperationException($"Order {Id} has already shipped and cannot be cancelled.");
        }

        Status = OrderStatus.Cancelled;
    }
}
