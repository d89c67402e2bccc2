using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using ArchGate.Analyzers;
using ArchGate.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Robustness;

/// <summary>An additional file given as raw bytes (for non-UTF-8 and binary config fuzzing).</summary>
internal sealed class BytesAdditionalText : AdditionalText
{
    private readonly byte[] _bytes;

    public BytesAdditionalText(string path, byte[] bytes)
    {
        Path = path;
        _bytes = bytes;
    }

    public override string Path { get; }

    public override SourceText? GetText(CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(_bytes, writable: false);
        return SourceText.From(stream, encoding: null, checksumAlgorithm: SourceHashAlgorithm.Sha256, throwIfBinaryDetected: false);
    }
}

/// <summary>An analyzer exception caught by the driver (what the IDE shows as AD0001).</summary>
internal sealed record AnalyzerFailure(string Analyzer, string Input, string Exception);

/// <summary>Runs every ArchGate analyzer over a compilation, recording analyzer exceptions instead of hiding them.</summary>
internal static class AnalyzerRunner
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(ArchGateAnalyzer).Assembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = typeof(ArchGate.CodeFixes.Conventions.UseDbContextFactoryCodeFix).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithNullableContextOptions(NullableContextOptions.Enable);

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> sources, string assemblyName = "Shop.Infrastructure")
        => CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            TestReferences.All,
            CompilationOptions);

    /// <summary>Runs all analyzers; exceptions thrown inside analyzers are added to <paramref name="failures"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(
        Compilation compilation, ImmutableArray<AdditionalText> additionalFiles, string input,
        ConcurrentBag<AnalyzerFailure> failures, bool concurrent = true, CancellationToken cancellationToken = default)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles),
            onAnalyzerException: (exception, analyzer, diagnostic) =>
                failures.Add(new AnalyzerFailure(analyzer.GetType().Name, input, exception.ToString())),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id == "AD0001")
            {
                failures.Add(new AnalyzerFailure("AD0001", input, diagnostic.GetMessage()));
            }
        }

        return diagnostics;
    }

    /// <summary>
    /// The one property vocabulary (DiagnosticProperties): <c>rule</c> is the ID of every ArchGate diagnostic,
    /// and every rule outside ArchGate.Configuration names its key <c>symbol</c> (tests/Meta/DiagnosticPropertiesVocabularyTests
    /// checks the same on the sample; here on every corpus source as it is being typed).
    /// </summary>
    public static IEnumerable<string> VocabularyProblems(ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (!d.Id.StartsWith("AG", StringComparison.Ordinal))
            {
                continue;
            }

            if (!d.Properties.TryGetValue("rule", out var rule) || rule != d.Id)
            {
                yield return $"property 'rule' is '{rule ?? "(absent)"}', not the ID: {Describe(d)}";
            }

            if (d.Descriptor.Category != "ArchGate.Configuration" && (!d.Properties.TryGetValue("symbol", out var symbol) || string.IsNullOrWhiteSpace(symbol)))
            {
                yield return $"no 'symbol' property: {Describe(d)}";
            }
        }
    }

    public static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage()}";
    }
}
