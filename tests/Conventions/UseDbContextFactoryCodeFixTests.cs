using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Conventions.ServiceLifetimeAnalyzer, ArchGate.CodeFixes.Conventions.UseDbContextFactoryCodeFix>;

namespace ArchGate.Tests.Conventions;

public class UseDbContextFactoryCodeFixTests
{
    private const string Model = """
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        namespace Shop
        {
            public class Order { public int Id { get; set; } public bool Sent { get; set; } }

            public class ShopDbContext : DbContext
            {
                public ShopDbContext(DbContextOptions<ShopDbContext> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
            }
        }

        """;

    [Fact]
    public async Task Hosted_service_switches_to_the_registered_factory()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class OutboxWorker : BackgroundService
                {
                    private readonly ShopDbContext _db;

                    public OutboxWorker(ShopDbContext {|#0:db|})
                    {
                        _db = db;
                    }

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        var pending = await _db.Orders.Where(o => !o.Sent).ToListAsync(stoppingToken);
                        await this._db.SaveChangesAsync(stoppingToken);
                    }

                    public int Count()
                    {
                        return _db.Orders.Count();
                    }
                }

                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddDbContextFactory<ShopDbContext>();
                        services.AddHostedService<OutboxWorker>();
                    }
                }
            }
            """;
        var fixedSource = Model + """
            namespace Shop
            {
                public sealed class OutboxWorker : BackgroundService
                {
                    private readonly IDbContextFactory<ShopDbContext> _dbFactory;

                    public OutboxWorker(IDbContextFactory<ShopDbContext> dbFactory)
                    {
                        _dbFactory = dbFactory;
                    }

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        await using var db = _dbFactory.CreateDbContext();
                        var pending = await db.Orders.Where(o => !o.Sent).ToListAsync(stoppingToken);
                        await db.SaveChangesAsync(stoppingToken);
                    }

                    public int Count()
                    {
                        using var db = _dbFactory.CreateDbContext();
                        return db.Orders.Count();
                    }
                }

                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddDbContextFactory<ShopDbContext>();
                        services.AddHostedService<OutboxWorker>();
                    }
                }
            }
            """;
        await Verifier.CodeFixAsync(source, fixedSource, Verifier.Diagnostic("AG7002").WithLocation(0));
    }

    [Fact]
    public async Task No_fix_without_a_registered_factory()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class OutboxWorker : BackgroundService
                {
                    private readonly ShopDbContext _db;
                    public OutboxWorker(ShopDbContext {|#0:db|}) { _db = db; }
                    protected override Task ExecuteAsync(CancellationToken stoppingToken) { return _db.SaveChangesAsync(stoppingToken); }
                }
            }
            """;
        var test = Verify<ArchGate.Analyzers.Conventions.ServiceLifetimeAnalyzer, ArchGate.CodeFixes.Conventions.UseDbContextFactoryCodeFix>.Create(null, source, source);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG7002").WithLocation(0));
        await test.RunAsync();
    }
}
