namespace ArchGate.EndToEnd;

/// <summary>The parser of build output the end-to-end tests rely on (no processes: fast).</summary>
public sealed class BuildDiagnosticsTests
{
    private const string Root = "/work/samples";

    [Fact]
    public void Located_and_unlocated_diagnostics_are_parsed_and_deduplicated()
    {
        const string Output = """
              Shop.Domain -> /work/samples/src/Shop.Domain/bin/Debug/net10.0/Shop.Domain.dll
            /work/samples/src/Shop.Api/Endpoints/StatusEndpoints.cs(9,84): warning AG1001: 'X' (layer Api) uses 'Y' [/work/samples/src/Shop.Api/Shop.Api.csproj]
            CSC : warning AG1003: Shop.Application references Shop.Infrastructure [/work/samples/src/Shop.Application/Shop.Application.csproj]
            /work/samples/archgate.json(5,3): error AG0001: archgate.json is not valid JSON [/work/samples/src/Shop.Domain/Shop.Domain.csproj]
            /work/samples/src/Shop.Api/Program.cs(3,1,3,9): warning CS1234: not ours [/work/samples/src/Shop.Api/Shop.Api.csproj]

            Build succeeded.
            /work/samples/src/Shop.Api/Endpoints/StatusEndpoints.cs(9,84): warning AG1001: 'X' (layer Api) uses 'Y' [/work/samples/src/Shop.Api/Shop.Api.csproj]
                1 Warning(s)
            """;

        var diagnostics = BuildDiagnostics.Parse(Output);

        Assert.Equal(3, diagnostics.Count);
        Assert.Equal(
            new[]
            {
                "AG1001 src/Shop.Api/Endpoints/StatusEndpoints.cs",
                "AG1003 src/Shop.Application/Shop.Application.csproj",
                "AG0001 archgate.json",
            },
            diagnostics.Select(d => d.ExpectedLine(Root)));
        Assert.Equal((9, 84, "warning"), (diagnostics[0].Line, diagnostics[0].Column, diagnostics[0].Severity));
        Assert.Equal((5, 3, "error"), (diagnostics[2].Line, diagnostics[2].Column, diagnostics[2].Severity));
    }

    [Fact]
    public void Loader_problems_are_found()
    {
        const string Output = """
            CSC : warning CS8032: An instance of analyzer ArchGate.Analyzers.Layers.LayerAnalyzer cannot be created
            CSC : warning AD0001: Analyzer 'X' threw an exception of type 'System.NullReferenceException'
            /work/samples/src/Shop.Api/Program.cs(3,1): warning CS0168: fine
            """;

        Assert.Equal(2, BuildDiagnostics.LoaderProblems(Output).Count);
    }

    [Fact]
    public void Diff_names_missing_and_unexpected_lines()
    {
        var expected = new HashSet<string> { "AG1001 a.cs", "AG1002 b.cs" };
        var actual = new HashSet<string> { "AG1001 a.cs", "AG2001 c.cs" };

        var diff = BuildDiagnostics.Diff(expected, actual);

        Assert.Contains("- missing:    AG1002 b.cs", diff, StringComparison.Ordinal);
        Assert.Contains("+ unexpected: AG2001 c.cs", diff, StringComparison.Ordinal);
        Assert.Equal(string.Empty, BuildDiagnostics.Diff(expected, new HashSet<string>(expected)));
    }

    [Fact]
    public void Expected_file_of_the_sample_is_well_formed()
    {
        var path = Path.Combine(FindRepoRoot(), "samples", "expected-diagnostics.txt");
        var lines = BuildDiagnostics.ReadExpected(path);

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.Matches(@"^AG\d{4} [^ ]+$", line);
            var file = Path.Combine(FindRepoRoot(), "samples", line[7..]);
            Assert.True(File.Exists(file), $"'{line}' names a file that does not exist in samples/.");
        });
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Analyzers.sln not found");
    }
}
