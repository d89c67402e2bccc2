using Microsoft.EntityFrameworkCore;
using Shop.Application.Abstractions;
using Shop.Domain.Orders;

namespace Shop.Infrastructure.Persistence;

public sealed class OrderRepository : IOrderRepository
{
    private readonly ShopDbContext _db;

    public OrderRepository(ShopDbContext db) => _db = db;

    public Task<Order?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        _db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Order>> ListForCustomerAsync(Guid customerId, int take, CancellationToken cancellationToken) =>
        await _db.Orders
            .AsNoTracking()
            .Include(o => o.Lines)
            .Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt)
            .Take(take)
            .ToListAsync(cancellationToken);

    public void Add(Order order) => _db.Orders.Add(order);
}
