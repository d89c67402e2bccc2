using ArchGate.Analyzers.DataAccess;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.DataAccess.DataAccessTestCode;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.DataAccess.DataAccessAnalyzer>;

namespace ArchGate.Tests.DataAccess;

/// <summary>AG2001: data-access API outside <c>dataAccess.allowedIn</c>.</summary>
public class DataAccessOutsideScopeTests
{
    private static Task RunAsync(string source, string config = Config, params DiagnosticResult[] expected)
    {
        var test = Verifier.Create(config, Shop, source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task Shop_infrastructure_itself_is_clean()
    {
        await RunAsync("namespace Shop.Api { }");
    }

    [Fact]
    public async Task Injected_DbContext_in_a_controller_is_one_diagnostic_at_the_parameter_type()
    {
        // db.Orders, Where and ToListAsync all act on the injected context: the injection is the one point reported.
        await RunAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class OrdersController
                {
                    private readonly {|AG2001:ShopDbContext|} _db;
                    public OrdersController({|AG2001:ShopDbContext|} db) => _db = db;
                    public Task<List<Order>> Get() => _db.Orders.Where(o => o.Total > 0).ToListAsync();
                    public Task<int> Save() => _db.SaveChangesAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Message_names_the_api_the_scope_and_the_approved_repository_interfaces()
    {
        await RunAsync("""
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class OrdersController
                {
                    public OrdersController({|#0:ShopDbContext|} db) { }
                }
            }
            """, Config, new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(0).WithArguments(
                "Shop.Api.OrdersController", "'Shop.Infrastructure.Persistence.ShopDbContext'", "@efcore", "Infrastructure",
                "use IOrderRepository (Shop.Application.Abstractions), IRepository<T> (Shop.Application.Abstractions) instead"));
    }

    [Fact]
    public async Task Message_lists_the_interface_matching_the_consumer_first()
    {
        await RunAsync("""
            using Microsoft.Data.SqlClient;

            namespace Shop.Application.Abstractions
            {
                public interface IAuditRepository { }
            }

            namespace Shop.Api
            {
                public class OrderExport
                {
                    public void Run({|#0:SqlConnection|} connection) { }
                }
            }
            """, Config, new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(0).WithArguments(
                "Shop.Api.OrderExport", "'Microsoft.Data.SqlClient.SqlConnection'", "@adonet", "Infrastructure",
                "use IOrderRepository (Shop.Application.Abstractions), IAuditRepository (Shop.Application.Abstractions), IRepository<T> (Shop.Application.Abstractions) instead"));
    }

    [Fact]
    public async Task Message_names_at_most_four_interfaces_ordered_per_consumer()
    {
        // Six approved interfaces: each consumer gets those whose entity its name contains first, then
        // the rest by name, four at most. Two consumers in one compilation must not share an order.
        await RunAsync("""
            using Microsoft.Data.SqlClient;

            namespace Shop.Application.Abstractions
            {
                public interface IAuditRepository { }
                public interface IBasketRepository { }
                public interface ICustomerRepository { }
                public interface IZoneRepository { }
            }

            namespace Shop.Api
            {
                public class ZoneExport
                {
                    public void Run({|#0:SqlConnection|} connection) { }
                }

                public class CustomerZoneExport
                {
                    public void Run({|#1:SqlConnection|} connection) { }
                }
            }
            """, Config,
            new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(0).WithArguments(
                "Shop.Api.ZoneExport", "'Microsoft.Data.SqlClient.SqlConnection'", "@adonet", "Infrastructure",
                "use IZoneRepository (Shop.Application.Abstractions), IAuditRepository (Shop.Application.Abstractions), IBasketRepository (Shop.Application.Abstractions), ICustomerRepository (Shop.Application.Abstractions), … instead"),
            new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(1).WithArguments(
                "Shop.Api.CustomerZoneExport", "'Microsoft.Data.SqlClient.SqlConnection'", "@adonet", "Infrastructure",
                "use ICustomerRepository (Shop.Application.Abstractions), IZoneRepository (Shop.Application.Abstractions), IAuditRepository (Shop.Application.Abstractions), IBasketRepository (Shop.Application.Abstractions), … instead"));
    }

    [Fact]
    public async Task Catching_an_ef_exception_is_reported_at_the_catch_type_once()
    {
        await RunAsync("""
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop.Application.Abstractions;

            namespace Shop.Api
            {
                public class Saver
                {
                    public async Task<int> Save(IOrderRepository orders)
                    {
                        try { await orders.ListAsync(); return 0; }
                        catch ({|AG2001:DbUpdateConcurrencyException|} e) { return e.Entries.Count; }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Without_repositories_the_message_says_where_to_move_the_code()
    {
        await RunAsync("""
            using Microsoft.Data.SqlClient;

            namespace Shop.Application.Orders
            {
                public class Reports
                {
                    public void Run(string cs) { using var c = new {|#0:SqlConnection|}(cs); c.Open(); }
                }
            }
            """, ConfigWithoutRepositories, new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(0).WithArguments(
                "Shop.Application.Orders.Reports", "'Microsoft.Data.SqlClient.SqlConnection'", "@adonet", "Infrastructure",
                "move this code into Infrastructure behind an interface, and depend on that interface here instead"));
    }

    [Fact]
    public async Task New_connection_with_dapper_calls_on_it_is_one_diagnostic()
    {
        await RunAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Dapper;
            using Microsoft.Data.SqlClient;
            using Shop.Domain;

            namespace Shop.Api
            {
                public class ReportsController
                {
                    public async Task<IEnumerable<Order>> Get(string cs)
                    {
                        using var connection = new {|AG2001:SqlConnection|}(cs);
                        await connection.OpenAsync();
                        return await connection.QueryAsync<Order>("select * from Orders");
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Explicitly_typed_local_is_reported_at_its_type_not_again_at_the_construction()
    {
        await RunAsync("""
            using Microsoft.Data.SqlClient;

            namespace Shop.Api
            {
                public class Health
                {
                    public bool Check(string cs)
                    {
                        {|AG2001:SqlConnection|} connection = new SqlConnection(cs);
                        connection.Open();
                        return true;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Providers_npgsql_and_sqlite_are_adonet()
    {
        await RunAsync("""
            using Microsoft.Data.Sqlite;
            using Npgsql;

            namespace Shop.Application.Orders
            {
                public class Imports
                {
                    public void Pg(string cs) { using var source = NpgsqlDataSource.{|AG2001:Create|}(cs); using var c = source.OpenConnection(); }
                    public void Lite(string cs) { var c = new {|AG2001:SqliteConnection|}(cs); c.Open(); }
                    public int Count({|AG2001:SqliteCommand|} command) => command.ExecuteNonQuery();
                }
            }
            """);
    }

    [Fact]
    public async Task Ef_extension_on_a_plain_IQueryable_is_reported_at_the_call()
    {
        await RunAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;

            namespace Shop.Application.Orders
            {
                public class OrderQueries
                {
                    public Task<List<Order>> Big(IQueryable<Order> orders) => orders.Where(o => o.Total > 100).{|AG2001:ToListAsync|}();
                    public IQueryable<Order> WithNoTracking(IQueryable<Order> orders) => orders.{|AG2001:AsNoTracking|}();
                }
            }
            """);
    }

    [Fact]
    public async Task Dapper_call_on_a_connection_from_elsewhere_is_reported_at_the_call()
    {
        await RunAsync("""
            using System.Collections.Generic;
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;
            using Shop.Domain;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class Orders2Controller
                {
                    private readonly SqlOrderReader _reader;
                    public Orders2Controller(SqlOrderReader reader) => _reader = reader;
                    public Task<IEnumerable<Order>> Get() => _reader.Open().{|AG2001:QueryAsync<Order>|}("select * from Orders");
                    public int Count()
                    {
                        var connection = _reader.Open();
                        connection.{|AG2001:Open|}();
                        return connection.{|AG2001:ExecuteScalar<int>|}("select count(*) from Orders");
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Service_locator_resolving_the_context_is_reported_once()
    {
        await RunAsync("""
            using System;
            using System.Linq;
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class Stats
                {
                    public int Count(IServiceProvider services) => services.{|AG2001:GetRequiredService<ShopDbContext>|}().Orders.Count();
                }
            }
            """);
    }

    [Fact]
    public async Task Implicitly_typed_lambda_parameter_uses_are_reported()
    {
        await RunAsync("""
            using System.Linq;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class Stats2
                {
                    public int Count(Runner runner) => runner.Run(db => db.{|AG2001:Orders|}.Count());
                }
            }
            """);
    }

    [Fact]
    public async Task Own_DbContext_subclass_outside_the_scope_is_reported_at_the_base_type()
    {
        await RunAsync("""
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;

            namespace Shop.Application.Data
            {
                public class AppDb : {|AG2001:DbContext|}
                {
                    public AppDb({|AG2001:DbContextOptions<AppDb>|} options) : base(options) { }
                    public {|AG2001:DbSet<Order>|} Orders => Set<Order>();
                }
            }
            """);
    }

    [Fact]
    public async Task Type_arguments_of_other_generic_types_are_declarations_of_the_api()
    {
        await RunAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Application.Orders
            {
                public interface IConnections
                {
                    {|AG2001:Task<SqlConnection>|} OpenAsync();
                    void Each({|AG2001:Func<ShopDbContext, int>|} work);
                }
            }
            """);
    }

    [Fact]
    public async Task Same_code_inside_infrastructure_is_clean()
    {
        await RunAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;

            namespace Shop.Infrastructure.Persistence
            {
                public class OrdersQueries
                {
                    private readonly ShopDbContext _db;
                    public OrdersQueries(ShopDbContext db) => _db = db;
                    public Task<List<Order>> Get() => _db.Orders.Where(o => o.Total > 0).ToListAsync();
                    public void Open(string cs) { SqlConnection c = new SqlConnection(cs); c.Open(); }
                }
            }
            """);
    }

    [Fact]
    public async Task Composition_root_registrations_are_clean()
    {
        await RunAsync("""
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Application.Abstractions;
            using Shop.Infrastructure.Persistence;

            public static class Program
            {
                public static void Main()
                {
                    var services = new ServiceCollection();
                    services.AddDbContext<ShopDbContext>(o => o.UseSqlServer("Server=.;Database=Shop"));
                    services.AddScoped<IOrderRepository, OrderRepository>();
                }
            }

            namespace Shop.Api.DependencyInjection
            {
                public static class PersistenceRegistration
                {
                    public static IServiceCollection AddPersistence(this IServiceCollection services, string cs)
                        => services.AddDbContext<ShopDbContext>(o => o.UseNpgsql(cs)).AddScoped<IOrderRepository, OrderRepository>();
                }
            }
            """);
    }

    [Fact]
    public async Task Cref_nameof_typeof_and_string_literals_are_not_uses()
    {
        await RunAsync("""
            using System;
            using Microsoft.Data.SqlClient;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                /// <summary>Reads through <see cref="ShopDbContext"/>, never <see cref="SqlConnection.Open"/>.</summary>
                public class Docs
                {
                    public string Name => nameof(ShopDbContext) + nameof(ShopDbContext.Orders) + nameof(SqlConnection.Open);
                    public Type Type => typeof(ShopDbContext);
                    public string Text => "new SqlConnection(cs); db.Orders.ToListAsync()";
                }
            }
            """);
    }

    [Fact]
    public async Task Approved_repository_abstractions_and_their_type_arguments_are_clean()
    {
        await RunAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Shop.Application.Abstractions;
            using Shop.Domain;

            namespace Shop.Api
            {
                public class OrdersController
                {
                    private readonly IRepository<Order> _orders;
                    private readonly IOrderRepository _repository;
                    public OrdersController(IRepository<Order> orders, IOrderRepository repository) { _orders = orders; _repository = repository; }
                    public Task<List<Order>> All() => _orders.AllAsync();
                    public Task<List<Order>> List() => _repository.ListAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Ef_mapping_attributes_on_entities_are_not_data_access()
    {
        await RunAsync("""
            using Microsoft.EntityFrameworkCore;

            namespace Shop.Domain.Customers
            {
                [Index(nameof(Email))]
                [PrimaryKey(nameof(Id))]
                public class Customer
                {
                    public int Id { get; set; }
                    [Unicode(false)]
                    public string Email { get; set; } = "";
                }
            }
            """);
    }

    [Fact]
    public async Task Using_directive_alone_and_incomplete_code_are_clean()
    {
        var test = Verifier.Create(Config, Shop, """
            using Microsoft.EntityFrameworkCore;

            namespace Shop.Api
            {
                public class Broken
                {
                    public void M() { var x = new UnknownThing(); x.Orders.ToListAsync(); }
                }
            }
            """);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
