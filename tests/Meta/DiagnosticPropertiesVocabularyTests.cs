using System.Collections.Immutable;
using ArchGate.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Tests.Meta;

/// <summary>
/// Every diagnostic carries the one property vocabulary (src/Analyzers/Common/DiagnosticProperties.cs):
/// <c>rule</c> is its ID, and every rule outside ArchGate.Configuration names the key symbol of its finding
/// (the baseline fingerprint and SARIF consumers read it). Checked by running every analyzer over violating
/// code: the sample solution (which breaks nearly every rule, see samples/expected-diagnostics.txt) and the
/// realistic code of <see cref="RobustnessTests"/>.
/// </summary>
public class DiagnosticPropertiesVocabularyTests
{
    // What the Web SDK's ImplicitUsings give the sample projects (the sample is compiled here as one compilation).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    public static IEnumerable<object[]> Corpora()
    {
        yield return new object[] { "samples" };
        yield return new object[] { "realistic" };
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public async Task Every_diagnostic_carries_rule_and_symbol(string corpus)
    {
        var diagnostics = await AnalyzeAsync(corpus);

        // The corpus really is violating code: findings of many rules, so the check below is not vacuous.
        var rules = diagnostics.Select(d => d.Id).Distinct().ToList();
        Assert.True(rules.Count >= (corpus == "samples" ? 15 : 8), $"[{corpus}] only {rules.Count} rules reported: {string.Join(", ", rules)}");

        var problems = new List<string>();
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Rule, out var rule) || rule != diagnostic.Id)
            {
                problems.Add($"{diagnostic.Id}: property 'rule' is '{rule ?? "(absent)"}', not the ID: {diagnostic}");
            }

            if (diagnostic.Descriptor.Category != RuleCategories.Configuration
                && (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Symbol, out var symbol) || string.IsNullOrWhiteSpace(symbol)))
            {
                problems.Add($"{diagnostic.Id}: no 'symbol' property: {diagnostic}");
            }
        }

        Assert.True(problems.Count == 0, $"[{corpus}]\n" + string.Join("\n", problems.Distinct().Take(40)));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string corpus)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>();
        string config;
        if (corpus == "samples")
        {
            var samples = RepoPaths.Combine("samples");
            foreach (var file in Directory.EnumerateFiles(Path.Combine(samples, "src"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(samples, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                trees.Add(CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(file)), parse, "/samples/" + relative));
            }

            trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "/samples/GlobalUsings.g.cs"));
            config = File.ReadAllText(Path.Combine(samples, "archgate.json"));
        }
        else
        {
            trees.Add(CSharpSyntaxTree.ParseText(RobustnessTests.Realistic, parse, "/samples/Code.cs"));
            config = RobustnessTests.Config;
        }

        var compilation = CSharpCompilation.Create("Shop", trees, TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new Text("/samples/archgate.json", config))),
            onAnalyzerException: (ex, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {ex}"); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(RuleCatalog.Analyzers.ToImmutableArray(), options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.True(exceptions.Count == 0, string.Join("\n", exceptions));
        return diagnostics.Where(d => d.Id.StartsWith("AG", StringComparison.Ordinal)).ToImmutableArray();
    }

    private sealed class Text : AdditionalText
    {
        private readonly SourceText _text;

        public Text(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
