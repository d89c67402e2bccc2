using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Baseline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Tests.Baseline;

/// <summary>
/// Runs every ArchGate analyzer and the baseline suppressor over a small solution laid out as on disk
/// (/repo/archgate.json, /repo/archgate.baseline.json, /repo/src/App/...), with the compiler-visible properties
/// the package's targets set, the way the command-line compiler does (suppressed diagnostics included).
/// </summary>
internal static class BaselineHarness
{
    public const string Root = "/repo";
    public const string BaselinePath = Root + "/archgate.baseline.json";
    public const string ProjectFile = Root + "/src/App/App.csproj";

    public const string Config = """
        {
          "layers": {
            "Api": { "namespaces": ["App.Api.**"] },
            "Domain": { "namespaces": ["App.Domain.**"] },
            "Infra": { "namespaces": ["App.Infra.**"] }
          },
          "dependencies": { "Api": ["Domain"], "Domain": [], "Infra": ["Domain"] }
        }
        """;

    public const string Infra = """
        namespace App.Infra
        {
            public class Db { public static int Count() => 0; }
            public class Cache { public static int Count() => 0; }
        }
        """;

    public static ImmutableArray<Diagnostic> Run(
        IReadOnlyDictionary<string, string> sources,
        string? baseline,
        bool write = false,
        ReportDiagnostic? ag1001Severity = null)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Value, new CSharpParseOptions(LanguageVersion.Latest), path: Root + "/src/App/" + s.Key))
            .Append(CSharpSyntaxTree.ParseText(Infra, new CSharpParseOptions(LanguageVersion.Latest), path: Root + "/src/App/Infra.cs"))
            .ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        if (ag1001Severity is { } severity)
        {
            options = options.WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("AG1001", severity));
        }

        var compilation = CSharpCompilation.Create("App", trees, TestReferences.All, options);
        var files = new List<AdditionalText> { new Text(Root + "/archgate.json", Config) };
        if (baseline is not null)
        {
            files.Add(new Text(BaselinePath, baseline));
        }

        var global = new Dictionary<string, string>
        {
            ["build_property._ArchGateBaselinePath"] = BaselinePath,
            ["build_property._ArchGateProjectFile"] = ProjectFile,
            ["build_property.ArchGateWriteBaseline"] = write ? "true" : "false",
        };
        var analyzerOptions = new AnalyzerOptions(files.ToImmutableArray(), new Provider(global));
        var analyzers = typeof(ArchGateAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>The baseline the writer task would produce from a write-mode run's AG0015 diagnostics.</summary>
    public static string WriteBaseline(IReadOnlyDictionary<string, string> sources)
    {
        var recorded = Run(sources, baseline: null, write: true).Where(d => d.Id == "AG0015").ToList();
        Assert.NotEmpty(recorded);
        var entries = recorded
            .GroupBy(d => (Rule: d.Properties["baselineRule"]!, File: d.Properties["baselineFile"]!, Member: d.Properties["baselineMember"]!, Symbol: d.Properties["baselineSymbol"]!))
            .OrderBy(g => g.Key.File, StringComparer.Ordinal).ThenBy(g => g.Key.Member, StringComparer.Ordinal)
            .Select(g => $"    {{ \"rule\": {Quote(g.Key.Rule)}, \"file\": {Quote(g.Key.File)}, \"member\": {Quote(g.Key.Member)}, \"symbol\": {Quote(g.Key.Symbol)}, \"count\": {g.Count().ToString(CultureInfo.InvariantCulture)} }}");
        return "{\n  // written in the test the way ArchGateWriteBaselineTask writes it\n  \"version\": 1,\n  \"entries\": [\n" + string.Join(",\n", entries) + "\n  ]\n}\n";
    }

    public static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    public static List<Diagnostic> Reported(this IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Where(d => d.Id == id && !d.IsSuppressed).ToList();

    public static List<Diagnostic> Suppressed(this IEnumerable<Diagnostic> diagnostics, string id) => diagnostics.Where(d => d.Id == id && d.IsSuppressed).ToList();

    private sealed class Text(string path, string content) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(content, Encoding.UTF8);
    }

    private sealed class Provider(IReadOnlyDictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                if (values.TryGetValue(key, out var found))
                {
                    value = found;
                    return true;
                }

                value = null!;
                return false;
            }
        }
    }
}
