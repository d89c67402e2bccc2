using Shop.Application.Abstractions;
using Shop.Domain.Orders;

namespace Shop.Application.Orders;

public sealed class OrderService
{
    private readonly IOrderRepository _orders;
    private readonly IProductRepository _products;
    private readonly IUnitOfWork _unitOfWork;
    private readonly IClock _clock;

    public OrderService(IOrderRepository orders, IProductRepository products, IUnitOfWork unitOfWork, IClock clock)
    {
        _orders = orders;
        _products = products;
        _unitOfWork = unitOfWork;
        _clock = clock;
    }

    public async Task<OrderSummary> PlaceAsync(PlaceOrder command, CancellationToken cancellationToken)
    {
        if (command.Lines.Count == 0)
        {
            throw new ArgumentException("An order needs at least one line.", nameof(command));
        }

        var productIds = command.Lines.Select(line => line.ProductId).Distinct().ToArray();
        var products = await _products.GetByIdsAsync(productIds, cancellationToken);

        var order = new Order(Guid.NewGuid(), command.CustomerId, _clock.UtcNow);
        foreach (var line in command.Lines)
        {
            if (!products.TryGetValue(line.ProductId, out var product) || product.IsDiscontinued)
            {
                throw new InvalidOperationException($"Product {line.ProductId} cannot be ordered.");
            }

            order.AddLine(product.Id, line.Quantity, product.Price);
        }

        _orders.Add(order);
        await _unitOfWork.CommitAsync(cancellationToken);
        return OrderSummary.From(order);
    }

    public async Task<OrderSummary?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await _orders.FindAsync(id, cancellationToken);
        return order is null ? null : OrderSummary.From(order);
    }

    public async Task<IReadOnlyList<OrderSummary>> RecentForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var orders = await _orders.ListForCustomerAsync(customerId, take: 20, cancellationToken);
        return orders.Select(OrderSummary.From).ToList();
    }

    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await _orders.FindAsync(id, cancellationToken);
        if (order is null)
        {
            return false;
        }

        order.Cancel();
        await _unitOfWork.CommitAsync(cancellationToken);
        return true;
    }
}
