using System.Collections.Immutable;
using ArchGate.Analyzers.DataAccess;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using static ArchGate.Tests.DataAccess.DataAccessTestCode;

namespace ArchGate.Tests.DataAccess;

/// <summary>Precision and robustness of the data-access family: one diagnostic per location, multi-project, broken input.</summary>
public class DataAccessPrecisionTests
{
    [Fact]
    public async Task Qualified_and_aliased_type_names_are_one_diagnostic_each()
    {
        var test = Verify<DataAccessAnalyzer>.Create(Config, Shop, """
            using Db = Shop.Infrastructure.Persistence.ShopDbContext;

            namespace Shop.Api
            {
                public class A
                {
                    public A({|AG2001:Microsoft.Data.SqlClient.SqlConnection|} connection, {|AG2001:Db|} db, {|AG2001:global::Microsoft.EntityFrameworkCore.DbSet<Shop.Domain.Order>?|} orders) { }
                }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task Record_primary_constructor_parameter_is_one_diagnostic()
    {
        var test = Verify<DataAccessAnalyzer>.Create(Config, Shop, """
            using System.Linq;
            using Shop.Infrastructure.Persistence;

            namespace Shop.Application.Orders
            {
                public record OrderCounter({|AG2001:ShopDbContext|} Db)
                {
                    public int Count() => Db.Orders.Count();
                }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task Implementation_in_another_project_is_found_through_the_reference()
    {
        var test = Verify<RepositoryAnalyzer>.Create(Config, """
            namespace Shop.Api
            {
                public class OrdersController
                {
                    public OrdersController({|AG2002:Shop.Infrastructure.Persistence.OrderRepository|} orders) { }
                }
            }
            """);
        test.TestState.AdditionalProjects["Shop.Infrastructure"].Sources.Add(Shop);
        test.TestState.AdditionalProjects["Shop.Infrastructure"].AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AdditionalProjectReferences.Add("Shop.Infrastructure");
        await test.RunAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("namespace Shop.Api { public class C : { void M( { new Microsoft.Data.SqlClient.SqlConnection(; } }")]
    [InlineData("namespace Shop.Api { public class OrderRepository : Shop.Application.Abstractions.IOrderRepository { public C(Shop.Infrastructure.Persistence.OrderRepository")]
    [InlineData("namespace Shop.Api { class C { void M(Unknown u) { u.Query<Unknown2>(); var x = new(); Dapper.SqlMapper.Query(null, null); nameof(; } } }")]
    [InlineData("class GenericRepository<T> : Shop.Application.Abstractions.IRepository<T> where T : class { } partial class X : Microsoft.EntityFrameworkCore.")]
    public async Task Empty_and_broken_source_never_throws(string source)
    {
        var trees = new[] { CSharpSyntaxTree.ParseText(Shop), CSharpSyntaxTree.ParseText(source) };
        var compilation = CSharpCompilation.Create("Broken", trees, TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new DataAccessAnalyzer(), new RepositoryAnalyzer());
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("archgate.json", Config)));
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null,
            concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task Sample_file_has_one_violation_per_rule()
    {
        var path = RepoPaths.Combine("samples", "src", "Shop.Api", "DataAccess", "DataAccessShortcuts.cs");

        var config = Config.Replace("\n}", ",\n  \"restrictions\": [ { \"apis\": [\"T:System.Net.Http.HttpClient\"], \"allowedIn\": [\"Infrastructure\"] } ]\n}");
        var trees = new[] { CSharpSyntaxTree.ParseText(Shop), CSharpSyntaxTree.ParseText(File.ReadAllText(path)) };
        var compilation = CSharpCompilation.Create("Sample", trees, TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("archgate.json", config)));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DataAccessAnalyzer(), new RepositoryAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        Assert.Equal(new[] { "AG2001", "AG2002", "AG2003", "AG2004" }, diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
