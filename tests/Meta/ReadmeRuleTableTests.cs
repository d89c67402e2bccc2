using System.Text;
using Microsoft.CodeAnalysis;

namespace ArchGate.Tests.Meta;

/// <summary>
/// The rule table of README.md, between <c>&lt;!-- rules:start --&gt;</c> and <c>&lt;!-- rules:end --&gt;</c>,
/// lists exactly the shipped descriptors (ID, category, default severity, title).
/// To regenerate it after adding or changing a rule, run the tests with ARCHGATE_UPDATE_README=1:
/// <c>ARCHGATE_UPDATE_README=1 dotnet test tests/ArchGate.Tests.csproj --filter "FullyQualifiedName~ReadmeRuleTable"</c>
/// (the table is rewritten in place and the test passes; commit the README change).
/// A missing README.md or missing markers is a failure, never a skip.
/// </summary>
public class ReadmeRuleTableTests
{
    public const string StartMarker = "<!-- rules:start -->";
    public const string EndMarker = "<!-- rules:end -->";
    public const string UpdateVariable = "ARCHGATE_UPDATE_README";

    [Fact]
    public void Readme_rule_table_matches_the_descriptors()
    {
        var path = RepoPaths.Combine("README.md");
        Assert.True(File.Exists(path), $"README.md is missing at {path}; it must contain the rule table between '{StartMarker}' and '{EndMarker}' (run the tests with {UpdateVariable}=1 to fill it once the markers exist).");
        var readme = File.ReadAllText(path);
        var start = readme.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = readme.IndexOf(EndMarker, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no '{StartMarker}' ... '{EndMarker}' block (in that order) for the rule table.");

        var expected = GenerateTable(RuleCatalog.Descriptors);
        var current = readme.Substring(start + StartMarker.Length, end - start - StartMarker.Length);
        if (Normalize(current) == Normalize(expected))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var newline = readme.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            var updated = readme.Substring(0, start + StartMarker.Length) + newline + expected.Replace("\n", newline, StringComparison.Ordinal) + readme.Substring(end);
            File.WriteAllText(path, updated);
            return;
        }

        Assert.Fail($"The rule table in README.md is out of date. Run the tests with {UpdateVariable}=1 to regenerate it. Expected:\n{expected}\nFound:\n{current.Trim()}");
    }

    [Fact]
    public void Generated_table_has_one_row_per_descriptor_in_id_order()
    {
        var table = GenerateTable(RuleCatalog.Descriptors);
        var lines = table.TrimEnd('\n').Split('\n');
        Assert.Equal("| ID | Category | Severity | Title |", lines[0]);
        Assert.Equal(RuleCatalog.Descriptors.Count + 2, lines.Length);
        Assert.StartsWith("| [AG0001](docs/rules/AG0001.md) | ArchGate.Configuration | Error | ", lines[2], StringComparison.Ordinal);
    }

    /// <summary>The table: a header, then one row per descriptor ordered by ID; the ID links to its rule page.</summary>
    public static string GenerateTable(IEnumerable<DiagnosticDescriptor> descriptors)
    {
        var sb = new StringBuilder();
        sb.Append("| ID | Category | Severity | Title |\n");
        sb.Append("|----|----------|----------|-------|\n");
        foreach (var d in descriptors.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            var title = d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace("|", "\\|", StringComparison.Ordinal);
            sb.Append("| [").Append(d.Id).Append("](docs/rules/").Append(d.Id).Append(".md) | ")
                .Append(d.Category).Append(" | ").Append(d.DefaultSeverity).Append(" | ").Append(title).Append(" |\n");
        }

        return sb.ToString();
    }

    private static string Normalize(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
