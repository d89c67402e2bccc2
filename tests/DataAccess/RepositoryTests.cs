using ArchGate.Analyzers.DataAccess;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.DataAccess.DataAccessTestCode;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.DataAccess.RepositoryAnalyzer, ArchGate.CodeFixes.DataAccess.RepositoryInterfaceCodeFix>;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.DataAccess.RepositoryAnalyzer>;

namespace ArchGate.Tests.DataAccess;

/// <summary>AG2002 (consumer bound to a repository implementation, with its code fix) and AG2003 (repository outside the approved set).</summary>
public class RepositoryTests
{
    private const string Customers = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Shop.Domain
        {
            public class Customer { public int Id { get; set; } }
        }

        namespace Shop.Application.Abstractions
        {
            public interface ICustomerRepository { Task<Shop.Domain.Customer?> FindAsync(int id); }
        }

        namespace Shop.Infrastructure.Persistence
        {
            using Shop.Application.Abstractions;
            using Shop.Domain;

            public class CustomerRepository : ICustomerRepository, IRepository<Customer>
            {
                public Task<Customer?> FindAsync(int id) => Task.FromResult<Customer?>(null);
                public Task<List<Customer>> AllAsync() => Task.FromResult(new List<Customer>());
            }

            public class AuditRepository
            {
                public void Write(string line) { }
            }
        }
        """;

    private static Task RunAsync(string source, string config = Config, params DiagnosticResult[] expected)
    {
        var test = Verifier.Create(config, Shop, Customers, source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task FixAsync(string source, string fixedSource, int actionIndex = 0, string? key = null)
    {
        var test = FixVerifier.Create(Config, source, fixedSource);
        test.TestState.Sources.Add(Shop);
        test.TestState.Sources.Add(Customers);
        test.FixedState.Sources.Add(Shop);
        test.FixedState.Sources.Add(Customers);
        test.CodeActionIndex = actionIndex;
        test.CodeActionEquivalenceKey = key;
        return test.RunAsync();
    }

    // ---- AG2002 --------------------------------------------------------------------------------

    [Fact]
    public async Task Controller_injecting_the_implementation_is_fixed_to_the_interface_everywhere()
    {
        await FixAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Shop.Application.Abstractions;
            using Shop.Domain;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class OrdersController
                {
                    private readonly {|AG2002:OrderRepository|} _orders;
                    public OrdersController({|AG2002:OrderRepository|} orders) => _orders = orders;
                    public Task<List<Order>> Get() => _orders.ListAsync();
                    public {|AG2002:OrderRepository|}? Current { get; set; }
                }
            }
            """, """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Shop.Application.Abstractions;
            using Shop.Domain;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class OrdersController
                {
                    private readonly IOrderRepository _orders;
                    public OrdersController(IOrderRepository orders) => _orders = orders;
                    public Task<List<Order>> Get() => _orders.ListAsync();
                    public IOrderRepository? Current { get; set; }
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_adds_the_using_directive_when_missing()
    {
        await FixAsync("""
            namespace Shop.Application.Orders
            {
                public class PlaceOrder
                {
                    private readonly {|AG2002:Shop.Infrastructure.Persistence.OrderRepository|} _orders;
                    public PlaceOrder({|AG2002:Shop.Infrastructure.Persistence.OrderRepository|} orders) => _orders = orders;
                    public System.Threading.Tasks.Task<Shop.Domain.Order?> Find(int id) => _orders.FindAsync(id);
                }
            }
            """, """
            using Shop.Application.Abstractions;

            namespace Shop.Application.Orders
            {
                public class PlaceOrder
                {
                    private readonly IOrderRepository _orders;
                    public PlaceOrder(IOrderRepository orders) => _orders = orders;
                    public System.Threading.Tasks.Task<Shop.Domain.Order?> Find(int id) => _orders.FindAsync(id);
                }
            }
            """);
    }

    [Fact]
    public async Task Several_approved_interfaces_give_one_action_each()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Shop.Application.Abstractions;
            using Shop.Domain;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class CustomersController
                {
                    private readonly {|AG2002:CustomerRepository|} _customers;
                    public CustomersController({|AG2002:CustomerRepository|} customers) => _customers = customers;
                    public Task<List<Customer>> All() => _customers.AllAsync();
                }
            }
            """;
        await FixAsync(source, source.Replace("{|AG2002:CustomerRepository|}", "IRepository<Customer>"), actionIndex: 1,
            key: "AG2002:global::Shop.Application.Abstractions.IRepository<global::Shop.Domain.Customer>");
    }

    [Fact]
    public async Task Message_names_both_layers_and_the_interface()
    {
        await RunAsync("""
            namespace Shop.Api
            {
                public class OrdersController
                {
                    public OrdersController({|#0:Shop.Infrastructure.Persistence.OrderRepository|} orders) { }
                }
            }
            """, Config, new DiagnosticResult(RepositoryAnalyzer.ConsumerBoundToRepositoryImplementation).WithLocation(0).WithArguments(
                "Shop.Api.OrdersController", "Api", "Shop.Infrastructure.Persistence.OrderRepository", "Infrastructure",
                "IOrderRepository (Shop.Application.Abstractions)"));
    }

    [Fact]
    public async Task Constructing_the_implementation_outside_the_composition_root_is_reported_without_a_fix()
    {
        await RunAsync("""
            using Shop.Application.Abstractions;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class Factory
                {
                    public ICustomerRepository Create() => new {|AG2002:CustomerRepository|}();
                }
            }
            """);
    }

    [Fact]
    public async Task Implementation_renamed_by_a_using_alias_is_reported_and_other_aliases_stay_silent()
    {
        // The written name "Repo" matches no implementation pattern; the alias leads to one.
        await RunAsync("""
            using Repo = Shop.Infrastructure.Persistence.CustomerRepository;
            using Audit = Shop.Infrastructure.Persistence.AuditRepository;
            using Text = System.Text.StringBuilder;

            namespace Shop.Api
            {
                using Orders = Shop.Infrastructure.Persistence.OrderRepository;

                public class CustomersController
                {
                    public CustomersController({|AG2002:Repo|} customers, {|AG2002:Orders|} orders, Audit audit, Text text) { }
                }
            }
            """);
    }

    [Fact]
    public async Task Interfaces_own_layer_composition_root_and_unapproved_interfaces_are_clean()
    {
        await RunAsync("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Application.Abstractions;
            using Shop.Domain;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class OrdersController
                {
                    private readonly IOrderRepository _orders;
                    private readonly IRepository<Customer> _customers;
                    private readonly AuditRepository _audit; // implements no approved interface: nothing to suggest
                    public OrdersController(IOrderRepository orders, IRepository<Customer> customers, AuditRepository audit)
                    { _orders = orders; _customers = customers; _audit = audit; }
                }
            }

            namespace Shop.Api.DependencyInjection
            {
                public static class Registration
                {
                    public static IServiceCollection Add(IServiceCollection services)
                    {
                        services.AddScoped<IOrderRepository, OrderRepository>();
                        CustomerRepository customers = new CustomerRepository();
                        return services.AddSingleton<ICustomerRepository>(customers);
                    }
                }
            }

            namespace Shop.Infrastructure.Caching
            {
                public class CachedOrders
                {
                    private readonly OrderRepository _inner;
                    public CachedOrders(OrderRepository inner) => _inner = inner;
                    public Task<Order?> Find(int id) => _inner.FindAsync(id);
                }
            }
            """);
    }

    // ---- AG2003 --------------------------------------------------------------------------------

    [Fact]
    public async Task Invented_repository_implementing_the_approved_interface_is_reported_at_its_identifier()
    {
        await RunAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Shop.Application.Abstractions;
            using Shop.Domain;

            namespace Shop.Api.Orders
            {
                public class {|#0:OrderRepository2|} : IOrderRepository
                {
                    public Task<List<Order>> ListAsync() => Task.FromResult(new List<Order>());
                    public Task<Order?> FindAsync(int id) => Task.FromResult<Order?>(null);
                }
            }
            """, Config, new DiagnosticResult(RepositoryAnalyzer.UnapprovedRepository).WithLocation(0).WithArguments(
                "Shop.Api.Orders.OrderRepository2", "it implements IOrderRepository", "Shop.Infrastructure.Persistence.*Repository",
                "use the approved repository for this data instead, or extend it; if this class really is a new repository, name and place it to match the pattern"));
    }

    [Fact]
    public async Task Generic_repository_named_like_one_outside_the_pattern_is_reported()
    {
        await RunAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Infrastructure.Data
            {
                public class {|AG2003:GenericRepository|}<T> where T : class
                {
                    private readonly ShopDbContext _db;
                    public GenericRepository(ShopDbContext db) => _db = db;
                    public List<T> All() => _db.Set<T>().ToList();
                }
            }
            """);
    }

    [Fact]
    public async Task Approved_implementations_interfaces_abstract_bases_and_other_classes_are_clean()
    {
        await RunAsync("""
            using Shop.Infrastructure.Persistence;

            namespace Shop.Infrastructure.Persistence
            {
                public class ProductRepository { }
                public class ProductRepositoryOptions { public int PageSize { get; set; } }
            }

            namespace Shop.Infrastructure.Common
            {
                public abstract class BaseRepository { }
                public interface IAuditRepository { }
            }
            """);
    }

    [Fact]
    public async Task Without_implementations_no_repository_rule_runs()
    {
        await RunAsync("""
            namespace Shop.Api
            {
                public class OrderRepository2 : Shop.Application.Abstractions.IOrderRepository
                {
                    public System.Threading.Tasks.Task<System.Collections.Generic.List<Shop.Domain.Order>> ListAsync() => null!;
                    public System.Threading.Tasks.Task<Shop.Domain.Order?> FindAsync(int id) => null!;
                    public OrderRepository2(Shop.Infrastructure.Persistence.OrderRepository other) { }
                }
            }
            """, ConfigWithoutRepositories);
    }

    // ---- patterns: T: IDs of generic types, N: IDs (issue 14) -------------------------------

    private static string ConfigWith(string implementations, string compositionRoot = "[\"Program\", \"Shop.Api.DependencyInjection.**\"]")
        => "{\n" + DataAccessTestCode.Layers.Replace("\"compositionRoot\": [\"Program\", \"Shop.Api.DependencyInjection.**\"]", "\"compositionRoot\": " + compositionRoot) + """
          "dataAccess": { "apis": ["@efcore", "@adonet", "@dapper"], "allowedIn": ["Infrastructure"] },
          "repositories": {
            "interfaces": ["Shop.Application.Abstractions.I*Repository"],
            "implementations":
        """ + implementations + """

          }
        }
        """;

    [Fact]
    public async Task Generic_implementation_named_by_a_T_id_with_its_arity_is_approved_and_other_arities_are_not()
    {
        var config = ConfigWith("""
            ["T:Shop.Infrastructure.Persistence.GenericRepository`1", "T:Shop.Infrastructure.Persistence.OrderRepository",
             "T:Shop.Infrastructure.Persistence.CustomerRepository", "T:Shop.Infrastructure.Persistence.AuditRepository"]
            """);
        await RunAsync("""
            using System.Collections.Generic;
            using System.Linq;

            namespace Shop.Infrastructure.Persistence
            {
                public class GenericRepository<T> where T : class
                {
                    private readonly ShopDbContext _db;
                    public GenericRepository(ShopDbContext db) => _db = db;
                    public List<T> All() => _db.Set<T>().ToList();
                }

                public class {|AG2003:GenericRepository|}<TKey, T> where T : class { }
            }

            namespace Shop.Infrastructure.Persistence.Legacy
            {
                public class {|AG2003:GenericRepository|} { }
            }
            """, config);
    }

    [Fact]
    public async Task Generic_composition_root_named_by_a_T_id_is_exempt_and_its_non_generic_twin_is_not()
    {
        var config = ConfigWith("""["Shop.Infrastructure.Persistence.*Repository"]""", """["T:Shop.Api.Registration`1"]""");
        await RunAsync("""
            using Shop.Application.Abstractions;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class Registration<TMarker>
                {
                    public ICustomerRepository Create() => new CustomerRepository();
                }

                public class Registration
                {
                    public ICustomerRepository Create() => new {|AG2002:CustomerRepository|}();
                }
            }
            """, config);
    }

    [Fact]
    public async Task Implementations_given_as_an_N_id_are_bound_consumers_are_reported_and_interface_consumers_are_clean()
    {
        var config = ConfigWith("""["N:Shop.Infrastructure.Persistence"]""");
        await RunAsync("""
            using Shop.Application.Abstractions;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class OrdersController
                {
                    public OrdersController({|AG2002:OrderRepository|} orders, {|AG2002:CustomerRepository|} customers) { }
                }

                public class CleanController
                {
                    public CleanController(IOrderRepository orders, ICustomerRepository customers) { }
                }
            }
            """, config);
    }
}
