using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Baseline;

/// <summary>
/// The checks of archgate.baseline.json that need a diagnostic (a suppressor cannot report):
/// <list type="bullet">
/// <item>AG0013: the file cannot be used (syntax, shape, an incomplete entry), at line and column, live in the IDE.</item>
/// <item>AG0014: an entry tolerates more findings than the code still has (stale), at the entry.</item>
/// <item>AG0015: with ArchGateWriteBaseline=true, every ArchGate finding with its fingerprint, for the writer task.</item>
/// </list>
/// AG0014 and AG0015 need every ArchGate finding of the compilation, which one analyzer cannot see of the others:
/// at compilation end this analyzer runs the other ArchGate analyzers once more over the same compilation (only when
/// the baseline has entries or is being written) and fingerprints their findings exactly as the suppressor does.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaselineAnalyzer : ArchGateAnalyzer
{
    private const string Docs = " See docs/baseline.md.";

    public static readonly DiagnosticDescriptor BaselineInvalid = Rules.Create(
        RuleIdentifiers.BaselineInvalid, "archgate.baseline.json cannot be used", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "archgate.baseline.json is not valid JSON, or an entry is not a complete fingerprint (rule, file, member, symbol, count). A baseline that cannot be read is not applied at all, so every existing finding is reported again: the gate fails closed instead of guessing." + Docs);

    public static readonly DiagnosticDescriptor BaselineStaleEntry = Rules.Create(
        RuleIdentifiers.BaselineStaleEntry, "Baseline entry matches no finding", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        "An entry of archgate.baseline.json tolerates more findings than the code still has: the debt was paid. Remove the entry (or lower its count) so that the baseline only shrinks and cannot hide a new finding later; `dotnet build -p:ArchGateWriteBaseline=true` does it for the whole solution." + Docs,
        true,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor BaselineFindingRecorded = Rules.Create(
        RuleIdentifiers.BaselineFindingRecorded, "Finding recorded for the baseline", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Info,
        "Reported only in a build with ArchGateWriteBaseline=true: one per ArchGate finding, carrying its fingerprint in its properties; the package's MSBuild task reads them from the compiler's error log and writes archgate.baseline.json." + Docs,
        true,
        WellKnownDiagnosticTags.CompilationEnd);

    private static readonly Lazy<ImmutableArray<Type>> RuleAnalyzerTypes = new(FindRuleAnalyzerTypes);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        BaselineInvalid,
        BaselineStaleEntry,
        BaselineFindingRecorded);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var file = BaselineFile.Find(start.Options, start.CancellationToken);
            var settings = BaselineSettings.From(start.Options, file);
            if (file is null && !settings.Write)
            {
                return;
            }

            BaselineFile? baseline = null;
            SourceText? text = null;
            if (file is not null)
            {
                text = file.GetText(start.CancellationToken);
                baseline = text is null ? BaselineFile.Unreadable
                    : start.TryGetValue(text, BaselineFile.Provider, out var cached) ? cached : BaselineFile.Read(text);

                var problems = baseline.Problems;
                var path = file.Path;
                var fileText = text;
                start.RegisterAdditionalFileAction(fileContext =>
                {
                    if (!string.Equals(fileContext.AdditionalFile.Path, path, StringComparison.Ordinal))
                    {
                        return;
                    }

                    foreach (var problem in problems)
                    {
                        fileContext.ReportDiagnostic(DiagnosticProperties.Create(BaselineInvalid, LocationIn(path, fileText, problem.Span), null, problem.Message));
                    }
                });
            }

            // The baseline is the solution's; this compilation judges only the entries of its own files, and pays for
            // the second analysis below only when it owns one.
            var owned = new HashSet<string>(StringComparer.Ordinal) { BaselinePaths.Relative(settings.BaseDirectory, settings.ProjectFile) };
            foreach (var tree in start.Compilation.SyntaxTrees)
            {
                owned.Add(BaselinePaths.Relative(settings.BaseDirectory, tree.FilePath));
            }

            var checkStale = !settings.Write && baseline is { IsUsable: true } && baseline.Entries.Any(e => owned.Contains(e.Key.File));
            if (!settings.Write && !checkStale)
            {
                return;
            }

            start.RegisterCompilationEndAction(end =>
            {
                var findings = RunRuleAnalyzers(end.Compilation, end.Options, end.CancellationToken);
#pragma warning disable RS1030 // The findings of the other analyzers are fingerprinted once per compilation, at its end, like the suppressor does.
                var models = new Dictionary<SyntaxTree, SemanticModel>();
                SemanticModel Model(SyntaxTree tree)
                {
                    if (!models.TryGetValue(tree, out var model))
                    {
                        model = end.Compilation.GetSemanticModel(tree);
                        models[tree] = model;
                    }

                    return model;
                }
#pragma warning restore RS1030

                if (settings.Write)
                {
                    foreach (var finding in findings)
                    {
                        var key = Fingerprint.For(finding, Model, settings, end.CancellationToken);
                        var properties = DiagnosticProperties.For(BaselineFindingRecorded);
                        properties["baselineRule"] = key.Rule;
                        properties["baselineFile"] = key.File;
                        properties["baselineMember"] = key.Member;
                        properties["baselineSymbol"] = key.Symbol;
                        var location = finding.Location.IsInSource ? finding.Location : Location.None;
                        end.ReportDiagnostic(DiagnosticProperties.Create(BaselineFindingRecorded, location, properties,
                            $"{key.Rule} recorded for the baseline (ArchGateWriteBaseline=true): {finding.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
                    }

                    return;
                }

                var found = new Dictionary<BaselineKey, int>();
                foreach (var finding in findings)
                {
                    var key = Fingerprint.For(finding, Model, settings, end.CancellationToken);
                    found[key] = found.TryGetValue(key, out var n) ? n + 1 : 1;
                }

                foreach (var entry in baseline!.Entries)
                {
                    if (!owned.Contains(entry.Key.File))
                    {
                        continue;
                    }

                    found.TryGetValue(entry.Key, out var n);
                    if (n >= entry.Count)
                    {
                        continue;
                    }

                    var message = n == 0
                        ? $"this baseline entry ({entry.Key.Rule} in {entry.Key.File}, {Describe(entry.Key.Member)}) matches no finding any more: the debt was paid. Remove the entry, or run dotnet build -p:ArchGateWriteBaseline=true to prune the baseline, so that it cannot hide a new finding later"
                        : $"this baseline entry ({entry.Key.Rule} in {entry.Key.File}, {Describe(entry.Key.Member)}) tolerates {entry.Count} findings but only {n} remain. Lower its count to {n}, or run dotnet build -p:ArchGateWriteBaseline=true to prune the baseline, so that it cannot hide a new finding later";
                    end.ReportDiagnostic(DiagnosticProperties.Create(BaselineStaleEntry, LocationIn(file!.Path, text, entry.Span), null, message));
                }
            });
        });
    }

    private static string Describe(string member) => member.Length == 0 ? "outside any member" : "in " + member;

    private static Location LocationIn(string path, SourceText? text, TextSpan span)
    {
        if (text is null)
        {
            return Location.Create(path, default, default);
        }

        var start = Math.Min(span.Start, text.Length);
        var clamped = TextSpan.FromBounds(start, Math.Max(start, Math.Min(span.End, text.Length)));
        return Location.Create(path, clamped, text.Lines.GetLinePositionSpan(clamped));
    }

    /// <summary>The baselinable findings of the other ArchGate analyzers on <paramref name="compilation"/>, after #pragma and [SuppressMessage].</summary>
    internal static ImmutableArray<Diagnostic> RunRuleAnalyzers(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var analyzers = RuleAnalyzerTypes.Value.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)).ToImmutableArray();
        if (analyzers.IsEmpty)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        return diagnostics.Where(d => !d.IsSuppressed && d.Severity != DiagnosticSeverity.Hidden && Fingerprint.IsBaselinable(d.Id)).ToImmutableArray();
    }

    private static ImmutableArray<Type> FindRuleAnalyzerTypes()
    {
        var result = ImmutableArray.CreateBuilder<Type>();
        foreach (var type in typeof(BaselineAnalyzer).Assembly.GetTypes())
        {
            if (type.IsAbstract || !typeof(DiagnosticAnalyzer).IsAssignableFrom(type) || typeof(DiagnosticSuppressor).IsAssignableFrom(type)
                || type == typeof(BaselineAnalyzer) || type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is null
                || type.GetConstructor(Type.EmptyTypes) is null)
            {
                continue;
            }

            var probe = (DiagnosticAnalyzer)Activator.CreateInstance(type);
            if (probe.SupportedDiagnostics.Any(d => Fingerprint.IsBaselinable(d.Id)))
            {
                result.Add(type);
            }
        }

        return result.OrderBy(t => t.FullName, StringComparer.Ordinal).ToImmutableArray();
    }
}
