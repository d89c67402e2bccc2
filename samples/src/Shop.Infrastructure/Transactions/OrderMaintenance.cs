using Microsoft.EntityFrameworkCore;
using Shop.Domain.Orders;

namespace Shop.Infrastructure.Transactions;

/// <summary>
/// One violation of each transaction rule (AG5001-AG5005), asserted by the end-to-end test.
/// Every SaveChanges here is also AG5001: this type is not the unit of work
/// (archgate.json: transactions.saveChangesAllowedIn = Shop.Infrastructure.Persistence.UnitOfWork).
/// </summary>
public sealed class OrderMaintenance
{
    private readonly Persistence.ShopDbContext _db;
    private readonly HttpClient _payments;

    public OrderMaintenance(Persistence.ShopDbContext db, HttpClient payments)
    {
        _db = db;
        _payments = payments;
    }

    // AG5002: one commit per order.
    public async Task CancelAllAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken)
    {
        foreach (var order in orders)
        {
            order.Cancel();
            await _db.SaveChangesAsync(cancellationToken);
        }
    }

    // AG5003: two commits for one use case, no explicit transaction.
    public async Task ReplaceAsync(Order cancelled, Order replacement, CancellationToken cancellationToken)
    {
        cancelled.Cancel();
        await _db.SaveChangesAsync(cancellationToken);
        _db.Orders.Add(replacement);
        await _db.SaveChangesAsync(cancellationToken);
    }

    // AG5004: the transaction is committed but never disposed (code fix: 'await using').
    public async Task PlaceAsync(Order order, CancellationToken cancellationToken)
    {
        var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        _db.Orders.Add(order);
        await _db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // AG5005: an HTTP call while the transaction holds its locks.
    public async Task CaptureAsync(Order order, CancellationToken cancellationToken)
    {
        await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
        _db.Orders.Attach(order);
        await _db.SaveChangesAsync(cancellationToken);
        using var response = await _payments.PostAsync($"payments/{order.Id}/capture", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        await transaction.CommitAsync(cancellationToken);
    }
}
