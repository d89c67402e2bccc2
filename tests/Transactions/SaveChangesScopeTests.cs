using ArchGate.Analyzers.Transactions;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.SaveChangesScopeAnalyzer>;

namespace ArchGate.Tests.Transactions;

public class SaveChangesScopeTests
{
    private const string UnitOfWorkConfig = """
        { "transactions": { "saveChangesAllowedIn": ["Shop.Infrastructure.Persistence.UnitOfWork"] } }
        """;

    private const string LayerConfig = """
        {
          "layers": {
            "Application":    { "namespaces": ["Shop.Application.**"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
          },
          "dependencies": { "Application": [], "Infrastructure": ["Application"] },
          "compositionRoot": ["Shop.Api.Startup.**"],
          "transactions": { "saveChangesAllowedIn": ["Application"] }
        }
        """;

    private const string Repository = """
        namespace Shop.Infrastructure.Persistence
        {
            public sealed class OrderRepository
            {
                private readonly ShopDbContext _db;
                public OrderRepository(ShopDbContext db) => _db = db;

                public async Task AddAsync(Order order, CancellationToken ct)
                {
                    _db.Orders.Add(order);
                    await {|#0:_db.SaveChangesAsync(ct)|};
                }
            }
        }
        """;

    [Fact]
    public async Task Repository_saving_on_its_own_is_reported()
    {
        await Verifier.AnalyzerAsync(TransactionSources.Usings + Repository + TransactionSources.Model, UnitOfWorkConfig,
            Verifier.Diagnostic(SaveChangesScopeAnalyzer.SaveChangesOutsideUnitOfWork).WithLocation(0).WithArguments(
                "ShopDbContext.SaveChangesAsync",
                "Shop.Infrastructure.Persistence.OrderRepository",
                "transactions.saveChangesAllowedIn",
                "Shop.Infrastructure.Persistence.UnitOfWork"));
    }

    [Fact]
    public async Task Without_configuration_the_rule_is_off()
    {
        await Verifier.AnalyzerAsync(TransactionSources.Usings + Repository.Replace("{|#0:", "").Replace("|}", "") + TransactionSources.Model, config: null);
    }

    [Fact]
    public async Task Unit_of_work_may_save()
    {
        const string source = """
            namespace Shop.Infrastructure.Persistence
            {
                public sealed class UnitOfWork
                {
                    private readonly ShopDbContext _db;
                    public UnitOfWork(ShopDbContext db) => _db = db;
                    public Task<int> CommitAsync(CancellationToken ct) => _db.SaveChangesAsync(ct);
                    public int Commit() => _db.SaveChanges();
                    private sealed class Nested { public void Save(ShopDbContext db) => db.SaveChanges(); }
                }
            }
            """;
        await Verifier.AnalyzerAsync(TransactionSources.Usings + source + TransactionSources.Model, UnitOfWorkConfig);
    }

    [Fact]
    public async Task DbContext_override_delegating_to_base_is_silent()
    {
        const string source = """
            namespace Shop.Infrastructure.Data
            {
                public class AuditingContext : DbContext
                {
                    public override int SaveChanges(bool acceptAllChangesOnSuccess) => base.SaveChanges(acceptAllChangesOnSuccess);

                    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
                        => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

                    public override int SaveChanges() => SaveChanges(true);
                }
            }
            """;
        await Verifier.AnalyzerAsync(TransactionSources.Usings + source + TransactionSources.Model, UnitOfWorkConfig);
    }

    [Fact]
    public async Task DbContext_abstraction_counts_and_unit_of_work_interface_does_not()
    {
        const string source = """
            namespace Shop.Application.Abstractions
            {
                public interface IApplicationDbContext
                {
                    DbSet<Shop.Infrastructure.Persistence.Order> Orders { get; }
                    Task<int> SaveChangesAsync(CancellationToken ct);
                }

                public interface IUnitOfWork { Task<int> SaveChangesAsync(CancellationToken ct); }
            }

            namespace Shop.Infrastructure.Persistence
            {
                public sealed class AppContext : DbContext, Shop.Application.Abstractions.IApplicationDbContext
                {
                    public DbSet<Order> Orders => Set<Order>();
                    Task<int> Shop.Application.Abstractions.IApplicationDbContext.SaveChangesAsync(CancellationToken ct) => base.SaveChangesAsync(ct);
                }

                public sealed class OrderWriter(Shop.Application.Abstractions.IApplicationDbContext context, Shop.Application.Abstractions.IUnitOfWork unitOfWork)
                {
                    public async Task Add(Order order, CancellationToken ct)
                    {
                        context.Orders.Add(order);
                        await {|#0:context.SaveChangesAsync(ct)|};
                        await unitOfWork.SaveChangesAsync(ct);
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(TransactionSources.Usings + source + TransactionSources.Model, UnitOfWorkConfig,
            Verifier.Diagnostic(SaveChangesScopeAnalyzer.SaveChangesOutsideUnitOfWork).WithLocation(0).WithArguments(
                "IApplicationDbContext.SaveChangesAsync", "Shop.Infrastructure.Persistence.OrderWriter", "transactions.saveChangesAllowedIn", "Shop.Infrastructure.Persistence.UnitOfWork"));
    }

    [Fact]
    public async Task Layer_scope_allows_the_application_layer_and_reports_infrastructure()
    {
        const string source = """
            namespace Shop.Application.Orders
            {
                public sealed class PlaceOrder
                {
                    public async Task Handle(Shop.Infrastructure.Persistence.ShopDbContext db, CancellationToken ct)
                    {
                        db.Orders.Add(new Shop.Infrastructure.Persistence.Order());
                        await db.SaveChangesAsync(ct);
                    }
                }
            }

            namespace Shop.Infrastructure.Jobs
            {
                public sealed class Cleanup
                {
                    public void Run(Shop.Infrastructure.Persistence.ShopDbContext db)
                    {
                        // through the base type: still a DbContext save
                        DbContext context = db;
                        {|#0:context.SaveChanges()|};
                    }
                }
            }

            namespace Shop.Api.Startup
            {
                public static class Seeder
                {
                    public static void Seed(Shop.Infrastructure.Persistence.ShopDbContext db) => db.SaveChanges();
                }
            }
            """;
        await Verifier.AnalyzerAsync(TransactionSources.Usings + source + TransactionSources.Model, LayerConfig,
            Verifier.Diagnostic(SaveChangesScopeAnalyzer.SaveChangesOutsideUnitOfWork).WithLocation(0).WithArguments(
                "DbContext.SaveChanges", "Shop.Infrastructure.Jobs.Cleanup", "transactions.saveChangesAllowedIn", "Application"));
    }

    [Fact]
    public async Task Incomplete_code_does_not_crash()
    {
        const string source = """
            namespace Shop.Infrastructure.Persistence
            {
                public sealed class Broken
                {
                    public void M(ShopDbContext db) { db.{|CS1061:Unknown|}.SaveChanges(); DbContext? none = null; {|#0:none!.SaveChanges()|}; }
                }
            }
            """;
        await Verifier.AnalyzerAsync(TransactionSources.Usings + source + TransactionSources.Model, UnitOfWorkConfig,
            Verifier.Diagnostic("AG5001").WithLocation(0));
    }
}
