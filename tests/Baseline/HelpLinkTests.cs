using System.Reflection;
using ArchGate.Tests.Meta;

namespace ArchGate.Tests.Baseline;

/// <summary>
/// Help links come from one property (ArchGateDocsBaseUrl in Directory.Build.props, compiled into the assemblies as
/// AssemblyMetadata): every descriptor's link is that base + docs/rules/ID.md, and the page exists.
/// </summary>
public class HelpLinkTests
{
    private static string ConfiguredBase()
    {
        var value = typeof(HelpLinkTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ArchGateDocsBaseUrl").Value;
        Assert.False(string.IsNullOrEmpty(value));
        return value!.EndsWith('/') ? value : value + "/";
    }

    [Fact]
    public void The_analyzer_assembly_carries_the_same_docs_base_as_the_build()
    {
        var analyzerValue = typeof(ArchGate.Analyzers.ArchGateAnalyzer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ArchGateDocsBaseUrl").Value;
        Assert.Equal(ConfiguredBase().TrimEnd('/'), analyzerValue!.TrimEnd('/'));
        Assert.StartsWith("https://", analyzerValue, StringComparison.Ordinal);
        Assert.DoesNotContain("github.com/archgate/archgate", analyzerValue, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_help_link_is_the_docs_base_and_an_existing_rule_page()
    {
        var docsBase = ConfiguredBase();
        var problems = new List<string>();
        foreach (var d in RuleCatalog.Descriptors)
        {
            var expected = docsBase + "docs/rules/" + d.Id + ".md";
            if (d.HelpLinkUri != expected)
            {
                problems.Add($"{d.Id}: help link '{d.HelpLinkUri}', expected '{expected}'.");
            }

            if (!File.Exists(RepoPaths.Combine("docs", "rules", d.Id + ".md")))
            {
                problems.Add($"{d.Id}: docs/rules/{d.Id}.md does not exist.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_schema_id_is_under_the_same_docs_base()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("docs", "archgate.schema.json")));
        Assert.Equal(ConfiguredBase() + "docs/archgate.schema.json", schema.RootElement.GetProperty("$id").GetString());
    }
}
