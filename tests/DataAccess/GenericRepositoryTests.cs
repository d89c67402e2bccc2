using ArchGate.Analyzers.DataAccess;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.DataAccess.DataAccessTestCode;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.DataAccess.DataAccessAnalyzer>;

namespace ArchGate.Tests.DataAccess;

/// <summary>
/// Issue 16, shape 1: a generic repository that returns <c>IQueryable&lt;T&gt;</c>, the parts of <c>@efcore</c>
/// that make the design expressible, and the message that must not advise the repository to code that uses it.
/// Issue 16, shape 7 for AG2001: one diagnostic per (member body, API type).
/// </summary>
public class GenericRepositoryTests
{
    private static string ConfigWith(string apis) => "{\n" + DataAccessTestCode.Layers + $$"""
          "dataAccess": { "apis": [{{apis}}], "allowedIn": ["Infrastructure"] },
          "repositories": {
            "interfaces": ["Shop.Application.Abstractions.I*Repository"],
            "implementations": ["Shop.Infrastructure.Persistence.*Repository"]
          }
        }
        """;

    /// <summary>The generic repository of the shape: services compose the query on what it returns.</summary>
    private const string QueryRepository = """
        namespace Shop.Application.Abstractions
        {
            public interface IQueryRepository<T> where T : class
            {
                System.Linq.IQueryable<T> Query();
            }
        }
        """;

    private const string Service = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop.Application.Abstractions;
        using Shop.Domain;

        namespace Shop.Application.Orders
        {
            public class OrderService
            {
                private readonly IQueryRepository<Order> _orders;
                public OrderService(IQueryRepository<Order> orders) => _orders = orders;

                public Task<Order?> Find(int id)
                    => _orders.Query().{|#0:Include|}("Lines").AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);

                public async Task<List<Order>> Large()
                {
                    var query = _orders.Query();
                    return await query.Where(o => o.Total > 100).{|#1:ToListAsync|}();
                }
            }
        }
        """;

    private static string Advice(string origin) =>
        "this code already uses the approved repository ('" + origin + "' returns the query), so the EF Core operators run here: "
        + "move the query into a repository method that returns the result, or, if your repositories return IQueryable<T> by design, "
        + "guard \"@efcore.context\", \"@efcore.model\" and \"@efcore.migrations\" instead of \"@efcore\" in dataAccess.apis (docs/configuration.md: generic repository)";

    [Fact]
    public async Task With_efcore_the_operators_on_a_repository_query_are_reported_without_advising_the_repository()
    {
        var test = Verifier.Create(Config, Shop, QueryRepository, Service);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(0).WithArguments(
            "Shop.Application.Orders.OrderService", "'Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include'", "@efcore",
            "Infrastructure", Advice("Shop.Application.Abstractions.IQueryRepository.Query")));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(1).WithArguments(
            "Shop.Application.Orders.OrderService", "'Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync'", "@efcore",
            "Infrastructure", Advice("Shop.Application.Abstractions.IQueryRepository.Query")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_the_query_part_the_generic_repository_design_is_clean_and_the_context_stays_guarded()
    {
        var config = ConfigWith("\"@efcore.context\", \"@efcore.model\", \"@efcore.migrations\", \"@adonet\", \"@dapper\"");
        var controller = """
            using Shop.Infrastructure.Persistence;

            namespace Shop.Api
            {
                public class OrdersController
                {
                    public OrdersController({|#0:ShopDbContext|} db) { }
                }
            }
            """;
        var test = Verifier.Create(config, Shop, QueryRepository, Service.Replace("{|#0:", "").Replace("{|#1:", "").Replace("|}", ""), controller);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(0).WithArguments(
            "Shop.Api.OrdersController", "'Shop.Infrastructure.Persistence.ShopDbContext'", "@efcore.context", "Infrastructure",
            "use IOrderRepository (Shop.Application.Abstractions), IQueryRepository<T> (Shop.Application.Abstractions), IRepository<T> (Shop.Application.Abstractions) instead"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_query_that_does_not_come_from_a_repository_keeps_the_repository_advice()
    {
        var test = Verifier.Create(Config, Shop, """
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain;

            namespace Shop.Application.Orders
            {
                public class OrderFilter
                {
                    public Task<int> Count(IQueryable<Order> orders) => orders.{|#0:CountAsync|}();
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DataAccessAnalyzer.DataAccessOutsideScope).WithLocation(0).WithArguments(
            "Shop.Application.Orders.OrderFilter", "'Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync'", "@efcore",
            "Infrastructure", "use IOrderRepository (Shop.Application.Abstractions), IRepository<T> (Shop.Application.Abstractions) instead"));
        await test.RunAsync();
    }

    /// <summary>One EF Core type of each part of <c>@efcore</c>, as parameter types; each part reports exactly its own.</summary>
    private const string AllParts = """
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.ChangeTracking;
        using Microsoft.EntityFrameworkCore.Infrastructure;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;
        using Microsoft.EntityFrameworkCore.Migrations;
        using Microsoft.EntityFrameworkCore.Query;
        using Microsoft.EntityFrameworkCore.Storage;
        using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
        using Shop.Domain;
        using Shop.Infrastructure.Persistence;

        namespace Shop.Api
        {
            public class Everything
            {
                public void Context({|#c0:ShopDbContext|} a, {|#c1:DbSet<Order>|} b, {|#c2:DatabaseFacade|} c, {|#c3:ChangeTracker|} d, {|#c4:IDbContextTransaction|} e, {|#c5:DbContextOptionsBuilder|} f) { }
                public void Model({|#m0:ModelBuilder|} a, {|#m1:EntityTypeBuilder<Order>|} b, {|#m2:ValueConverter<int, long>|} c, {|#m3:IEntityTypeConfiguration<Order>|} d) { }
                public void Migrations({|#g0:MigrationBuilder|} a, {|#g1:Migration|} b) { }
                public void Query({|#q0:IIncludableQueryable<Order, string>|} a, System.Linq.IQueryable<Order> q) => q.{|#q1:AsNoTracking|}();
            }
        }
        """;

    [Theory]
    [InlineData("@efcore.context", "c", 6)]
    [InlineData("@efcore.model", "m", 4)]
    [InlineData("@efcore.migrations", "g", 2)]
    [InlineData("@efcore.query", "q", 2)]
    public async Task Each_part_of_efcore_guards_its_own_types(string group, string prefix, int count)
    {
        var source = System.Text.RegularExpressions.Regex.Replace(AllParts, @"\{\|#(\w)(\d):(.*?)\|\}",
            m => m.Groups[1].Value == prefix ? "{|#" + m.Groups[2].Value + ":" + m.Groups[3].Value + "|}" : m.Groups[3].Value);
        var test = Verifier.Create(ConfigWith("\"" + group + "\""), Shop, source);
        for (var i = 0; i < count; i++)
        {
            test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG2001").WithLocation(i)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }

        await test.RunAsync();
    }

    [Fact]
    public async Task Efcore_is_the_union_of_its_parts()
    {
        var source = System.Text.RegularExpressions.Regex.Replace(AllParts, @"\{\|#\w\d:", "{|AG2001:");
        await Verifier.Create(ConfigWith("\"@efcore\""), Shop, source).RunAsync();
    }

    [Fact]
    public async Task Uses_of_one_api_type_in_one_member_are_one_diagnostic()
    {
        var test = Verifier.Create(Config, Shop, """
            using Microsoft.Data.SqlClient;

            namespace Shop.Application.Reports
            {
                public class Export
                {
                    public void Run(string cs)
                    {
                        var a = new {|#0:SqlConnection|}(cs);
                        var b = new {|#1:SqlConnection|}(cs);
                        var command = new {|#2:SqlCommand|}("select 1");
                        System.Console.WriteLine(a.ToString() + b + command);
                    }

                    public object Other(string cs) => new {|#3:SqlConnection|}(cs);
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG2001").WithLocation(0).WithLocation(1));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG2001").WithLocation(2));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG2001").WithLocation(3));
        await test.RunAsync();
    }
}
