using System.Text.RegularExpressions;
using static ArchGate.Tests.Configuration.ConfigTest;

namespace ArchGate.Tests.Configuration;

/// <summary>The JSON examples of docs/rules/AG00xx.md are true: the violating one raises the rule, the fixed one is clean.</summary>
public class RuleDocExampleTests
{
    [Theory]
    [InlineData("AG0001")]
    [InlineData("AG0002")]
    [InlineData("AG0003")]
    [InlineData("AG0004")]
    [InlineData("AG0005")]
    [InlineData("AG0006")]
    [InlineData("AG0007")]
    [InlineData("AG0008")]
    [InlineData("AG0009")]
    public void Examples_of_the_rule_page_are_true(string id)
    {
        var page = File.ReadAllText(RepoPaths.Combine("docs", "rules", id + ".md"));
        var violating = Read(JsonBlockAfter(page, "## Violating example"));
        Assert.Contains(violating.Problems, p => p.Descriptor.Id == id);
        var fixedResult = Read(JsonBlockAfter(page, "## Fixed example"));
        Assert.True(fixedResult.Problems.IsEmpty, string.Join("\n", fixedResult.Problems.Select(p => p.Descriptor.Id + ": " + p.Message)));
    }

    private static string JsonBlockAfter(string page, string heading)
    {
        var at = page.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, heading + " missing");
        var match = Regex.Match(page.Substring(at), "```jsonc?\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, "no json block after " + heading);
        return match.Groups[1].Value;
    }
}
