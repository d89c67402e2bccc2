namespace ArchGate.EndToEnd;

/// <summary>
/// Builds the sample Shop solution (temporary copy of samples/) with the packed ArchGate.Analyzers and the real
/// `dotnet build`, and checks what a user, a CI gate and an agent would see.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SampleBuildTests
{
    private readonly SampleFixture _fixture;

    public SampleBuildTests(SampleFixture fixture) => _fixture = fixture;

    [Fact]
    public void Sample_builds_and_reports_exactly_the_expected_diagnostics()
    {
        var build = _fixture.Baseline;
        Assert.True(build.ExitCode == 0, "The sample must build (ArchGate's findings are warnings by default). " + build.Describe());

        var expected = BuildDiagnostics.ReadExpected(Path.Combine(_fixture.SampleRoot, "expected-diagnostics.txt"));
        var diagnostics = BuildDiagnostics.Parse(build.Output);
        var actual = diagnostics.Select(d => d.ExpectedLine(_fixture.SampleRoot)).ToHashSet(StringComparer.Ordinal);

        var diff = BuildDiagnostics.Diff(expected, actual);
        Assert.True(diff.Length == 0,
            "ArchGate's diagnostics differ from samples/expected-diagnostics.txt:\n" + diff + "\n\n" + build.Describe());
        Assert.All(diagnostics, d => Assert.Equal("warning", d.Severity));
    }

    [Fact]
    public void Package_loads_without_analyzer_load_or_crash_warnings()
    {
        AssertAnalyzersLoaded(_fixture.Baseline);
        AssertAnalyzersLoaded(_fixture.Restore);
    }

    [Fact]
    public void Warnaserror_fails_the_build_on_ArchGate_findings()
    {
        var build = _fixture.Build("-warnaserror");
        Assert.True(build.ExitCode != 0, "-warnaserror must fail the build of the sample. " + build.Describe());
        // A project that fails stops the projects that reference it (Shop.Api is never compiled once
        // Shop.Infrastructure fails), so the check is that ArchGate findings became errors, not which ones.
        Assert.True(BuildDiagnostics.Parse(build.Output).Any(d => d.Id.StartsWith("AG", StringComparison.Ordinal) && d.Severity == "error"),
            "Expected ArchGate findings as errors under -warnaserror. " + build.Describe());
        AssertAnalyzersLoaded(build);
    }

    [Fact]
    public void Strict_mode_turns_every_ArchGate_finding_into_an_error()
    {
        var build = _fixture.Build("-p:ArchGateMode=strict");
        Assert.True(build.ExitCode != 0, "ArchGateMode=strict must fail the build of the sample. " + build.Describe());
        var diagnostics = BuildDiagnostics.Parse(build.Output);
        // As above: failing projects stop their dependents, so any ArchGate error shows strict mode acted.
        Assert.True(diagnostics.Any(d => d.Id.StartsWith("AG", StringComparison.Ordinal) && d.Severity == "error"),
            "Expected ArchGate findings as errors in strict mode. " + build.Describe());
        var warnings = diagnostics.Where(d => d.Severity == "warning").ToList();
        Assert.True(warnings.Count == 0, "Strict mode left ArchGate warnings: " + string.Join("; ", warnings) + "\n" + build.Describe());
        AssertAnalyzersLoaded(build);
    }

    [Fact]
    public void Unknown_mode_is_a_build_error()
    {
        var build = _fixture.Build("-p:ArchGateMode=lenient");
        Assert.True(build.ExitCode != 0, build.Describe());
        Assert.Contains("error ARCHGATE001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ArchGateConfigFile_is_a_build_error()
    {
        var build = _fixture.Build("-p:ArchGateConfigFile=does-not-exist.json");
        Assert.True(build.ExitCode != 0, build.Describe());
        Assert.Contains("error ARCHGATE002", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_error_in_archgate_json_fails_the_build_at_its_line_and_column()
    {
        var configPath = Path.Combine(_fixture.SampleRoot, "archgate.json");
        var original = File.ReadAllText(configPath);
        // Line 5, column 3: "dependencies" follows the closing brace of "layers" without a comma.
        const string Broken = "{\n  \"layers\": {\n    \"Api\": { \"namespaces\": [\"Shop.Api.**\"] }\n  }\n  \"dependencies\": { \"Api\": [] }\n}\n";
        File.WriteAllText(configPath, Broken);
        try
        {
            var build = _fixture.Build();
            Assert.True(build.ExitCode != 0, "A syntax error in archgate.json must fail the build (fail closed). " + build.Describe());
            var errors = BuildDiagnostics.Parse(build.Output).Where(d => d.Id == "AG0001").ToList();
            Assert.True(errors.Count > 0, "Expected error AG0001. " + build.Describe());
            Assert.All(errors, e =>
            {
                Assert.Equal("error", e.Severity);
                Assert.Equal("archgate.json", BuildDiagnostic.Relative(_fixture.SampleRoot, e.File));
                Assert.Equal((5, 3), (e.Line, e.Column));
            });
            AssertAnalyzersLoaded(build);
        }
        finally
        {
            File.WriteAllText(configPath, original);
        }
    }

    private static void AssertAnalyzersLoaded(ProcessResult build)
    {
        var problems = BuildDiagnostics.LoaderProblems(build.Output);
        Assert.True(problems.Count == 0, "The analyzers did not load cleanly:\n" + string.Join("\n", problems) + "\n\n" + build.Describe());
    }
}
