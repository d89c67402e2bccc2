using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Bench.Profile;

/// <summary>
/// In-process profile of ArchGate's analyzers over a project written by bench/Generator.
/// <para>
/// Usage: <c>dotnet run -c Release --project bench/Profile -- &lt;generated-dir&gt; [--runs N]
/// [--only Name[,Name]] [--sequential] [--no-banned] [--cold] [--linger S]</c>.
/// </para>
/// <para>
/// Each run builds a fresh <see cref="CSharpCompilation"/> from the same parsed trees and references
/// (so nothing bound in one run is reused by the next) and measures, interleaved:
/// <list type="bullet">
/// <item>compiler: <c>GetDiagnostics()</c>, every declaration and method body bound, no emit;</item>
/// <item>compiler + ArchGate: the same through <see cref="CompilationWithAnalyzers.GetAllDiagnosticsAsync(CancellationToken)"/>;
/// the difference is ArchGate's wall-clock cost;</item>
/// <item>compiler + BannedApiAnalyzers (its restored 5.6.0 package, the project's BannedSymbols.txt);</item>
/// </list>
/// and, from the ArchGate runs, each analyzer's execution time (summed over callbacks, as
/// <c>/reportanalyzer</c> prints it). Medians over the runs are printed.
/// </para>
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            var options = Options.Parse(args);
            var exitCode = Run(options);
            if (options.LingerSeconds > 0)
            {
                // Keeps the process alive so that an attached profiler (dotnet-trace --duration) can stop its session.
                Console.WriteLine($"lingering {options.LingerSeconds} s (--linger)");
                Thread.Sleep(TimeSpan.FromSeconds(options.LingerSeconds));
            }

            return exitCode;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: ArchGate.Bench.Profile <generated-dir> [--runs N] [--only Name[,Name]] [--sequential] [--no-banned] [--cold] [--linger S]");
            return 2;
        }
    }

    private static int Run(Options options)
    {
        var project = ProjectInputs.Load(options.Directory);
        Console.WriteLine($"project: {options.Directory}: {project.Trees.Length} files, {project.Lines:N0} lines, {project.References.Length} references");

        var archGate = ArchGateAnalyzers(options.Only);
        if (archGate.IsEmpty)
        {
            throw new UsageException($"--only {string.Join(",", options.Only)} matches no ArchGate analyzer");
        }

        var banned = options.Banned ? BannedApi.Load() : ImmutableArray<DiagnosticAnalyzer>.Empty;
        Console.WriteLine($"analyzers: {archGate.Length} ArchGate{(banned.IsEmpty ? string.Empty : $", {banned.Length} BannedApiAnalyzers")}; {(options.Concurrent ? "concurrent" : "sequential")} analysis; {options.Runs} runs{(options.Cold ? " in a cold process (no warm-up)" : " (+1 warm-up)")}");

        var archGateOptions = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new FileText(Path.Combine(options.Directory, "archgate.json"))));
        var bannedOptions = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new FileText(Path.Combine(options.Directory, "BannedSymbols.txt"))));

        var compilerTimes = new List<double>();
        var archGateTimes = new List<double>();
        var bannedTimes = new List<double>();
        var perAnalyzer = archGate.ToDictionary(a => a, _ => new List<double>());
        var bannedCpu = new List<double>();
        var diagnosticCount = 0;

        // A warm-up run first (JIT, metadata caches), unless --cold asks for the first run of a fresh
        // process, as in a build where the compiler server was just started.
        for (var run = options.Cold ? 1 : 0; run <= options.Runs; run++)
        {
            var warmUp = run == 0;

            var compilation = project.NewCompilation();
            var watch = Stopwatch.StartNew();
            var compilerErrors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            var compilerSeconds = watch.Elapsed.TotalSeconds;
            if (compilerErrors > 0)
            {
                Console.Error.WriteLine($"warning: the project has {compilerErrors} compiler errors; figures may not be representative");
            }

            var (archGateSeconds, archGateResult, count) = Analyze(project.NewCompilation(), archGate, archGateOptions, options.Concurrent);

            double bannedSeconds = 0;
            double bannedAnalyzerSeconds = 0;
            if (!banned.IsEmpty)
            {
                (bannedSeconds, var bannedResult, _) = Analyze(project.NewCompilation(), banned, bannedOptions, options.Concurrent);
                bannedAnalyzerSeconds = banned.Sum(a => bannedResult.AnalyzerTelemetryInfo[a].ExecutionTime.TotalSeconds);
            }

            Console.WriteLine(
                $"  run {(warmUp ? "warm-up" : run.ToString())}: compiler {compilerSeconds:F3} s, +ArchGate {archGateSeconds:F3} s"
                + (banned.IsEmpty ? string.Empty : $", +BannedApi {bannedSeconds:F3} s")
                + $", ArchGate diagnostics {count}");
            if (warmUp)
            {
                diagnosticCount = count;
                continue;
            }

            compilerTimes.Add(compilerSeconds);
            archGateTimes.Add(archGateSeconds);
            bannedTimes.Add(bannedSeconds);
            bannedCpu.Add(bannedAnalyzerSeconds);
            foreach (var analyzer in archGate)
            {
                perAnalyzer[analyzer].Add(archGateResult.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalSeconds);
            }
        }

        var compiler = Median(compilerTimes);
        var withArchGate = Median(archGateTimes);
        var totals = Enumerable.Range(0, options.Runs).Select(i => archGate.Sum(a => perAnalyzer[a][i])).ToList();
        var archGateTotal = Median(totals);

        Console.WriteLine();
        Console.WriteLine($"medians over {options.Runs} runs ({Environment.ProcessorCount} cores, load {Load()}):");
        Console.WriteLine($"  compiler alone (bind + diagnostics, no emit): {compiler:F3} s");
        Console.WriteLine($"  compiler + ArchGate:                          {withArchGate:F3} s  (wall-clock cost {withArchGate - compiler:F3} s = {100 * (withArchGate - compiler) / compiler:F1}% of the compiler)");
        Console.WriteLine($"  ArchGate analyzer execution time (summed):    {archGateTotal:F3} s = {100 * archGateTotal / compiler:F1}% of the compiler");
        if (!banned.IsEmpty)
        {
            var withBanned = Median(bannedTimes);
            var bannedTotal = Median(bannedCpu);
            Console.WriteLine($"  compiler + BannedApiAnalyzers:                {withBanned:F3} s  (wall-clock cost {withBanned - compiler:F3} s)");
            Console.WriteLine($"  BannedApiAnalyzers execution time:            {bannedTotal:F3} s  (ArchGate / BannedApi {archGateTotal / bannedTotal:F2})");
        }

        Console.WriteLine($"  ArchGate diagnostics: {diagnosticCount}");
        Console.WriteLine();
        Console.WriteLine("per analyzer (median execution time):");
        foreach (var (analyzer, times) in perAnalyzer.OrderByDescending(p => Median(p.Value)))
        {
            var median = Median(times);
            Console.WriteLine($"  {median,8:F3} s  {100 * median / archGateTotal,5:F1}%  {analyzer.GetType().Name}");
        }

        return 0;
    }

    private static (double Seconds, AnalysisResult Result, int Count) Analyze(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions analyzerOptions, bool concurrent)
    {
        var exceptions = new List<string>();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            analyzerOptions,
            onAnalyzerException: (e, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {e.GetType().Name}: {e.Message}"); } },
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false));
        var watch = Stopwatch.StartNew();
        var all = withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var seconds = watch.Elapsed.TotalSeconds;
        var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (exceptions.Count > 0)
        {
            throw new InvalidOperationException("analyzer exceptions:\n" + string.Join("\n", exceptions.Distinct()));
        }

        var count = all.Count(d => d.Id.StartsWith("AG", StringComparison.Ordinal));
        return (seconds, result, count);
    }

    private static ImmutableArray<DiagnosticAnalyzer> ArchGateAnalyzers(IReadOnlyCollection<string> only)
    {
        var assembly = typeof(ArchGate.Analyzers.Layers.LayerAnalyzer).Assembly;
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Where(t => only.Count == 0 || only.Any(o => t.Name.Contains(o, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.OrderBy(v => v).ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed class UsageException(string message) : Exception(message);

    private sealed record Options(string Directory, int Runs, IReadOnlyCollection<string> Only, bool Concurrent, bool Banned, bool Cold, int LingerSeconds)
    {
        public static Options Parse(string[] args)
        {
            string? directory = null;
            var runs = 5;
            var only = new List<string>();
            var concurrent = true;
            var banned = true;
            var cold = false;
            var linger = 0;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                        runs = n;
                        i++;
                        break;
                    case "--only" when i + 1 < args.Length:
                        only.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        break;
                    case "--sequential":
                        concurrent = false;
                        break;
                    case "--cold":
                        cold = true;
                        runs = 1;
                        break;
                    case "--linger" when i + 1 < args.Length && int.TryParse(args[i + 1], out var seconds) && seconds >= 0:
                        linger = seconds;
                        i++;
                        break;
                    case "--no-banned":
                        banned = false;
                        break;
                    case var arg when !arg.StartsWith("--", StringComparison.Ordinal) && directory is null:
                        directory = arg;
                        break;
                    default:
                        throw new UsageException($"unknown or incomplete option '{args[i]}'");
                }
            }

            if (directory is null)
            {
                throw new UsageException("missing the generated project directory (run bench/run.sh or bench/Generator first)");
            }

            directory = Path.GetFullPath(directory);
            if (!File.Exists(Path.Combine(directory, "Bench.csproj")) || !File.Exists(Path.Combine(directory, "archgate.json")))
            {
                throw new UsageException($"'{directory}' holds no Bench.csproj and archgate.json written by bench/Generator");
            }

            return new Options(directory, runs, only, concurrent, banned, cold, linger);
        }
    }

    /// <summary>The compiler inputs of the generated project, as MSBuild resolves them.</summary>
    private sealed class ProjectInputs
    {
        private ProjectInputs(ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, int lines)
        {
            Trees = trees;
            References = references;
            Lines = lines;
        }

        public ImmutableArray<SyntaxTree> Trees { get; }

        public ImmutableArray<MetadataReference> References { get; }

        public int Lines { get; }

        public CSharpCompilation NewCompilation() => CSharpCompilation.Create(
            "Bench",
            Trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true));

        public static ProjectInputs Load(string directory)
        {
            // MSBuild evaluates the project and resolves its references (-getItem needs SDK 8+).
            var startInfo = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // Under dotnet-trace this process's diagnostic port would be inherited, and MSBuild would
            // wait (suspended) for a profiler that never attaches to it.
            startInfo.Environment.Remove("DOTNET_DiagnosticPorts");
            foreach (var argument in new[]
            {
                "msbuild", Path.Combine(directory, "Bench.csproj"), "-nologo", "-p:BenchAnalyzers=none",
                "-t:FindReferenceAssembliesForReferences", "-getItem:ReferencePathWithRefAssemblies", "-getItem:Compile",
                "-getProperty:DefineConstants", "-getProperty:LangVersion",
            })
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var process = Process.Start(startInfo)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new UsageException($"dotnet msbuild failed on {directory} (run `dotnet restore` there first):\n{stdout.Result}{stderr.Result}");
            }

            using var json = JsonDocument.Parse(stdout.Result);
            var properties = json.RootElement.GetProperty("Properties");
            var items = json.RootElement.GetProperty("Items");
            var symbols = properties.GetProperty("DefineConstants").GetString()!.Split(';', StringSplitOptions.RemoveEmptyEntries);
            if (!LanguageVersionFacts.TryParse(properties.GetProperty("LangVersion").GetString(), out var languageVersion))
            {
                languageVersion = LanguageVersion.Latest;
            }

            var parseOptions = new CSharpParseOptions(languageVersion, preprocessorSymbols: symbols);
            var files = items.GetProperty("Compile").EnumerateArray()
                .Select(item => item.GetProperty("FullPath").GetString()!)
                .Where(File.Exists)
                .ToList();
            var lines = 0;
            var trees = new SyntaxTree[files.Count];
            Parallel.For(0, files.Count, i =>
            {
                var text = SourceText.From(File.ReadAllText(files[i]));
                trees[i] = CSharpSyntaxTree.ParseText(text, parseOptions, files[i]);
                Interlocked.Add(ref lines, text.Lines.Count);
            });
            var references = items.GetProperty("ReferencePathWithRefAssemblies").EnumerateArray()
                .Select(item => (MetadataReference)MetadataReference.CreateFromFile(item.GetProperty("FullPath").GetString()!))
                .ToImmutableArray();
            return new ProjectInputs(trees.ToImmutableArray(), references, lines);
        }
    }

    /// <summary>BannedApiAnalyzers from the NuGet cache (restored by the generated project).</summary>
    private static class BannedApi
    {
        public static ImmutableArray<DiagnosticAnalyzer> Load()
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var folder = Path.Combine(packages, "microsoft.codeanalysis.bannedapianalyzers", "5.6.0", "analyzers", "dotnet", "cs");
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine($"note: {folder} not found (restore the generated project with BenchAnalyzers=both); BannedApiAnalyzers not measured");
                return ImmutableArray<DiagnosticAnalyzer>.Empty;
            }

            var loader = new Loader();
            var result = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var dll in Directory.GetFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                loader.AddDependencyLocation(dll);
            }

            foreach (var dll in Directory.GetFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                result.AddRange(new AnalyzerFileReference(dll, loader).GetAnalyzers(LanguageNames.CSharp));
            }

            return result.ToImmutable();
        }

        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }

    private sealed class FileText(string path) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(File.ReadAllText(path));

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
