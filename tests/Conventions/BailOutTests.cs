using System.Collections.Immutable;
using ArchGate.Analyzers.Conventions;
using ArchGate.Analyzers.DataAccess;
using ArchGate.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Tests.Conventions;

/// <summary>
/// Issue 16, shape 9: a rule that cannot apply to a compilation (the types it needs are not referenced)
/// registers no action at all, so it costs nothing per symbol or operation; its twin, the same compilation
/// with the types referenced, does register them (and reports). Measured through the analyzer driver's own
/// telemetry (the number of actions each analyzer registered).
/// </summary>
public class BailOutTests
{
    private const string Config = """
        {
          "layers": { "Api": { "namespaces": ["Shop.Api.**"] }, "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] } },
          "dependencies": { "Api": [], "Infrastructure": [] },
          "dataAccess": { "apis": ["@efcore", "@dapper"], "allowedIn": ["Infrastructure"] }
        }
        """;

    private const string PlainCode = """
        namespace Shop.Api
        {
            public class Clock
            {
                public System.DateTime Now() => System.DateTime.UtcNow;
                public int Twice(int x) { var y = new System.Text.StringBuilder(); y.Append(x); return x * 2; }
            }
        }
        """;

    /// <summary>The test references without EF Core, Dapper and ASP.NET Core (and the DI/hosting packages).</summary>
    private static ImmutableArray<MetadataReference> Without(params string[] prefixes)
        => TestReferences.All.Where(r => !prefixes.Any(p => Path.GetFileName(r.Display ?? string.Empty).StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToImmutableArray();

    private static readonly string[] Backend =
    {
        "Microsoft.EntityFrameworkCore", "Npgsql.EntityFrameworkCore", "Dapper", "Microsoft.AspNetCore", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting",
    };

    private static async Task<(int Actions, ImmutableArray<Diagnostic> Diagnostics)> RunAsync(DiagnosticAnalyzer analyzer, ImmutableArray<MetadataReference> references, string source)
    {
        var compilation = CSharpCompilation.Create("Shop", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new ConfigText(Config)));
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        var actions = telemetry.SymbolActionsCount + telemetry.SymbolStartActionsCount + telemetry.SyntaxNodeActionsCount
            + telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount + telemetry.OperationBlockActionsCount
            + telemetry.SemanticModelActionsCount + telemetry.CompilationEndActionsCount + telemetry.CodeBlockStartActionsCount;
        return (actions, diagnostics);
    }

    public static TheoryData<string> Analyzers => new() { nameof(EntityEndpointAnalyzer), nameof(ServiceLifetimeAnalyzer), nameof(DataAccessAnalyzer), nameof(DestructiveOperationAnalyzer) };

    private static DiagnosticAnalyzer Create(string name) => name switch
    {
        nameof(EntityEndpointAnalyzer) => new EntityEndpointAnalyzer(),
        nameof(ServiceLifetimeAnalyzer) => new ServiceLifetimeAnalyzer(),
        nameof(DataAccessAnalyzer) => new DataAccessAnalyzer(),
        _ => new DestructiveOperationAnalyzer(),
    };

    [Theory]
    [MemberData(nameof(Analyzers))]
    public async Task Without_the_libraries_it_needs_an_analyzer_registers_nothing(string name)
    {
        var (actions, diagnostics) = await RunAsync(Create(name), Without(Backend), PlainCode);
        Assert.Empty(diagnostics);
        Assert.Equal(0, actions);
    }

    [Theory]
    [MemberData(nameof(Analyzers))]
    public async Task With_the_libraries_referenced_the_same_analyzer_runs(string name)
    {
        var (actions, _) = await RunAsync(Create(name), TestReferences.All, PlainCode);
        Assert.True(actions > 0, name + " registered no action although EF Core, Dapper and ASP.NET Core are referenced");
    }

    /// <summary>The twin of the DataAccess bail-out: with EF Core referenced the same config reports.</summary>
    [Fact]
    public async Task Data_access_rule_still_reports_where_its_groups_are_referenced()
    {
        var (_, diagnostics) = await RunAsync(new DataAccessAnalyzer(), TestReferences.All, """
            namespace Shop.Api
            {
                public class Orders
                {
                    public Orders(Microsoft.EntityFrameworkCore.DbContext db) { }
                }
            }
            """);
        Assert.Equal("AG2001", Assert.Single(diagnostics).Id);
    }

    /// <summary>A project that references ASP.NET Core but declares no controller and maps no endpoint: AG7003 stays silent.</summary>
    [Fact]
    public async Task Entity_endpoint_rule_is_silent_without_controllers_and_map_calls()
    {
        var (_, diagnostics) = await RunAsync(new EntityEndpointAnalyzer(), TestReferences.All, """
            using System.Collections.Generic;
            using Microsoft.EntityFrameworkCore;

            namespace Shop.Api
            {
                public class Order { public int Id { get; set; } }
                public class ShopDb : DbContext { public DbSet<Order> Orders => Set<Order>(); }
                public class OrderQueries
                {
                    public List<Order> All(ShopDb db) => new List<Order>(db.Orders);
                    public Order? First(ShopDb db) => null;
                }
            }
            """);
        Assert.Empty(diagnostics);
    }

    private sealed class ConfigText(string text) : AdditionalText
    {
        public override string Path => "/shop/archgate.json";

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
