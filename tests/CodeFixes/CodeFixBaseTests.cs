using Microsoft.CodeAnalysis.Testing;
using QueryFixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.SyncDataAccessInAsyncAnalyzer, ArchGate.CodeFixes.Queries.SyncDataAccessInAsyncCodeFix>;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Conventions.ServiceLifetimeAnalyzer, ArchGate.CodeFixes.Conventions.UseDbContextFactoryCodeFix>;

namespace ArchGate.Tests.CodeFixes;

/// <summary>
/// The one Fix All of every code fix (ArchGateCodeFix): the fixes of a document are applied in one pass over the
/// original tree; fixes whose edits touch different nodes compose in that pass, and a fix whose edits overlap a fix
/// already applied waits for the next pass instead of overwriting it. Shown with AG7002's fix, which rewrites the
/// constructor, the field and every method that used the injected context, and AG4002's, whose replacements nest.
/// </summary>
public class CodeFixBaseTests
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
            public class Order { public int Id { get; set; } }
            public class Entry { public int Id { get; set; } }

            public class ShopDbContext : DbContext
            {
                public ShopDbContext(DbContextOptions<ShopDbContext> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
            }

            public class AuditDbContext : DbContext
            {
                public AuditDbContext(DbContextOptions<AuditDbContext> options) : base(options) { }
                public DbSet<Entry> Entries => Set<Entry>();
            }

            public static class Registrations
            {
                public static void Register(IServiceCollection services)
                {
                    services.AddDbContextFactory<ShopDbContext>();
                    services.AddDbContextFactory<AuditDbContext>();
                    services.AddHostedService<Worker>();
                }
            }
        }

        """;

    [Fact]
    public async Task Fixes_of_different_methods_compose_in_one_Fix_All_pass()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class Worker : BackgroundService
                {
                    private readonly ShopDbContext _db;
                    private readonly AuditDbContext _audit;

                    public Worker(ShopDbContext {|#0:db|}, AuditDbContext {|#1:audit|})
                    {
                        _db = db;
                        _audit = audit;
                    }

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        await _db.Orders.ToListAsync(stoppingToken);
                    }

                    public int Count()
                    {
                        return _audit.Entries.Count();
                    }
                }
            }
            """;
        var fixedSource = Model + """
            namespace Shop
            {
                public sealed class Worker : BackgroundService
                {
                    private readonly IDbContextFactory<ShopDbContext> _dbFactory;
                    private readonly IDbContextFactory<AuditDbContext> _auditFactory;

                    public Worker(IDbContextFactory<ShopDbContext> dbFactory, IDbContextFactory<AuditDbContext> auditFactory)
                    {
                        _dbFactory = dbFactory;
                        _auditFactory = auditFactory;
                    }

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        await using var db = _dbFactory.CreateDbContext();
                        await db.Orders.ToListAsync(stoppingToken);
                    }

                    public int Count()
                    {
                        using var audit = _auditFactory.CreateDbContext();
                        return audit.Entries.Count();
                    }
                }
            }
            """;
        var test = Verifier.Create(null, source, fixedSource);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG7002").WithLocation(0));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG7002").WithLocation(1));
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_fix_that_overlaps_one_already_applied_waits_for_the_next_Fix_All_pass()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class Worker : BackgroundService
                {
                    private readonly ShopDbContext _db;
                    private readonly AuditDbContext _audit;

                    public Worker(ShopDbContext {|#0:db|}, AuditDbContext {|#1:audit|})
                    {
                        _db = db;
                        _audit = audit;
                    }

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        await _db.Orders.ToListAsync(stoppingToken);
                        await _audit.Entries.ToListAsync(stoppingToken);
                    }
                }
            }
            """;
        var fixedSource = Model + """
            namespace Shop
            {
                public sealed class Worker : BackgroundService
                {
                    private readonly IDbContextFactory<ShopDbContext> _dbFactory;
                    private readonly IDbContextFactory<AuditDbContext> _auditFactory;

                    public Worker(IDbContextFactory<ShopDbContext> dbFactory, IDbContextFactory<AuditDbContext> auditFactory)
                    {
                        _dbFactory = dbFactory;
                        _auditFactory = auditFactory;
                    }

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        await using var audit = _auditFactory.CreateDbContext();
                        await using var db = _dbFactory.CreateDbContext();
                        await db.Orders.ToListAsync(stoppingToken);
                        await audit.Entries.ToListAsync(stoppingToken);
                    }
                }
            }
            """;
        var test = Verifier.Create(null, source, fixedSource);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG7002").WithLocation(0));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG7002").WithLocation(1));
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 2;
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Nested_replacements_compose_in_one_Fix_All_pass()
    {
        const string Usings = """
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop;

            """;
        var source = Usings + """
            public class OrderCommands(ShopDbContext db)
            {
                public async Task<string> Latest(CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    var order = db.Orders.[|Find(db.Orders.[|First()|].Id)|];
                    return order!.Status;
                }
            }
            """ + Queries.QuerySources.Model;
        var fixedSource = Usings + """
            public class OrderCommands(ShopDbContext db)
            {
                public async Task<string> Latest(CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    var order = await db.Orders.FindAsync(new object[] { (await db.Orders.FirstAsync(cancellationToken)).Id }, cancellationToken);
                    return order!.Status;
                }
            }
            """ + Queries.QuerySources.Model;
        var test = QueryFixVerifier.Create(null, source, fixedSource);
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync(CancellationToken.None);
    }
}
