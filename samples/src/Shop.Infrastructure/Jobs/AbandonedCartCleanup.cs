using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Shop.Domain.Orders;
using Shop.Infrastructure.Persistence;

namespace Shop.Infrastructure.Jobs;

/// <summary>
/// Cancels orders still unpaid (Placed) after a day. Deliberate AG7002: a hosted service is a singleton, so the
/// ShopDbContext it takes lives as long as the application (use IDbContextFactory&lt;ShopDbContext&gt;).
/// </summary>
public sealed class AbandonedCartCleanup(ShopDbContext db) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var cutoff = DateTimeOffset.UtcNow.AddDays(-1);
            await db.Orders
                .Where(o => o.Status == OrderStatus.Placed && o.PlacedAt < cutoff)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled), stoppingToken);
        }
    }
}
