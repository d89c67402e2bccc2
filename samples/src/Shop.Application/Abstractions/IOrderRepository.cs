using Shop.Domain.Orders;

namespace Shop.Application.Abstractions;

public interface IOrderRepository
{
    Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Order>> ListForCustomerAsync(Guid customerId, int take, CancellationToken cancellationToken);

    void Add(Order order);
}
