using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.UnboundedEndpointQueryAnalyzer>;

namespace ArchGate.Tests.Queries;

public class UnboundedEndpointQueryTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        """;

    private const string Enable = """
        is_global = true
        dotnet_diagnostic.AG4005.severity = warning
        """;

    private const string Model = QuerySources.Model;

    private static async Task RunEnabledAsync(string source, params DiagnosticResult[] expected)
    {
        var test = Verifier.Create(null, source);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", Enable));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private const string Endpoints = """
        [ApiController]
        [Route("orders")]
        public class OrdersController(ShopDbContext db) : ControllerBase
        {
            [HttpGet]
            public async Task<ActionResult<List<Order>>> GetAll(CancellationToken ct) => Ok(await {|#0:db.Orders.AsNoTracking().ToListAsync(ct)|});

            [HttpGet("customers")]
            public IQueryable<Customer> Customers() => {|#1:db.Customers|};
        }

        public static class Api
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/orders", (ShopDbContext db) => {|#2:db.Orders.OrderBy(o => o.Id).ToListAsync()|});
            }
        }
        """;

    [Fact]
    public async Task Controller_actions_and_minimal_api_handlers_returning_a_whole_set_are_reported_when_enabled()
    {
        var test = Verifier.Create(null, Usings + Endpoints + Model);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", Enable));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(UnboundedEndpointQueryAnalyzer.UnboundedEndpointQuery).WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithMessage(
            "Endpoint 'OrdersController.GetAll' returns every row of 'Orders' with no filter, Take or paging; endpoints return bounded result sets (ArchGate.Queries, AG4005). Page the query (Skip/Take with a maximum page size) or limit it with Take."));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG4005").WithLocation(1).WithArguments("'OrdersController.Customers'", "Customers"));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG4005").WithLocation(2).WithArguments("'MapGet /orders'", "Orders"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Disabled_by_default_and_reported_once_enabled_in_a_plain_compilation()
    {
        Assert.False(UnboundedEndpointQueryAnalyzer.UnboundedEndpointQuery.IsEnabledByDefault);
        var source = Usings + (Endpoints.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("|}", "")) + Model;
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest));
        var options = new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: Microsoft.CodeAnalysis.NullableContextOptions.Enable);
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Endpoints", new[] { tree }, TestReferences.All, options);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));

        var analyzers = System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new UnboundedEndpointQueryAnalyzer());
        var byDefault = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(byDefault);

        var enabled = compilation.WithOptions(options.WithSpecificDiagnosticOptions(new Dictionary<string, Microsoft.CodeAnalysis.ReportDiagnostic> { ["AG4005"] = Microsoft.CodeAnalysis.ReportDiagnostic.Warn }));
        var reported = await enabled.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.Equal(3, reported.Count(d => d.Id == "AG4005"));
    }

    [Fact]
    public async Task Clean_twins_paged_bounded_filtered_and_non_endpoint_queries()
    {
        var source = Usings + """
            [ApiController]
            [Route("orders")]
            public class OrdersController(ShopDbContext db) : ControllerBase
            {
                [HttpGet]
                public Task<List<Order>> Page(int page, CancellationToken ct)
                    => db.Orders.OrderBy(o => o.Id).Skip(page * 50).Take(50).ToListAsync(ct);

                [HttpGet("top")]
                public async Task<IActionResult> Top() => Ok(await db.Orders.OrderByDescending(o => o.Total).Take(10).ToListAsync());

                [HttpGet("{id}")]
                public async Task<Order?> One(int id) => await db.Orders.FirstOrDefaultAsync(o => o.Id == id);

                [HttpGet("by-customer/{id}")]
                public List<Order> ByCustomer(int id) => db.Orders.Where(o => o.CustomerId == id).ToList();
            }

            public class OrderExport(ShopDbContext db)
            {
                // Not an endpoint: a batch export may read the whole table.
                public Task<List<Order>> All() => db.Orders.ToListAsync();
            }

            public static class Api
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/orders", (ShopDbContext db, int page) => db.Orders.OrderBy(o => o.Id).Skip(page * 50).Take(50).ToListAsync());
                }
            }
            """ + Model;
        await RunEnabledAsync(source);
    }
}
