using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Baseline;

/// <summary>
/// Applies archgate.baseline.json: of the ArchGate findings of a compilation, the first <c>count</c> of each
/// fingerprint (ordered by file and position, so the choice is deterministic) are suppressed; any further finding
/// of the same fingerprint, and every finding of a new fingerprint, is reported as usual. Suppressed findings stay
/// in the SARIF log with their suppression (a <see cref="DiagnosticSuppressor"/> rather than a filter, so tools and
/// reviewers still see the debt). A baseline with any problem (AG0013) suppresses nothing: fail closed.
/// With ArchGateWriteBaseline=true every ArchGate finding is suppressed: they are being recorded (AG0015).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaselineSuppressor : DiagnosticSuppressor
{
    private static readonly ImmutableDictionary<string, SuppressionDescriptor> Descriptors = CreateDescriptors();

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = Descriptors.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>One suppression per baselinable rule: every constant of <see cref="RuleIdentifiers"/> from AG1001 on.</summary>
    internal static IEnumerable<string> BaselinableIds()
        => typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(Fingerprint.IsBaselinable)
            .Distinct(StringComparer.Ordinal);

    private static ImmutableDictionary<string, SuppressionDescriptor> CreateDescriptors()
        => BaselinableIds().ToImmutableDictionary(
            id => id,
            id => new SuppressionDescriptor("AGB" + id.Substring(2), id, "The finding is recorded in archgate.baseline.json: existing debt, tolerated until the code is fixed (docs/baseline.md)."),
            StringComparer.Ordinal);

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        try
        {
            ReportSuppressionsCore(context);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // Never crash the compiler's suppression pass: without the baseline every finding is reported (fail closed).
        }
    }

    private static void ReportSuppressionsCore(SuppressionAnalysisContext context)
    {
        var file = BaselineFile.Find(context.Options, context.CancellationToken);
        var settings = BaselineSettings.From(context.Options, file);
        if (settings.Write)
        {
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                if (Descriptors.TryGetValue(diagnostic.Id, out var descriptor))
                {
                    context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
                }
            }

            return;
        }

        if (file is null)
        {
            return;
        }

        var text = file.GetText(context.CancellationToken);
        var baseline = text is null ? BaselineFile.Unreadable : BaselineFile.Read(text);
        if (!baseline.IsUsable || baseline.Entries.IsEmpty)
        {
            return;
        }

        var remaining = new Dictionary<BaselineKey, int>();
        foreach (var entry in baseline.Entries)
        {
            remaining[entry.Key] = entry.Count;
        }

        // The same findings as BaselineAnalyzer counts: hidden ones neither consume nor need a baseline entry.
        foreach (var diagnostic in BaselineMatching.InOrder(context.ReportedDiagnostics.Where(d => Descriptors.ContainsKey(d.Id) && d.Severity != DiagnosticSeverity.Hidden)))
        {
            var key = Fingerprint.For(diagnostic, context.GetSemanticModel, settings, context.CancellationToken);
            if (remaining.TryGetValue(key, out var left) && left > 0)
            {
                remaining[key] = left - 1;
                context.ReportSuppression(Suppression.Create(Descriptors[diagnostic.Id], diagnostic));
            }
        }
    }
}

/// <summary>The order in which findings consume the counts of the baseline: by file, then position, then message.</summary>
internal static class BaselineMatching
{
    public static IEnumerable<Diagnostic> InOrder(IEnumerable<Diagnostic> diagnostics)
        => diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ThenBy(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
