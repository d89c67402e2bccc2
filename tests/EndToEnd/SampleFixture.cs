using System.Reflection;

namespace ArchGate.EndToEnd;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection : ICollectionFixture<SampleFixture>
{
    public const string Name = "EndToEnd";
}

/// <summary>
/// Once per test run: packs ArchGate.Analyzers from this repository with a unique prerelease version (so
/// NuGet's global cache can never serve a stale package), copies samples/ to a temporary directory with that
/// package in its local feed, restores it, and builds it once. Tests reuse the restored copy.
/// </summary>
public sealed class SampleFixture : IDisposable
{
    private static readonly string[] SkippedDirectories = { "bin", "obj", ".feed", ".nuget", ".vs" };

    public SampleFixture()
    {
        RepoRoot = FindRepoRoot();
        SampleRoot = Path.Combine(Path.GetTempPath(), "archgate-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Configuration = typeof(SampleFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

        CopyDirectory(Path.Combine(RepoRoot, "samples"), SampleRoot);
        File.Copy(Path.Combine(RepoRoot, "global.json"), Path.Combine(SampleRoot, "global.json"), overwrite: true);
        var feed = Path.Combine(SampleRoot, ".feed");
        Directory.CreateDirectory(feed);

        Pack = DotNet.Run(RepoRoot, "pack", Path.Combine(RepoRoot, "src", "Package", "ArchGate.Analyzers.Package.csproj"),
            "-c", Configuration, "-o", feed, $"-p:PackageVersion={Version}", "-nodeReuse:false", "-tl:off", "-v:minimal");
        PackagePath = Path.Combine(feed, $"ArchGate.Analyzers.{Version}.nupkg");
        if (Pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException("Packing ArchGate.Analyzers failed. " + Pack.Describe());
        }

        Restore = DotNet.Run(SampleRoot, "restore", "Shop.sln", $"-p:ArchGateVersion={Version}", "-nodeReuse:false", "-tl:off", "-v:minimal");
        if (Restore.ExitCode != 0)
        {
            throw new InvalidOperationException("Restoring the sample failed. " + Restore.Describe());
        }

        Baseline = Build();
    }

    public string RepoRoot { get; }

    /// <summary>The temporary copy of samples/ that the tests build.</summary>
    public string SampleRoot { get; }

    public string Version { get; }

    public string Configuration { get; }

    public string PackagePath { get; }

    public ProcessResult Pack { get; }

    public ProcessResult Restore { get; }

    /// <summary>The sample built as a user builds it: plain `dotnet build`.</summary>
    public ProcessResult Baseline { get; }

    /// <summary>Rebuilds the sample (every project recompiled, so every diagnostic is reported again).</summary>
    public ProcessResult Build(params string[] extraArguments) =>
        DotNet.Run(SampleRoot, new[] { "build", "Shop.sln", "--no-restore", "--no-incremental", $"-p:ArchGateVersion={Version}",
            "-nodeReuse:false", "-tl:off", "-v:minimal" }.Concat(extraArguments).ToArray());

    public void Dispose()
    {
        try
        {
            Directory.Delete(SampleRoot, recursive: true);
        }
        catch (IOException)
        {
            // a temporary directory left behind is harmless
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            if (!file.EndsWith(".binlog", StringComparison.OrdinalIgnoreCase))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            if (!SkippedDirectories.Contains(Path.GetFileName(directory), StringComparer.OrdinalIgnoreCase))
            {
                CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
            }
        }
    }
}
