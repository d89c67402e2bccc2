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
/// [--only Name[,Name]] [--sequential | --single-thread] [--shared-references] [--no-banned] [--cold] [--linger S] [--baseline other/ArchGate.Analyzers.dll] [--analyzers other/ArchGate.Analyzers.dll] [--rotate K] [--jit]</c>.
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
            Console.Error.WriteLine("usage: ArchGate.Bench.Profile <generated-dir> [--runs N] [--only Name[,Name]] [--sequential | --single-thread] [--shared-references] [--no-banned] [--cold] [--linger S] [--baseline other/ArchGate.Analyzers.dll] [--analyzers other/ArchGate.Analyzers.dll] [--rotate K] [--jit]");
            return 2;
        }
    }

    private static int Run(Options options)
    {
        Subject.JitListener = options.Jit;
        var project = ProjectInputs.Load(options.Directory);
        project.ConcurrentBuild = !options.SingleThread;
        project.FreshReferences = !options.SharedReferences;
        Console.WriteLine($"project: {options.Directory}: {project.Trees.Length} files, {project.Lines:N0} lines, {project.References.Length} references");

        var archGateOptions = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new FileText(Path.Combine(options.Directory, "archgate.json"))));
        var subjects = new List<Subject>
        {
            new("ArchGate", ArchGateAnalyzers(options.Analyzers is { } path ? BaselineContext.Load(path) : typeof(ArchGate.Analyzers.Layers.LayerAnalyzer).Assembly, options.Only), archGateOptions),
        };
        if (subjects[0].Analyzers.IsEmpty)
        {
            throw new UsageException($"--only {string.Join(",", options.Only)} matches no ArchGate analyzer");
        }

        if (options.Baseline is { } baselinePath)
        {
            subjects.Add(new("baseline", ArchGateAnalyzers(BaselineContext.Load(baselinePath), options.Only), archGateOptions));
        }

        if (options.Banned && BannedApi.Load() is { IsEmpty: false } banned)
        {
            var bannedOptions = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new FileText(Path.Combine(options.Directory, "BannedSymbols.txt"))));
            subjects.Add(new("BannedApi", banned, bannedOptions));
        }

        Console.WriteLine(
            $"measuring: compiler alone, {string.Join(", ", subjects.Select(s => $"+{s.Name} ({s.Analyzers.Length} analyzers)"))}; "
            + $"{(options.SingleThread ? "single-threaded compiler and" : options.Concurrent ? "concurrent" : "sequential")} analysis; {options.Runs} runs{(options.Cold ? " in a cold process (no warm-up)" : " (+1 warm-up)")}");

        var compilerTimes = new List<double>();
        var compilerAllocations = new List<double>();

        // A warm-up run first (JIT, metadata caches), unless --cold asks for the first run of a fresh
        // process, as in a build where the compiler server was just started. The subjects take turns
        // going first, so that none always profits from what an earlier one warmed up.
        for (var run = options.Cold ? 1 : 0; run <= options.Runs; run++)
        {
            var warmUp = run == 0;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var compilerErrors = project.NewCompilation().GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            var compilerSeconds = watch.Elapsed.TotalSeconds;
            var compilerAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            if (compilerErrors > 0)
            {
                Console.Error.WriteLine($"warning: the project has {compilerErrors} compiler errors; figures may not be representative");
            }

            var line = $"  run {(warmUp ? "warm-up" : run.ToString())}: compiler {compilerSeconds:F3} s";
            for (var i = 0; i < subjects.Count; i++)
            {
                var subject = subjects[(i + run + options.Rotate) % subjects.Count];
                var measured = subject.Measure(project.NewCompilation(), options.Concurrent, record: !warmUp);
                line += $", +{subject.Name} {measured:F3} s";
            }

            Console.WriteLine(line);
            if (!warmUp)
            {
                compilerTimes.Add(compilerSeconds);
                compilerAllocations.Add(compilerAllocated);
            }
        }

        var compiler = Median(compilerTimes);
        Console.WriteLine();
        Console.WriteLine($"medians over {options.Runs} runs ({Environment.ProcessorCount} cores, load {Load()}):");
        var compilerBytes = Median(compilerAllocations);
        Console.WriteLine($"  compiler alone (bind + diagnostics, no emit): {compiler:F3} s, {compilerBytes / 1e6:F0} MB allocated");
        foreach (var subject in subjects)
        {
            var wall = Median(subject.WallTimes);
            var total = Median(subject.Totals);
            Console.WriteLine(
                $"  +{subject.Name,-10} wall {wall:F3} s (cost {wall - compiler:F3} s = {100 * (wall - compiler) / compiler:F1}% of the compiler); "
                + $"analyzer execution time {total:F3} s = {100 * total / compiler:F1}% of the compiler; {subject.Diagnostics.Count} diagnostics; "
                + $"JIT {Median(subject.JitSeconds):F3} s for {subject.JitMethods.OrderBy(m => m).ElementAt(subject.JitMethods.Count / 2)} methods; "
                + $"{(Median(subject.AllocatedBytes) - compilerBytes) / 1e6:F1} MB allocated beyond the compiler's");
        }

        var current = subjects[0];
        var currentTotal = Median(current.Totals);
        foreach (var other in subjects.Skip(1))
        {
            Console.WriteLine($"  ArchGate / {other.Name}: {currentTotal / Median(other.Totals):F2} (analyzer execution time)");
        }

        var exitCode = 0;
        var baseline = subjects.FirstOrDefault(s => s.Name == "baseline");
        if (baseline is not null)
        {
            var same = current.Diagnostics.SequenceEqual(baseline.Diagnostics);
            Console.WriteLine($"  diagnostics identical to the baseline's: {(same ? "yes" : "NO")}");
            if (!same)
            {
                exitCode = 1;
                foreach (var d in current.Diagnostics.Except(baseline.Diagnostics).Take(10))
                {
                    Console.WriteLine($"    only now:      {d}");
                }

                foreach (var d in baseline.Diagnostics.Except(current.Diagnostics).Take(10))
                {
                    Console.WriteLine($"    only baseline: {d}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"per analyzer (median execution time{(baseline is null ? string.Empty : "; baseline; ratio")}):");
        foreach (var (name, times) in current.PerAnalyzer.OrderByDescending(p => Median(p.Value)))
        {
            var median = Median(times);
            var text = $"  {median,8:F3} s  {100 * median / currentTotal,5:F1}%  {name,-40}";
            if (baseline is not null && baseline.PerAnalyzer.TryGetValue(name, out var before))
            {
                var b = Median(before);
                text += $" {b,8:F3} s  {(b > 0 ? median / b : 0),5:F2}";
            }

            Console.WriteLine(text);
        }

        return exitCode;
    }

    /// <summary>A set of analyzers measured on top of the compiler, with the figures of every run.</summary>
    private sealed class Subject(string name, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions analyzerOptions)
    {
        public string Name { get; } = name;

        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = analyzers;

        public List<double> WallTimes { get; } = new();

        public List<double> Totals { get; } = new();

        /// <summary>Methods JIT-compiled during each run (all threads), and the time the JIT took: with --cold, the first-use cost of the analyzers' code.</summary>
        public List<long> JitMethods { get; } = new();

        /// <summary>--jit: listen to the runtime's JIT events during each run and print the JIT time of ArchGate's own methods.</summary>
        public static bool JitListener { get; set; }

        public List<double> JitSeconds { get; } = new();

        /// <summary>Bytes allocated by the whole process during each run (compiler and analyzers): compared with the compiler alone, the analyzers' allocations.</summary>
        public List<double> AllocatedBytes { get; } = new();

        public Dictionary<string, List<double>> PerAnalyzer { get; } = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>());

        /// <summary>The analyzers' diagnostics (id, file, position, message), sorted: the same in every run.</summary>
        public List<string> Diagnostics { get; private set; } = new();

        public double Measure(Compilation compilation, bool concurrent, bool record)
        {
            var exceptions = new List<string>();
            var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
                analyzerOptions,
                onAnalyzerException: (e, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {e.GetType().Name}: {e.Message}"); } },
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));
            using var listener = JitListener ? new JitEvents() : null;
            var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jitTime = System.Runtime.JitInfo.GetCompilationTime();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var all = withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
            var seconds = watch.Elapsed.TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            JitMethods.Add(System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods);
            JitSeconds.Add((System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalSeconds);
            if (listener is not null)
            {
                Console.WriteLine($"    {Name}: {listener.Summary()}");
            }
            var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (exceptions.Count > 0)
            {
                throw new InvalidOperationException($"{Name}: analyzer exceptions:\n" + string.Join("\n", exceptions.Distinct()));
            }

            var diagnostics = all
                .Where(d => d.Id.StartsWith("AG", StringComparison.Ordinal) || d.Id == "RS0030")
                .Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree?.FilePath)}:{d.Location.SourceSpan.Start} {d.GetMessage()}")
                .OrderBy(d => d, StringComparer.Ordinal)
                .ToList();
            if (WallTimes.Count > 0 && !Diagnostics.SequenceEqual(diagnostics))
            {
                throw new InvalidOperationException($"{Name}: the diagnostics differ from one run to the next");
            }

            Diagnostics = diagnostics;
            if (record)
            {
                WallTimes.Add(seconds);
                AllocatedBytes.Add(allocated);
                Totals.Add(Analyzers.Sum(a => result.AnalyzerTelemetryInfo[a].ExecutionTime.TotalSeconds));
                foreach (var analyzer in Analyzers)
                {
                    PerAnalyzer[analyzer.GetType().Name].Add(result.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalSeconds);
                }
            }

            return seconds;
        }
    }

    /// <summary>Another build of ArchGate.Analyzers.dll (--baseline, --analyzers), isolated from this one; Roslyn is shared.</summary>
    private sealed class BaselineContext() : System.Runtime.Loader.AssemblyLoadContext("baseline")
    {
        public static Assembly Load(string path)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new UsageException($"--baseline: '{full}' does not exist");
            }

            return new BaselineContext().LoadFromAssemblyPath(full);
        }

        // Everything but ArchGate itself (Roslyn, the runtime) comes from the default context.
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }

    private static ImmutableArray<DiagnosticAnalyzer> ArchGateAnalyzers(Assembly assembly, IReadOnlyCollection<string> only)
    {
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

    /// <summary>
    /// --jit: the runtime's MethodJittingStarted / MethodLoadVerbose events, paired per method: how many
    /// of ArchGate's methods were compiled during a run and how long the JIT spent on them (and on the
    /// rest: the driver's and Roslyn's code, which the compiler shipped in the SDK has precompiled).
    /// </summary>
    private sealed class JitEvents : System.Diagnostics.Tracing.EventListener
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, (DateTime Start, bool Ours, string Name)> _started = new();
        private readonly System.Collections.Concurrent.ConcurrentBag<(string Name, long Ticks)> _ours = new();
        private long _ourTicks;
        private long _otherTicks;
        private int _ourMethods;
        private int _otherMethods;

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x10);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (e.Payload is null || e.PayloadNames is null)
            {
                return;
            }

            var id = e.PayloadNames.IndexOf("MethodID") is var i and >= 0 ? Convert.ToUInt64(e.Payload[i]) : 0;
            var ns = e.PayloadNames.IndexOf("MethodNamespace") is var n and >= 0 ? e.Payload[n] as string ?? string.Empty : string.Empty;
            if (e.EventId == 145)
            {
                var name = e.PayloadNames.IndexOf("MethodName") is var m and >= 0 ? e.Payload[m] as string : null;
                _started[id] = (e.TimeStamp, ns.StartsWith("ArchGate.Analyzers", StringComparison.Ordinal), ns + "." + name);
            }
            else if (e.EventId == 143 && _started.TryRemove(id, out var start))
            {
                var ticks = (e.TimeStamp - start.Start).Ticks;
                if (start.Ours)
                {
                    Interlocked.Add(ref _ourTicks, ticks);
                    Interlocked.Increment(ref _ourMethods);
                    _ours.Add((start.Name, ticks));
                }
                else
                {
                    Interlocked.Add(ref _otherTicks, ticks);
                    Interlocked.Increment(ref _otherMethods);
                }
            }
        }

        public string Summary()
            => $"JIT of ArchGate's methods {TimeSpan.FromTicks(_ourTicks).TotalSeconds:F3} s for {_ourMethods} methods; of others {TimeSpan.FromTicks(_otherTicks).TotalSeconds:F3} s for {_otherMethods}; "
               + "slowest: " + string.Join(", ", _ours.OrderByDescending(o => o.Ticks).Take(Environment.GetEnvironmentVariable("PROFILE_JIT_TOP") is { } top ? int.Parse(top) : 5)
                   .Select(o => $"{o.Name} {TimeSpan.FromTicks(o.Ticks).TotalMilliseconds:F1} ms"));
    }

    private sealed record Options(string Directory, int Runs, IReadOnlyCollection<string> Only, bool Concurrent, bool Banned, bool Cold, int LingerSeconds, string? Baseline, int Rotate, string? Analyzers, bool SingleThread, bool SharedReferences, bool Jit)
    {
        public static Options Parse(string[] args)
        {
            string? directory = null;
            var runs = 5;
            var only = new List<string>();
            var concurrent = true;
            var banned = true;
            var cold = false;
            var jit = false;
            var linger = 0;
            string? baseline = null;
            var rotate = 0;
            string? analyzers = null;
            var singleThread = false;
            var sharedReferences = false;
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
                    case "--jit":
                        jit = true;
                        break;
                    case "--cold":
                        cold = true;
                        runs = 1;
                        break;
                    case "--linger" when i + 1 < args.Length && int.TryParse(args[i + 1], out var seconds) && seconds >= 0:
                        linger = seconds;
                        i++;
                        break;
                    case "--baseline" when i + 1 < args.Length:
                        baseline = args[++i];
                        break;
                    case "--analyzers" when i + 1 < args.Length:
                        analyzers = args[++i];
                        break;
                    case "--rotate" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r >= 0:
                        rotate = r;
                        i++;
                        break;
                    case "--single-thread":
                        singleThread = true;
                        concurrent = false;
                        break;
                    case "--shared-references":
                        sharedReferences = true;
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

            return new Options(directory, runs, only, concurrent, banned, cold, linger, baseline, rotate, analyzers, singleThread, sharedReferences, jit);
        }
    }

    /// <summary>The compiler inputs of the generated project, as MSBuild resolves them.</summary>
    private sealed class ProjectInputs
    {
        private readonly ImmutableArray<string> _paths;

        private ProjectInputs(ImmutableArray<SyntaxTree> trees, ImmutableArray<string> paths, int lines)
        {
            Trees = trees;
            _paths = paths;
            References = paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
            Lines = lines;
        }

        public ImmutableArray<SyntaxTree> Trees { get; }

        public ImmutableArray<MetadataReference> References { get; }

        public int Lines { get; }

        /// <summary>False for --single-thread: the compiler binds on one thread (and the analyzers run sequentially).</summary>
        public bool ConcurrentBuild { get; set; } = true;

        /// <summary>
        /// True (the default): every compilation gets new metadata references, so the symbols of the
        /// referenced assemblies are built again as in a real build (the compiler reuses them between
        /// compilations that share reference objects, which would hide what analyzers cost there).
        /// </summary>
        public bool FreshReferences { get; set; } = true;

        public CSharpCompilation NewCompilation() => CSharpCompilation.Create(
            "Bench",
            Trees,
            FreshReferences ? _paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray() : References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: ConcurrentBuild));

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
                .Select(item => item.GetProperty("FullPath").GetString()!)
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
