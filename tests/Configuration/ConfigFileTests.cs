using System.Collections.Immutable;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using static ArchGate.Tests.Configuration.ConfigTest;

namespace ArchGate.Tests.Configuration;

/// <summary>Which additional files are ArchGate configuration: by name, by the package's item metadata; more than one is AG0011.</summary>
public class ConfigFileTests
{
    [Fact]
    public async Task Two_config_files_are_AG0011_on_the_one_not_used()
    {
        var test = Verify<ConfigurationAnalyzer>.Create(null, "class C { }");
        test.TestState.AdditionalFiles.Add(("/repo/archgate.json", "{ \"requireLayer\": true }"));
        test.TestState.AdditionalFiles.Add(("/repo/src/Shop.Api/archgate.json", "{ \"requireLayer\": tru }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0011", DiagnosticSeverity.Error).WithSpan("/repo/src/Shop.Api/archgate.json", 1, 1, 1, 1)
            .WithMessage("this project sees more than one ArchGate configuration file: '/repo/archgate.json' is used, '/repo/src/Shop.Api/archgate.json' is not. Keep one archgate.json for the solution (or point ArchGateConfigFile at one)."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Problems_of_the_used_file_are_still_reported_when_there_are_two()
    {
        var test = Verify<ConfigurationAnalyzer>.Create(null, "class C { }");
        test.TestState.AdditionalFiles.Add(("/repo/archgate.json", "{ \"requireLayer\": tru }"));
        test.TestState.AdditionalFiles.Add(("/repo/other/ArchGate.json", "{ }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0001", DiagnosticSeverity.Error).WithSpan("/repo/archgate.json", 1, 19, 1, 22));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0011", DiagnosticSeverity.Error).WithSpan("/repo/other/ArchGate.json", 1, 1, 1, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task File_marked_by_the_package_metadata_is_read_whatever_its_name()
    {
        // The package's targets mark the file chosen with ArchGateConfigFile with the item metadata
        // ArchGateConfig=true (CompilerVisibleItemMetadata), which the compiler passes as this global config.
        var test = Verify<ConfigurationAnalyzer>.Create(null, "class C { }");
        test.TestState.AdditionalFiles.Add(("/repo/build/architecture.jsonc", "{\n  \"requireLayers\": true\n}"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n\n[/repo/build/architecture.jsonc]\nbuild_metadata.AdditionalFiles.ArchGateConfig = true\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0002", DiagnosticSeverity.Error).WithSpan("/repo/build/architecture.jsonc", 2, 3, 2, 18));
        await test.RunAsync();
    }

    [Fact]
    public async Task Other_additional_files_are_not_read()
    {
        var test = Verify<ConfigurationAnalyzer>.Create(null, "class C { }");
        test.TestState.AdditionalFiles.Add(("/repo/appsettings.json", "{ not json at all"));
        test.TestState.AdditionalFiles.Add(("/repo/archgate.json.bak", "{"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n\n[/repo/appsettings.json]\nbuild_metadata.AdditionalFiles.ArchGateConfig = false\n"));
        await test.RunAsync();
    }

    [Fact]
    public void IsConfigFile_by_name_and_by_metadata()
    {
        var named = new TextFile("/x/ArchGate.JSON");
        var marked = new TextFile("/x/rules.json");
        var other = new TextFile("/x/rules2.json");
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(named, marked, other), new MarkedOptions(marked.Path));
        Assert.True(ConfigLoader.IsConfigFile(options, named));
        Assert.True(ConfigLoader.IsConfigFile(options, marked));
        Assert.False(ConfigLoader.IsConfigFile(options, other));
        // The marked file (ArchGateConfigFile) is the one used, whatever the item order.
        Assert.Equal(new[] { marked.Path, named.Path }, ConfigLoader.FindConfigFiles(options, CancellationToken.None).Select(f => f.Path));
    }

    [Fact]
    public async Task The_file_nearest_the_root_is_used_whatever_the_item_order()
    {
        var test = Verify<ConfigurationAnalyzer>.Create(null, "class C { }");
        test.TestState.AdditionalFiles.Add(("/repo/src/archgate.json", "{ }"));
        test.TestState.AdditionalFiles.Add(("/repo/archgate.json", "{ \"requireLayer\": 1 }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0003", DiagnosticSeverity.Error).WithSpan("/repo/archgate.json", 1, 19, 1, 20));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0011", DiagnosticSeverity.Error).WithSpan("/repo/src/archgate.json", 1, 1, 1, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task Severity_of_a_config_diagnostic_is_configurable_in_a_global_config()
    {
        var test = Verify<ConfigurationAnalyzer>.Create("{ \"requireLayer\": true, \"requireLayer\": true, \"requireLayers\": 1 }", "class C { }");
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.AG0006.severity = warning\ndotnet_diagnostic.AG0002.severity = none\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0006", DiagnosticSeverity.Warning).WithSpan(ConfigFile, 1, 25, 1, 39));
        await test.RunAsync();
    }

    [Fact]
    public Task No_config_file_no_diagnostic() => Verify<ConfigurationAnalyzer>.AnalyzerAsync("class C { }");

    private sealed class TextFile(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From("{}");
    }

    private sealed class MarkedOptions(string markedPath) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(false);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(false);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(textFile.Path == markedPath);

        private sealed class Options(bool marked) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = marked && key == ConfigLoader.MetadataKey ? "true" : null;
                return value is not null;
            }
        }
    }
}
