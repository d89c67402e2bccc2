using ArchGate.Analyzers;
using ArchGate.Analyzers.Transactions;
using Microsoft.CodeAnalysis;

namespace ArchGate.Tests.Transactions;

/// <summary>The AG50xx descriptors: IDs in the family's range, category, severity, help page, release row.</summary>
public class TransactionDescriptorTests
{
    public static TheoryData<string, string> Rules => new()
    {
        { "AG5001", nameof(SaveChangesScopeAnalyzer) },
        { "AG5002", nameof(SaveChangesInLoopAnalyzer) },
        { "AG5003", nameof(SeveralSaveChangesAnalyzer) },
        { "AG5004", nameof(TransactionLifetimeAnalyzer) },
        { "AG5005", nameof(ExternalCallInTransactionAnalyzer) },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Descriptor_is_complete(string id, string analyzerName)
    {
        var analyzer = (ArchGateAnalyzer)Activator.CreateInstance(typeof(SaveChangesScopeAnalyzer).Assembly.GetType("ArchGate.Analyzers.Transactions." + analyzerName)!)!;
        var descriptor = Assert.Single(analyzer.SupportedDiagnostics);

        Assert.Equal(id, descriptor.Id);
        Assert.Equal(RuleCategories.Transactions, descriptor.Category);
        Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.EndsWith("docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);

        var doc = File.ReadAllText(RepoPaths.Combine("docs", "rules", id + ".md"));
        Assert.StartsWith("# " + id + ": " + descriptor.Title, doc, StringComparison.Ordinal);
        foreach (var section in new[] { "## Why", "## Violating example", "## Fixed example", "## Options", "## How to suppress" })
        {
            Assert.Contains(section, doc, StringComparison.Ordinal);
        }

        var releases = File.ReadAllText(RepoPaths.Combine("src", "Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(id + " | ArchGate.Transactions | Warning | " + descriptor.Title, releases, StringComparison.Ordinal);
    }
}
