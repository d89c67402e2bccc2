using System.Text.Json;

namespace ArchGate.EndToEnd;

/// <summary>
/// The adoption story of README ("Adopting ArchGate in an existing solution") through the real package and the
/// real `dotnet build`, on a temporary copy of samples/adoption (two projects with existing findings): write the
/// baseline, gate with strict mode, and check what passes and what fails. Builds are incremental, as in a
/// developer's tree, so the test also shows that switching the mode or the writer re-runs the analyzers.
/// The package is the one SampleFixture packed for the whole end-to-end run.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdoptionTests : IDisposable
{
    private const string Endpoints = "src/Adoption.Api/OrderEndpoints.cs";
    private readonly SampleFixture _fixture;
    private readonly string _root;

    public AdoptionTests(SampleFixture fixture)
    {
        _fixture = fixture;
        _root = Path.Combine(Path.GetTempPath(), "archgate-adoption-" + Guid.NewGuid().ToString("N")[..12]);
        CopyDirectory(Path.Combine(fixture.RepoRoot, "samples", "adoption"), _root);
        File.Copy(Path.Combine(fixture.RepoRoot, "global.json"), Path.Combine(_root, "global.json"), overwrite: true);
        var feed = Path.Combine(_root, ".feed");
        Directory.CreateDirectory(feed);
        File.Copy(fixture.PackagePath, Path.Combine(feed, Path.GetFileName(fixture.PackagePath)));
        var restore = DotNet.Run(_root, "restore", "Adoption.sln", $"-p:ArchGateVersion={fixture.Version}", "-nodeReuse:false", "-tl:off", "-v:minimal");
        Assert.True(restore.ExitCode == 0, "Restoring samples/adoption failed. " + restore.Describe());
    }

    private string BaselinePath => Path.Combine(_root, "archgate.baseline.json");

    [Fact]
    public void Adopting_with_a_baseline_tolerates_old_findings_and_fails_on_every_new_one()
    {
        var committed = Entries(File.ReadAllText(BaselinePath));
        File.Delete(BaselinePath);

        // 1. Installed on existing code: the findings are warnings, the build passes.
        var plain = Build();
        Assert.True(plain.ExitCode == 0, plain.Describe());
        var findings = BuildDiagnostics.Parse(plain.Output);
        Assert.Equal(3, findings.Count(d => d.Severity == "warning" && d.Id is "AG1001" or "AG2004"));

        // 2. Gates cannot be skipped: strict mode on the already-built tree re-runs the analyzers and fails.
        var strictOnBuiltTree = Build("-p:ArchGateMode=strict");
        Assert.True(strictOnBuiltTree.ExitCode != 0, "Strict mode on a built tree must fail. " + strictOnBuiltTree.Describe());
        Assert.Contains(BuildDiagnostics.Parse(strictOnBuiltTree.Output), d => d.Severity == "error" && d.Id == "AG1001");

        // 3. One command writes the baseline for the whole solution (both projects merged into one file).
        var write = Build("-p:ArchGateWriteBaseline=true");
        Assert.True(write.ExitCode == 0, write.Describe());
        Assert.True(File.Exists(BaselinePath), "archgate.baseline.json was not written. " + write.Describe());
        var written = Entries(File.ReadAllText(BaselinePath));
        Assert.Equal(
            new[] { "AG1001 src/Adoption.Api/OrderEndpoints.cs M:Adoption.Api.OrderEndpoints.OpenOrders 1",
                    "AG1001 src/Adoption.Core/Domain/Order.cs M:Adoption.Domain.Order.Submit 1",
                    "AG2004 src/Adoption.Api/OrderEndpoints.cs M:Adoption.Api.OrderEndpoints.Ping 1" },
            written);
        Assert.True(committed.SequenceEqual(written), "samples/adoption/archgate.baseline.json is not what the writer produces; write it again with `dotnet build -p:ArchGateWriteBaseline=true` in samples/adoption. Written:\n" + File.ReadAllText(BaselinePath));

        // 4. Existing findings + baseline: strict mode is clean.
        AssertClean(Build("-p:ArchGateMode=strict"));

        // 5. Moving the baselined code down 20 lines changes no fingerprint.
        Edit(Endpoints, "public static class OrderEndpoints\n{\n", "public static class OrderEndpoints\n{\n" + new string('\n', 20));
        AssertClean(Build("-p:ArchGateMode=strict"));

        // 6. A new finding in a baselined member fails the gate (another forbidden type; a third use of OrderStore
        // there is the same decision, which AG1001 reports once per member and type).
        var original = File.ReadAllText(Path.Combine(_root, Endpoints));
        Edit(Endpoints, "return first + second;", "return first + second + Adoption.Infrastructure.OrderCache.Size();");
        AssertFailsWithOne(Build("-p:ArchGateMode=strict"), "AG1001");
        File.WriteAllText(Path.Combine(_root, Endpoints), original);

        // 7. A finding in a new member fails the gate.
        Edit(Endpoints, "    public static Order Create(int id)", "    public static int Closed() => Adoption.Infrastructure.OrderStore.CountOpen();\n\n    public static Order Create(int id)");
        AssertFailsWithOne(Build("-p:ArchGateMode=strict"), "AG1001");
        File.WriteAllText(Path.Combine(_root, Endpoints), original);

        // 8. Fixing a baselined finding makes its entry stale: a warning in archgate.baseline.json at the entry.
        Edit("src/Adoption.Core/Domain/Order.cs", "public void Submit() => Adoption.Infrastructure.OrderStore.Save(Id);", "public void Submit() { }");
        var afterFix = Build();
        Assert.True(afterFix.ExitCode == 0, afterFix.Describe());
        var stale = Assert.Single(BuildDiagnostics.Parse(afterFix.Output), d => d.Id == "AG0014");
        Assert.Equal("warning", stale.Severity);
        Assert.Equal(BaselinePath, stale.File);
        var entryLine = File.ReadAllLines(BaselinePath).ToList().FindIndex(l => l.Contains("M:Adoption.Domain.Order.Submit", StringComparison.Ordinal)) + 1;
        Assert.Equal(entryLine, stale.Line);

        // ...and an error in strict mode, like every ArchGate rule (a category setting does not reach a diagnostic
        // located in archgate.baseline.json, so the strict .globalconfig names AG0014 by ID).
        var strictStale = Build("-p:ArchGateMode=strict");
        Assert.True(strictStale.ExitCode != 0, "A stale entry must fail strict mode. " + strictStale.Describe());
        Assert.Contains(BuildDiagnostics.Parse(strictStale.Output), d => d.Id == "AG0014" && d.Severity == "error");

        // 9. Writing again prunes the paid debt and keeps the rest.
        var rewrite = Build("-p:ArchGateWriteBaseline=true");
        Assert.True(rewrite.ExitCode == 0, rewrite.Describe());
        Assert.Equal(written.Where(e => !e.Contains("Order.Submit", StringComparison.Ordinal)), Entries(File.ReadAllText(BaselinePath)));
        AssertClean(Build("-p:ArchGateMode=strict"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private ProcessResult Build(params string[] extraArguments) =>
        DotNet.Run(_root, new[] { "build", "Adoption.sln", "--no-restore", $"-p:ArchGateVersion={_fixture.Version}", "-nodeReuse:false", "-tl:off", "-v:minimal" }
            .Concat(extraArguments).ToArray());

    private void Edit(string relativePath, string find, string replace)
    {
        var path = Path.Combine(_root, relativePath);
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }

    private static void AssertClean(ProcessResult build)
    {
        Assert.True(build.ExitCode == 0, build.Describe());
        var diagnostics = BuildDiagnostics.Parse(build.Output);
        Assert.True(diagnostics.Count == 0, "Expected no ArchGate diagnostic:\n" + string.Join("\n", diagnostics) + "\n" + build.Describe());
        Assert.Empty(BuildDiagnostics.LoaderProblems(build.Output));
    }

    private static void AssertFailsWithOne(ProcessResult build, string id)
    {
        Assert.True(build.ExitCode != 0, "The new finding must fail strict mode. " + build.Describe());
        var diagnostics = BuildDiagnostics.Parse(build.Output);
        var only = Assert.Single(diagnostics);
        Assert.Equal(id, only.Id);
        Assert.Equal("error", only.Severity);
    }

    /// <summary>The entries of a baseline as "rule file member count", in file order (symbols left out: they are the rules' wording).</summary>
    private static List<string> Entries(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => $"{e.GetProperty("rule").GetString()} {e.GetProperty("file").GetString()} {e.GetProperty("member").GetString()} {e.GetProperty("count").GetInt32()}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj" or ".feed"))
            {
                CopyDirectory(directory, Path.Combine(destination, name));
            }
        }
    }
}
