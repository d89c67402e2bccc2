using Shop.Application.Abstractions;

namespace Shop.Infrastructure.Persistence;

/// <summary>The one place that saves changes (archgate.json: transactions.saveChangesAllowedIn).</summary>
public sealed class UnitOfWork : IUnitOfWork
{
    private readonly ShopDbContext _db;

    public UnitOfWork(ShopDbContext db) => _db = db;

    public Task CommitAsync(CancellationToken cancellationToken) => _db.SaveChangesAsync(cancellationToken);
}
