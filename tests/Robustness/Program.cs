using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using ArchGate.Robustness;
using Microsoft.CodeAnalysis;

// The robustness harness: every ArchGate analyzer and code fix against mid-edit code, fuzzed
// configuration, concurrency and cancellation. Prints its counts; exits 1 on any failure.
//   dotnet run -c Release --project tests/Robustness -- [--variants-per-source N] [--config-mutations N] [--seed S]

var variantsPerSource = IntArg("--variants-per-source", 12);
var configMutations = IntArg("--config-mutations", 600);
var seed = IntArg("--seed", 20261124);
var maxSeconds = IntArg("--max-seconds-per-input", 60);

var root = FindRepoRoot();
var config = File.Exists(Path.Combine(root, "samples", "archgate.json"))
    ? File.ReadAllText(Path.Combine(root, "samples", "archgate.json"))
    : DefaultConfig.Text;
var configFile = ImmutableArray.Create<AdditionalText>(new BytesAdditionalText("/repo/archgate.json", Encoding.UTF8.GetBytes(config)));
var corpus = Corpus.Load(root);
var failures = new ConcurrentBag<AnalyzerFailure>();
var problems = new ConcurrentBag<string>();
var total = Stopwatch.StartNew();

Console.WriteLine($"ArchGate robustness harness: {AnalyzerRunner.Analyzers.Length} analyzers, {AnalyzerRunner.CodeFixes.Length} code fixes, {corpus.Count} corpus sources, seed {seed}");

// 1. Mid-edit variants -------------------------------------------------------------------------
var variants = corpus
    .SelectMany((source, index) => Mutations.MidEdit(source.Text, variantsPerSource, new Random(seed + index))
        .Select((v, i) => (Input: $"{source.Origin} [{v.Kind} #{i}]", v.Text)))
    .ToList();
var slowest = TimeSpan.Zero;
await Parallel.ForEachAsync(variants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (variant, _) =>
{
    var watch = Stopwatch.StartNew();
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
    try
    {
        var compilation = AnalyzerRunner.Compile(new[] { ("/repo/Variant.cs", variant.Text) });
        var diagnostics = await AnalyzerRunner.RunAsync(compilation, configFile, variant.Input, failures, cancellationToken: timeout.Token);
        foreach (var problem in AnalyzerRunner.VocabularyProblems(diagnostics))
        {
            problems.Add($"{variant.Input}: {problem}");
        }
    }
    catch (OperationCanceledException)
    {
        problems.Add($"{variant.Input}: analysis did not finish within {maxSeconds} s (hang?)");
    }
    catch (Exception ex)
    {
        problems.Add($"{variant.Input}: the analyzer driver threw {ex.GetType().Name}: {ex.Message}");
    }

    lock (problems)
    {
        slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
    }
});
Report("mid-edit variants", variants.Count, $"slowest {slowest.TotalMilliseconds:F0} ms");

// 2. Every code fix on every diagnostic (unmodified corpus) -----------------------------------
var fixes = 0;
var fixAlls = 0;
var fixSources = 0;
foreach (var source in corpus)
{
    var result = await CodeFixRunner.RunAsync(source, config);
    fixes += result.FixesApplied;
    fixAlls += result.FixAllApplied;
    fixSources += result.FixesApplied > 0 ? 1 : 0;
    foreach (var problem in result.Problems)
    {
        problems.Add(problem);
    }
}

Report("code fixes", fixes + fixAlls, $"{fixes} fixes and {fixAlls} Fix All runs applied in {fixSources} sources");

// 3. Config fuzzing -----------------------------------------------------------------------------
var configInputs = Mutations.Config(config, configMutations, new Random(seed)).ToList();
var sampleSources = corpus.Where(s => s.Origin.StartsWith("samples", StringComparison.Ordinal)).Take(20).Select(s => ("/repo/" + s.Origin, s.Text)).ToList();
var emptyCompilation = AnalyzerRunner.Compile(new[] { ("/repo/Empty.cs", string.Empty) });
var codeCompilation = AnalyzerRunner.Compile(sampleSources.Count > 0 ? sampleSources : corpus.Take(10).Select(s => ("/repo/" + s.Origin, s.Text)));
var slowestConfig = TimeSpan.Zero;
await Parallel.ForEachAsync(configInputs.Select((c, i) => (c.Kind, c.Bytes, Index: i)), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (input, _) =>
{
    var name = $"archgate.json [{input.Kind} #{input.Index}]";
    var files = ImmutableArray.Create<AdditionalText>(new BytesAdditionalText("/repo/archgate.json", input.Bytes));
    var watch = Stopwatch.StartNew();
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(maxSeconds));
    try
    {
        var onEmpty = await AnalyzerRunner.RunAsync(emptyCompilation, files, name, failures, cancellationToken: timeout.Token);
        foreach (var d in onEmpty.Where(d => !d.Id.StartsWith("AG00", StringComparison.Ordinal)))
        {
            problems.Add($"{name}: a non-configuration diagnostic on an empty source: {AnalyzerRunner.Describe(d)}");
        }

        // Every problem is located in the file, never at a position outside it.
        foreach (var d in onEmpty.Where(d => d.Id.StartsWith("AG00", StringComparison.Ordinal)))
        {
            if (d.Location.Kind != LocationKind.ExternalFile && d.Location.Kind != LocationKind.None)
            {
                problems.Add($"{name}: configuration diagnostic not located in archgate.json: {AnalyzerRunner.Describe(d)}");
            }
        }

        await AnalyzerRunner.RunAsync(codeCompilation, files, name + " over code", failures, cancellationToken: timeout.Token);
    }
    catch (OperationCanceledException)
    {
        problems.Add($"{name}: not finished within {maxSeconds} s (hang?)");
    }

    lock (problems)
    {
        slowestConfig = watch.Elapsed > slowestConfig ? watch.Elapsed : slowestConfig;
    }
});
Report("config mutations", configInputs.Count, $"slowest {slowestConfig.TotalMilliseconds:F0} ms");

// 4. Determinism and concurrency ---------------------------------------------------------------
var determinismRuns = 0;
var batches = corpus.Chunk(25).ToList();
foreach (var batch in batches)
{
    var compilation = AnalyzerRunner.Compile(batch.Select((s, i) => ($"/repo/Source{i}.cs", s.Text)));
    string[]? reference = null;
    foreach (var concurrent in new[] { false, true, true, false, true })
    {
        var diagnostics = await AnalyzerRunner.RunAsync(compilation, configFile, "determinism", failures, concurrent);
        var sorted = diagnostics.Select(AnalyzerRunner.Describe).Order(StringComparer.Ordinal).ToArray();
        determinismRuns++;
        if (reference is null)
        {
            reference = sorted;
        }
        else if (!reference.SequenceEqual(sorted))
        {
            var diff = reference.Except(sorted).Concat(sorted.Except(reference)).FirstOrDefault() ?? "(same set, different multiplicity)";
            problems.Add($"nondeterministic diagnostics (concurrent={concurrent}) over {batch[0].Origin}..: first difference: {diff}");
            break;
        }
    }
}

Report("determinism runs", determinismRuns, $"{batches.Count} batches x 5 runs, concurrent execution on and off");

// 5. Cancellation -------------------------------------------------------------------------------
var big = AnalyzerRunner.Compile(corpus.Select((s, i) => ($"/repo/All{i}.cs", s.Text)));
var fullRun = Stopwatch.StartNew();
await AnalyzerRunner.RunAsync(big, configFile, "cancellation baseline", failures);
fullRun.Stop();
var cancelAfter = TimeSpan.FromMilliseconds(Math.Max(20, fullRun.ElapsedMilliseconds / 5));
using (var cts = new CancellationTokenSource(cancelAfter))
{
    var watch = Stopwatch.StartNew();
    var big2 = AnalyzerRunner.Compile(corpus.Select((s, i) => ($"/repo/All{i}.cs", s.Text)));
    try
    {
        await AnalyzerRunner.RunAsync(big2, configFile, "cancellation", failures, cancellationToken: cts.Token);
        problems.Add($"cancellation: a run of {fullRun.ElapsedMilliseconds} ms cancelled after {cancelAfter.TotalMilliseconds:F0} ms completed anyway");
    }
    catch (OperationCanceledException)
    {
        var late = watch.Elapsed - cancelAfter;
        Console.WriteLine($"  cancellation: full run {fullRun.ElapsedMilliseconds} ms; cancelled after {cancelAfter.TotalMilliseconds:F0} ms, stopped {Math.Max(0, late.TotalMilliseconds):F0} ms later");
        if (late > TimeSpan.FromSeconds(5))
        {
            problems.Add($"cancellation: analysis stopped {late.TotalSeconds:F1} s after cancellation");
        }
    }
}

// Summary ---------------------------------------------------------------------------------------
foreach (var failure in failures.GroupBy(f => (f.Analyzer, First(f.Exception))).Take(20))
{
    Console.WriteLine($"ANALYZER EXCEPTION in {failure.Key.Analyzer} ({failure.Count()} inputs), e.g. {failure.First().Input}:\n{failure.First().Exception}\n");
}

foreach (var problem in problems.Distinct().Order(StringComparer.Ordinal).Take(50))
{
    Console.WriteLine("PROBLEM: " + problem);
}

var checks = variants.Count + fixes + fixAlls + configInputs.Count + determinismRuns + 1;
var failed = failures.Count + problems.Count;
Console.WriteLine($"Robustness finished in {total.Elapsed.TotalSeconds:F0} s: {failures.Count} analyzer exceptions, {problems.Count} other problems.");
Console.WriteLine($"robustness: {checks - Math.Min(checks, failed)} passed, {failed} failed");
return failed == 0 ? 0 : 1;

static string First(string exception) => exception.Split('\n')[0];

void Report(string what, int count, string detail)
    => Console.WriteLine($"  {what}: {count} run ({detail}); analyzer exceptions so far {failures.Count}, problems so far {problems.Count}");

int IntArg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}

static string FindRepoRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
            {
                return dir.FullName;
            }
        }
    }

    throw new InvalidOperationException("Run the harness inside the repository (Analyzers.sln not found).");
}
