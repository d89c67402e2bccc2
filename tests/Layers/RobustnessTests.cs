using System.Collections.Immutable;
using ArchGate.Analyzers.Layers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Tests.Layers;

/// <summary>Incomplete and garbage code, as typed in an editor: the layer analyzer never throws.</summary>
public class RobustnessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("namespace")]
    [InlineData("class { void ( => new(; } namespace Shop.Domain.X; using static ; [ ] public Shop.Infrastructure. ")]
    [InlineData("namespace Shop.Domain.X { class A : A { A() : this() { } object o = new() { X = }; int P => nameof(; } }")]
    [InlineData("using X = ; global using static Shop.Infrastructure.Db<; namespace Shop.Domain.Y { enum E { A = B, B = A } delegate }")]
    [InlineData("namespace Shop.Domain.Z; public class C(Shop.Infrastructure.Db db) : Shop.Shared.Holder(db.) { [Shop.Infrastructure.Db(Order = )] void M(int x = Shop.Infrastructure.Db.) { } }")]
    [InlineData("System.Console.WriteLine(new Shop.Infrastructure.Db(; class { }")]
    public async Task Garbage_source_does_not_throw(string source)
    {
        var config = LayerSources.Config.Replace("\"compositionRoot\"", "\"requireLayer\": true, \"compositionRoot\"");
        var compilation = CSharpCompilation.Create(
            "TestProject",
            new[] { CSharpSyntaxTree.ParseText(source, path: "Garbage.cs"), CSharpSyntaxTree.ParseText(LayerSources.Targets, path: "Targets.cs") },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("archgate.json", config))),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LayerAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.All(diagnostics, d => Assert.StartsWith("AG100", d.Id, StringComparison.Ordinal));
    }
}

/// <summary>An additional file held in memory (archgate.json for direct compilations).</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
