using Microsoft.EntityFrameworkCore;
using Shop.Domain.Orders;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Queries;

/// <summary>
/// Read-side queries over orders, with one deliberate violation of each query-shape rule
/// (ArchGate.Queries): AG4001 N+1, AG4002 sync call in async code, AG4003 blocking on a query,
/// AG4004 filtering after ToList. AG4005 (unbounded endpoint query) is opt-in and not enabled here.
/// </summary>
public sealed class OrderQueries(ShopDbContext db)
{
    // AG4001: one round trip per customer id; one query with Contains would do.
    public async Task<int> CountCustomersWithOrdersAsync(IReadOnlyList<Guid> customerIds, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var customerId in customerIds)
        {
            var latest = await db.Orders.FirstOrDefaultAsync(o => o.CustomerId == customerId, cancellationToken);
            if (latest is not null)
            {
                count++;
            }
        }

        return count;
    }

    // AG4002: a synchronous ToList() inside an async method (the fix awaits ToListAsync(cancellationToken)).
    public async Task<IReadOnlyList<Order>> PlacedAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        return db.Orders.Where(o => o.Status == OrderStatus.Placed).ToList();
    }

    // AG4003: blocking on CountAsync in a synchronous method.
    public int CountPlaced() => db.Orders.CountAsync(o => o.Status == OrderStatus.Placed).Result;

    // AG4004: loads every order, then filters in memory (the fix moves Where before ToList).
    public List<Order> ForCustomer(Guid customerId) => db.Orders.ToList().Where(o => o.CustomerId == customerId).ToList();
}
