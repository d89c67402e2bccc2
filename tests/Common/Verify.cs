using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ArchGate.Tests;

/// <summary>Shared setup of every verifier test: real references, newest C#, nullable on.</summary>
internal static class TestSetup
{
    public const string ConfigFileName = "archgate.json";

    public static void Apply<TTest>(TTest test, string? config)
        where TTest : AnalyzerTest<DefaultVerifier>
    {
        test.ReferenceAssemblies = TestReferences.None;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        if (config is not null)
        {
            test.TestState.AdditionalFiles.Add((ConfigFileName, config));
        }

        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            options = options.WithNullableContextOptions(NullableContextOptions.Enable);
            var parse = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest);
            return solution.WithProjectCompilationOptions(projectId, options).WithProjectParseOptions(projectId, parse);
        });
    }
}

/// <summary>Runs one analyzer over C# sources (markup: <c>[|...|]</c>, <c>{|AG1001:...|}</c>, <c>{|#0:...|}</c>).</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
        => AnalyzerAsync(source, config: null, expected);

    public static Task AnalyzerAsync(string source, string? config, params DiagnosticResult[] expected)
    {
        var test = Create(config, source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>A test ready to run; add sources, projects or expectations before <c>RunAsync</c>.</summary>
    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create(string? config, params string[] sources)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        TestSetup.Apply(test, config);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        return test;
    }
}

/// <summary>Runs an analyzer and its code fix; checks the fixed code and that Fix All gives the same.</summary>
public static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static Task CodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        => CodeFixAsync(source, fixedSource, config: null, expected);

    public static Task CodeFixAsync(string source, string fixedSource, string? config, params DiagnosticResult[] expected)
    {
        var test = Create(config, source, fixedSource);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string? config, string source, string fixedSource)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
        };
        TestSetup.Apply(test, config);
        return test;
    }
}
