using System.Text.Json;

namespace ArchGate.EndToEnd;

/// <summary>
/// The package's buildTransitive props/targets as MSBuild evaluates them in a consuming project (the restored
/// sample), without compiling: which archgate.json reaches the analyzers, and what strict mode adds.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MSBuildIntegrationTests
{
    private readonly SampleFixture _fixture;

    public MSBuildIntegrationTests(SampleFixture fixture) => _fixture = fixture;

    private string DomainProject => Path.Combine(_fixture.SampleRoot, "src", "Shop.Domain", "Shop.Domain.csproj");

    private JsonElement Evaluate(params string[] arguments)
    {
        var result = DotNet.Run(_fixture.SampleRoot, new[] { "msbuild", DomainProject, $"-p:ArchGateVersion={_fixture.Version}",
            "-getItem:AdditionalFiles", "-getItem:EditorConfigFiles", "-getItem:CompilerVisibleItemMetadata", "-getItem:CompilerVisibleProperty" }.Concat(arguments).ToArray());
        Assert.True(result.ExitCode == 0, result.Describe());
        return JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]).RootElement;
    }

    private static List<JsonElement> Items(JsonElement evaluation, string itemType) =>
        evaluation.GetProperty("Items").TryGetProperty(itemType, out var items) ? items.EnumerateArray().ToList() : new List<JsonElement>();

    private static string? Metadata(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static List<JsonElement> ConfigItems(JsonElement evaluation) =>
        Items(evaluation, "AdditionalFiles").Where(i => Metadata(i, "ArchGateConfig") == "true").ToList();

    [Fact]
    public void Nearest_archgate_json_above_the_project_is_an_additional_file_once()
    {
        var evaluation = Evaluate();

        var config = Assert.Single(ConfigItems(evaluation));
        Assert.Equal(Path.Combine(_fixture.SampleRoot, "archgate.json"), Metadata(config, "FullPath"));
        Assert.Single(Items(evaluation, "AdditionalFiles"), i => Metadata(i, "Filename") + Metadata(i, "Extension") == "archgate.json");
        Assert.Contains(Items(evaluation, "CompilerVisibleItemMetadata"),
            i => Metadata(i, "Identity") == "AdditionalFiles" && Metadata(i, "MetadataName") == "ArchGateConfig");
    }

    [Fact]
    public void Archgate_json_the_project_already_lists_is_not_added_twice()
    {
        var original = File.ReadAllText(DomainProject);
        File.WriteAllText(DomainProject, original.Replace("</Project>",
            "  <ItemGroup>\n    <AdditionalFiles Include=\"..\\..\\archgate.json\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
        try
        {
            var evaluation = Evaluate();

            var item = Assert.Single(Items(evaluation, "AdditionalFiles"), i => Metadata(i, "Filename") + Metadata(i, "Extension") == "archgate.json");
            Assert.Equal("true", Metadata(item, "ArchGateConfig"));
        }
        finally
        {
            File.WriteAllText(DomainProject, original);
        }
    }

    [Fact]
    public void ArchGateConfigFile_overrides_the_walk_up_and_marks_a_file_with_another_name()
    {
        var alternative = Path.Combine(_fixture.SampleRoot, "architecture.json");
        File.Copy(Path.Combine(_fixture.SampleRoot, "archgate.json"), alternative, overwrite: true);
        try
        {
            var evaluation = Evaluate("-p:ArchGateConfigFile=../../architecture.json");

            var config = Assert.Single(ConfigItems(evaluation));
            Assert.Equal(alternative, Metadata(config, "FullPath"));
            Assert.DoesNotContain(Items(evaluation, "AdditionalFiles"), i => Metadata(i, "Filename") + Metadata(i, "Extension") == "archgate.json");
        }
        finally
        {
            File.Delete(alternative);
        }
    }

    [Fact]
    public void Baseline_next_to_archgate_json_is_an_additional_file_and_the_gate_inputs_are_compiler_visible()
    {
        var baseline = Path.Combine(_fixture.SampleRoot, "archgate.baseline.json");
        File.WriteAllText(baseline, "{ \"version\": 1, \"entries\": [] }");
        try
        {
            var evaluation = Evaluate();

            var item = Assert.Single(Items(evaluation, "AdditionalFiles"), i => Metadata(i, "ArchGateBaseline") == "true");
            Assert.Equal(baseline, Metadata(item, "FullPath"));
            var visible = Items(evaluation, "CompilerVisibleProperty").Select(i => Metadata(i, "Identity")).ToList();
            Assert.Contains("ArchGateMode", visible);
            Assert.Contains("ArchGateWriteBaseline", visible);
            Assert.Contains("_ArchGateInputs", visible);
        }
        finally
        {
            File.Delete(baseline);
        }

        Assert.DoesNotContain(Items(Evaluate(), "AdditionalFiles"), i => Metadata(i, "ArchGateBaseline") == "true");
    }

    [Fact]
    public void Strict_mode_adds_the_shipped_globalconfig_and_default_mode_does_not()
    {
        static bool IsStrictConfig(JsonElement item) =>
            Metadata(item, "Filename") + Metadata(item, "Extension") == "ArchGate.Analyzers.strict.globalconfig"
            && File.Exists(Metadata(item, "FullPath"));

        Assert.Contains(Items(Evaluate("-p:ArchGateMode=strict"), "EditorConfigFiles"), IsStrictConfig);
        Assert.DoesNotContain(Items(Evaluate(), "EditorConfigFiles"), IsStrictConfig);
    }
}
