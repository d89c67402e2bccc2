using ArchGate.Analyzers.Baseline;
using Microsoft.CodeAnalysis;
using static ArchGate.Tests.Baseline.BaselineHarness;

namespace ArchGate.Tests.Baseline;

/// <summary>
/// archgate.baseline.json applied by the suppressor and checked by the baseline analyzer: baselined findings are
/// suppressed (still listed, as suppressed), new ones are reported, stale entries are AG0014, broken files AG0013.
/// </summary>
public class BaselineTests
{
    private const string Orders = """
        namespace App.Api
        {
            public class OrdersEndpoint
            {
                public int List() => App.Infra.Db.Count();

                public int Other() => 1;
            }
        }
        """;

    private static Dictionary<string, string> Sources(string orders) => new() { ["Orders.cs"] = orders };

    [Fact]
    public void Without_a_baseline_the_finding_is_reported()
    {
        var diagnostics = Run(Sources(Orders), baseline: null);
        Assert.NotEmpty(diagnostics.Reported("AG1001"));
        Assert.Empty(diagnostics.Suppressed("AG1001"));
        Assert.DoesNotContain(diagnostics, d => d.Id is "AG0013" or "AG0014" or "AG0015");
    }

    [Fact]
    public void Write_mode_records_every_finding_with_its_fingerprint_and_suppresses_it()
    {
        var diagnostics = Run(Sources(Orders), baseline: null, write: true);
        Assert.Empty(diagnostics.Reported("AG1001"));
        var suppressed = diagnostics.Suppressed("AG1001");
        Assert.NotEmpty(suppressed);
        var recorded = diagnostics.Reported("AG0015");
        Assert.Equal(suppressed.Count, recorded.Count);
        var first = recorded[0];
        Assert.Equal(DiagnosticSeverity.Info, first.Severity);
        Assert.Equal("AG1001", first.Properties["baselineRule"]);
        Assert.Equal("src/App/Orders.cs", first.Properties["baselineFile"]);
        Assert.Equal("M:App.Api.OrdersEndpoint.List", first.Properties["baselineMember"]);
        Assert.False(string.IsNullOrEmpty(first.Properties["baselineSymbol"]));
        Assert.DoesNotMatch(@"\bline \d", first.Properties["baselineSymbol"]!);
    }

    [Fact]
    public void Baselined_findings_are_suppressed_and_the_baseline_is_not_stale()
    {
        var baseline = WriteBaseline(Sources(Orders));
        var diagnostics = Run(Sources(Orders), baseline);
        Assert.Empty(diagnostics.Reported("AG1001"));
        Assert.NotEmpty(diagnostics.Suppressed("AG1001"));
        Assert.DoesNotContain(diagnostics, d => d.Id is "AG0013" or "AG0014" or "AG0015");
    }

    [Fact]
    public void Baselined_findings_stay_suppressed_when_errors_by_severity_configuration()
    {
        var baseline = WriteBaseline(Sources(Orders));
        var diagnostics = Run(Sources(Orders), baseline, ag1001Severity: ReportDiagnostic.Error);
        Assert.Empty(diagnostics.Reported("AG1001"));
        Assert.All(diagnostics.Suppressed("AG1001"), d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.NotEmpty(diagnostics.Suppressed("AG1001"));
    }

    [Fact]
    public void Moving_the_code_down_twenty_lines_and_reformatting_keeps_it_baselined()
    {
        var baseline = WriteBaseline(Sources(Orders));
        var moved = Orders.Replace("    public class OrdersEndpoint\n", "    // a comment\n" + string.Concat(Enumerable.Repeat("\n", 20)) + "    public class OrdersEndpoint\n", StringComparison.Ordinal)
            .Replace("public int List() => App.Infra.Db.Count();", "public int List()\n        {\n            return App.Infra.Db.Count();\n        }", StringComparison.Ordinal);
        Assert.NotEqual(Orders, moved);
        var diagnostics = Run(Sources(moved), baseline);
        Assert.Empty(diagnostics.Reported("AG1001"));
        Assert.NotEmpty(diagnostics.Suppressed("AG1001"));
        Assert.Empty(diagnostics.Reported("AG0014"));
    }

    [Fact]
    public void A_new_finding_in_the_baselined_member_is_reported()
    {
        // AG1001 reports one decision per (member, forbidden type): a second use of App.Infra.Db in List() is the
        // same decision, a use of another forbidden type there is a new one.
        var baseline = WriteBaseline(Sources(Orders));
        var before = Run(Sources(Orders), baseline).Suppressed("AG1001").Count;
        var more = Orders.Replace("public int List() => App.Infra.Db.Count();", "public int List() => App.Infra.Db.Count() + App.Infra.Cache.Count();", StringComparison.Ordinal);
        var diagnostics = Run(Sources(more), baseline);
        Assert.Equal(before, diagnostics.Suppressed("AG1001").Count);
        var reported = Assert.Single(diagnostics.Reported("AG1001"));
        Assert.Equal("App.Infra.Cache", reported.Properties["symbol"]);
        Assert.Empty(diagnostics.Reported("AG0014"));
    }

    [Fact]
    public void A_finding_beyond_the_count_of_its_fingerprint_is_reported()
    {
        // Two AG3001 findings at the same sink in one member share a fingerprint: the baseline counts them.
        const string Sql = """
            namespace App.Infra
            {
                public class Reports
                {
                    public void Purge(Microsoft.EntityFrameworkCore.DbContext db, string name)
                    {
                        Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRaw(db.Database, "DELETE FROM T WHERE Name = '" + name + "'");
                    }
                }
            }
            """;
        var once = new Dictionary<string, string> { ["Reports.cs"] = Sql };
        var baseline = WriteBaseline(once);
        Assert.Contains("\"count\": 1", baseline, StringComparison.Ordinal);
        Assert.Empty(Run(once, baseline).Reported("AG3001"));

        var call = "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRaw(db.Database, \"DELETE FROM T WHERE Name = '\" + name + \"'\");";
        var twice = new Dictionary<string, string> { ["Reports.cs"] = Sql.Replace(call, call + "\n            " + call.Replace("DELETE FROM T", "DELETE FROM U", StringComparison.Ordinal), StringComparison.Ordinal) };
        var diagnostics = Run(twice, baseline);
        Assert.Single(diagnostics.Suppressed("AG3001"));
        Assert.Single(diagnostics.Reported("AG3001"));
    }

    [Fact]
    public void A_finding_in_a_new_member_is_reported()
    {
        var baseline = WriteBaseline(Sources(Orders));
        var more = Orders.Replace("public int Other() => 1;", "public int Other() => App.Infra.Db.Count();", StringComparison.Ordinal);
        var diagnostics = Run(Sources(more), baseline);
        var reported = Assert.Single(diagnostics.Reported("AG1001"), d => d.Location.GetLineSpan().StartLinePosition.Line == 6);
        Assert.NotNull(reported);
        Assert.All(diagnostics.Reported("AG1001"), d => Assert.Equal(6, d.Location.GetLineSpan().StartLinePosition.Line));
    }

    [Fact]
    public void A_finding_in_another_file_with_the_same_code_is_reported()
    {
        var baseline = WriteBaseline(Sources(Orders));
        var sources = Sources(Orders);
        sources["Copy.cs"] = Orders.Replace("OrdersEndpoint", "OrdersEndpoint2", StringComparison.Ordinal);
        var diagnostics = Run(sources, baseline);
        Assert.NotEmpty(diagnostics.Reported("AG1001"));
        Assert.All(diagnostics.Reported("AG1001"), d => Assert.EndsWith("Copy.cs", d.Location.SourceTree!.FilePath, StringComparison.Ordinal));
    }

    [Fact]
    public void Fixing_a_baselined_finding_makes_its_entry_stale_at_its_line()
    {
        var baseline = WriteBaseline(Sources(Orders));
        var fixedCode = Orders.Replace("public int List() => App.Infra.Db.Count();", "public int List() => 0;", StringComparison.Ordinal);
        var diagnostics = Run(Sources(fixedCode), baseline);
        Assert.Empty(diagnostics.Reported("AG1001"));
        var stale = Assert.Single(diagnostics.Reported("AG0014"));
        Assert.Equal(DiagnosticSeverity.Warning, stale.Severity);
        var span = stale.Location.GetLineSpan();
        Assert.Equal(BaselinePath, span.Path);
        var entryLine = baseline.Split('\n').ToList().FindIndex(l => l.Contains("\"rule\": \"AG1001\"", StringComparison.Ordinal));
        Assert.Equal(entryLine, span.StartLinePosition.Line);
        Assert.Contains("matches no finding", stale.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_of_files_of_other_projects_are_neither_stale_nor_applied_here()
    {
        var baseline = WriteBaseline(Sources(Orders)).Replace("src/App/Orders.cs", "src/Other/Orders.cs", StringComparison.Ordinal);
        var diagnostics = Run(Sources(Orders), baseline);
        Assert.Empty(diagnostics.Reported("AG0014"));
        Assert.NotEmpty(diagnostics.Reported("AG1001"));
        Assert.Empty(diagnostics.Suppressed("AG1001"));
    }

    [Fact]
    public void A_count_larger_than_the_findings_is_stale_with_the_count_to_write()
    {
        var baseline = WriteBaseline(Sources(Orders));
        var inflated = System.Text.RegularExpressions.Regex.Replace(baseline, "\"count\": (\\d+)", m => "\"count\": " + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1));
        var diagnostics = Run(Sources(Orders), inflated);
        var stale = Assert.Single(diagnostics.Reported("AG0014"));
        Assert.Contains("only", stale.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(diagnostics.Reported("AG1001"));
    }

    [Theory]
    [InlineData("{ \"version\": 1, \"entries\": [ { \"rule\": \"AG1001\" ", 0)]
    [InlineData("{ \"version\": 1, \"entries\": [ { \"rule\": \"AG1001\", \"file\": \"a.cs\", \"member\": \"\", \"symbol\": \"s\", \"count\": 0 } ] }", 1)]
    [InlineData("{ \"version\": 1, \"entries\": [ { \"rule\": \"AG0001\", \"file\": \"a.cs\", \"member\": \"\", \"symbol\": \"s\", \"count\": 1 } ] }", 1)]
    [InlineData("{ \"version\": 1, \"entries\": [ { \"rule\": \"AG1001\", \"file\": \"a.cs\", \"symbol\": \"s\", \"count\": 1 } ] }", 1)]
    [InlineData("{ \"version\": 2, \"entries\": [] }", 1)]
    [InlineData("{ \"entries\": {} }", 1)]
    [InlineData("{ \"version\": 1, \"entries\": [], \"extra\": true }", 1)]
    [InlineData("", 1)]
    [InlineData("[]", 1)]
    public void A_broken_baseline_is_an_error_in_the_file_and_baselines_nothing(string content, int minimumProblems)
    {
        var valid = WriteBaseline(Sources(Orders));
        var validEntry = valid.Split('\n').First(l => l.Contains("\"rule\"", StringComparison.Ordinal)).Trim();
        var broken = content.Length == 0 ? content : content.Replace("\"entries\": [ ", "\"entries\": [ " + validEntry + ", ", StringComparison.Ordinal);
        var diagnostics = Run(Sources(Orders), broken);
        var errors = diagnostics.Reported("AG0013");
        Assert.True(errors.Count >= Math.Max(1, minimumProblems), string.Join("\n", diagnostics));
        Assert.All(errors, e =>
        {
            Assert.Equal(DiagnosticSeverity.Error, e.Severity);
            Assert.Equal(BaselinePath, e.Location.GetLineSpan().Path);
        });
        Assert.NotEmpty(diagnostics.Reported("AG1001"));
        Assert.Empty(diagnostics.Suppressed("AG1001"));
    }

    [Fact]
    public void A_broken_baseline_is_reported_at_the_line_and_column_of_the_problem()
    {
        const string Content = "{\n  \"version\": 1,\n  \"entries\": [\n    { \"rule\": \"AG1001\", \"file\": \"a.cs\", \"member\": \"\", \"symbol\": \"s\", \"count\": -1 }\n  ]\n}\n";
        var error = Assert.Single(Run(Sources(Orders), Content).Reported("AG0013"));
        var start = error.Location.GetLineSpan().StartLinePosition;
        Assert.Equal(3, start.Line);
        Assert.Equal(Content.Split('\n')[3].IndexOf("-1", StringComparison.Ordinal), start.Character);
    }

    [Fact]
    public void Duplicate_fingerprints_are_an_error()
    {
        var valid = WriteBaseline(Sources(Orders));
        var entry = valid.Split('\n').First(l => l.Contains("\"rule\"", StringComparison.Ordinal)).Trim().TrimEnd(',');
        var content = "{ \"version\": 1, \"entries\": [ " + entry + ", " + entry + " ] }";
        var diagnostics = Run(Sources(Orders), content);
        Assert.Contains(diagnostics.Reported("AG0013"), d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("repeats", StringComparison.Ordinal));
        Assert.Empty(diagnostics.Suppressed("AG1001"));
    }

    [Fact]
    public void An_empty_baseline_is_valid_and_suppresses_nothing()
    {
        var diagnostics = Run(Sources(Orders), "{ \"version\": 1, \"entries\": [] }");
        Assert.DoesNotContain(diagnostics, d => d.Id is "AG0013" or "AG0014");
        Assert.NotEmpty(diagnostics.Reported("AG1001"));
    }

    [Fact]
    public void Suppressor_covers_every_rule_from_AG1001_on_and_no_configuration_rule()
    {
        var suppressor = new BaselineSuppressor();
        var ids = suppressor.SupportedSuppressions.Select(s => s.SuppressedDiagnosticId).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("AG1001", ids);
        Assert.Contains("AG7003", ids);
        Assert.DoesNotContain(ids, id => id.StartsWith("AG00", StringComparison.Ordinal));
        Assert.All(Meta.RuleCatalog.Descriptors.Where(d => !d.Id.StartsWith("AG00", StringComparison.Ordinal)), d => Assert.Contains(d.Id, ids));
    }
}
