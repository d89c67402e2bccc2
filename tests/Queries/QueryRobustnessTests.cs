using System.Collections.Immutable;
using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Tests.Queries;

/// <summary>Incomplete code, as typed in an editor, never makes a query-shape analyzer throw (AD0001).</summary>
public class QueryRobustnessTests
{
    public static TheoryData<string> BrokenSources => new()
    {
        "",
        "class",
        "using Microsoft.EntityFrameworkCore; class C { async System.Threading.Tasks.Task M(Shop.ShopDbContext db) { db.Orders.ToList( } }",
        "using System.Linq; using Microsoft.EntityFrameworkCore; class C { async System.Threading.Tasks.Task M(Shop.ShopDbContext db) { foreach (var x in ) { db.Customers.Find(; db.SaveChanges(); } } }",
        "using System.Linq; using Microsoft.EntityFrameworkCore; class C { async System.Threading.Tasks.Task<int> M(Shop.ShopDbContext db) { var t = db.Orders.ToListAsync().Result; foreach (var o in undefined) { db.Customers.Find(o.Id); } var r = db.Orders.ToList().Where(o => o.).Count(; return missing.Result; } }",
        "using System.Linq; class C { void M(Shop.ShopDbContext db) { var q = db.Orders.AsEnumerable().Where(Unknown).Select(o => o.Nope).ToList(); db.Orders.ToList().Count(x => x.); undefined.GetAwaiter().GetResult(); undefined.Wait(); } }",
        "using Microsoft.AspNetCore.Builder; using Microsoft.EntityFrameworkCore; static class A { static void M(WebApplication app) { app.MapGet(\"/x\", (Shop.ShopDbContext db) => db.Orders.); app.MapGet(, ); } }",
        "using Microsoft.AspNetCore.Mvc; public class XController : ControllerBase { public object Get(Shop.ShopDbContext db) => Ok(db.; public object Set(Shop.ShopDbContext db) { return db.Set<>(); } }",
        "using System.Linq; class C { async System.Threading.Tasks.Task M(Shop.ShopDbContext db, System.Data.Common.DbConnection c) { lock (this) { db.SaveChanges(); } var q = from o in db.Orders select db.Customers.Count(); c.Open(; while (true) { await Dapper.SqlMapper.QueryAsync<int>(c, ); } } }",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Broken_code_never_throws(string source)
    {
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)),
            CSharpSyntaxTree.ParseText(QuerySources.Model, new CSharpParseOptions(LanguageVersion.Latest)),
        };
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["AG4005"] = ReportDiagnostic.Warn });
        var compilation = CSharpCompilation.Create("Broken", trees, TestReferences.All, options);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new RoundTripInLoopAnalyzer(),
            new SyncDataAccessInAsyncAnalyzer(),
            new BlockingOnAsyncDataAccessAnalyzer(),
            new MaterializeBeforeOperatorsAnalyzer(),
            new UnboundedEndpointQueryAnalyzer());

        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
