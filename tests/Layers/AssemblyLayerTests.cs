using System.Collections.Immutable;
using ArchGate.Analyzers.Layers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Layers.LayerAnalyzer>;

namespace ArchGate.Tests.Layers;

/// <summary>
/// Layers declared by <c>assemblies</c>, with two real compilations: the test project (assembly
/// <c>TestProject</c>) referencing another project, or the other compilation's emitted metadata. AG1003
/// is the reference itself.
/// </summary>
public class AssemblyLayerTests
{
    private const string Config = """
        {
          "layers": {
            "Domain":         { "namespaces": ["Shop.Domain.**"], "assemblies": ["TestProject"] },
            "Legacy":         { "assemblies": ["Legacy.Data"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
          },
          "dependencies": { "Domain": [], "Legacy": [], "Infrastructure": ["Domain", "Legacy"] },
          "compositionRoot": ["Shop.Hosting.**"]
        }
        """;

    private const string LegacySource = """
        namespace Acme.Storage
        {
            public class Store
            {
                public static Store Open() => new Store();
            }
        }
        """;

    private const string InfrastructureSource = """
        namespace Shop.Infrastructure
        {
            public class Db { }
        }
        """;

    private const string UsesStore = """
        namespace Shop.Domain.Orders
        {
            public class Order
            {
                public Acme.Storage.{|#0:Store|}? Store { get; set; }
            }
        }
        """;

    private static readonly DiagnosticResult StoreUse = Verifier.Diagnostic("AG1001").WithLocation(0).WithArguments(
        "Shop.Domain.Orders.Order", "Domain", "Acme.Storage.Store", "Legacy", "nothing outside itself", "Domain");

    private static readonly DiagnosticResult LegacyReference = Verifier.Diagnostic("AG1003").WithArguments(
        "TestProject", "Domain", "Legacy.Data", "Legacy", "nothing outside itself", "Domain");

    [Fact]
    public async Task Layer_by_assembly_through_a_project_reference()
    {
        var test = Verifier.Create(Config, UsesStore);
        AddProject(test, "Legacy.Data", LegacySource);
        test.ExpectedDiagnostics.Add(StoreUse);
        test.ExpectedDiagnostics.Add(LegacyReference);
        await test.RunAsync();
    }

    [Fact]
    public async Task Layer_by_assembly_through_emitted_metadata()
    {
        var test = Verifier.Create(Config, UsesStore);
        test.TestState.AdditionalReferences.Add(Emit("Legacy.Data", LegacySource));
        test.ExpectedDiagnostics.Add(StoreUse);
        test.ExpectedDiagnostics.Add(LegacyReference);
        await test.RunAsync();
    }

    [Fact]
    public async Task Allowed_assembly_layer_is_silent()
    {
        var config = Config.Replace("\"Domain\": []", "\"Domain\": [\"Legacy\"]");
        var test = Verifier.Create(config, UsesStore.Replace("{|#0:", "").Replace("|}", ""));
        test.TestState.AdditionalReferences.Add(Emit("Legacy.Data", LegacySource));
        await test.RunAsync();
    }

    [Fact]
    public async Task Unused_reference_to_a_forbidden_layer_is_reported_once()
    {
        var test = Verifier.Create(Config, "namespace Shop.Domain.Orders { public class Order { } }");
        AddProject(test, "Shop.Infrastructure", InfrastructureSource);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(LayerAnalyzer.ForbiddenAssemblyReference).WithMessage(
            "Assembly 'TestProject' (layer Domain) references assembly 'Shop.Infrastructure' (layer Infrastructure); Domain may use: nothing outside itself (archgate.json: dependencies.Domain). Remove the project or assembly reference and depend on an abstraction declared in Domain instead."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Project_with_a_composition_root_may_reference_every_layer()
    {
        var test = Verifier.Create(Config, "namespace Shop.Hosting { public static class Startup { public static object Make() => new Shop.Infrastructure.Db(); } }");
        AddProject(test, "Shop.Infrastructure", InfrastructureSource);
        await test.RunAsync();
    }

    [Fact]
    public async Task Allowed_reference_is_silent()
    {
        // TestProject is now declared an Infrastructure assembly, and Infrastructure may use Legacy.
        var config = Config.Replace("\"assemblies\": [\"TestProject\"]", "\"assemblies\": [\"Shop.Domain\"]")
            .Replace("\"namespaces\": [\"Shop.Infrastructure.**\"]", "\"namespaces\": [\"Shop.Infrastructure.**\"], \"assemblies\": [\"TestProject\"]");
        var test = Verifier.Create(config, "namespace Shop.Infrastructure.Storage { public class Repo { public Acme.Storage.Store? Store { get; set; } } }");
        AddProject(test, "Legacy.Data", LegacySource);
        await test.RunAsync();
    }

    [Fact]
    public async Task Compilation_in_no_layer_is_not_restricted()
    {
        var config = Config.Replace(", \"assemblies\": [\"TestProject\"]", string.Empty);
        var test = Verifier.Create(config, "namespace Shop.Tools { public class Seeder { public Acme.Storage.Store? Store { get; set; } } }");
        AddProject(test, "Legacy.Data", LegacySource);
        await test.RunAsync();
    }

    [Fact]
    public async Task Diagnostics_carry_machine_readable_properties()
    {
        var legacy = Emit("Legacy.Data", LegacySource);
        var tree = CSharpSyntaxTree.ParseText(UsesStore.Replace("{|#0:", "").Replace("|}", ""), path: "Order.cs");
        var compilation = CSharpCompilation.Create("TestProject", new[] { tree }, TestReferences.All.Add(legacy),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("archgate.json", Config)));
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new LayerAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();

        var use = Assert.Single(diagnostics, d => d.Id == "AG1001");
        Assert.Equal("Shop.Domain.Orders.Order", use.Properties["sourceType"]);
        Assert.Equal("Domain", use.Properties["sourceLayer"]);
        Assert.Equal("Acme.Storage.Store", use.Properties["targetSymbol"]);
        Assert.Equal("Legacy", use.Properties["targetLayer"]);
        Assert.Equal(string.Empty, use.Properties["allowedLayers"]);
        Assert.Equal("dependencies.Domain", use.Properties["configPath"]);
        Assert.Equal("Store", tree.GetText().ToString(use.Location.SourceSpan));

        var reference = Assert.Single(diagnostics, d => d.Id == "AG1003");
        Assert.Equal(Location.None, reference.Location);
        Assert.Equal("TestProject", reference.Properties["sourceAssembly"]);
        Assert.Equal("Legacy.Data", reference.Properties["targetAssembly"]);
        Assert.Equal("Legacy", reference.Properties["targetLayer"]);
        Assert.Equal("dependencies.Domain", reference.Properties["configPath"]);
        Assert.Equal(2, diagnostics.Length);
    }

    private static void AddProject(CSharpAnalyzerTest<LayerAnalyzer, DefaultVerifier> test, string name, string source)
    {
        var project = test.TestState.AdditionalProjects[name];
        project.Sources.Add(source);
        project.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AdditionalProjectReferences.Add(name);
    }

    private static MetadataReference Emit(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(assemblyName, new[] { CSharpSyntaxTree.ParseText(source) }, TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
