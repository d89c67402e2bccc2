using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Baseline;

/// <summary>The baseline's own diagnostics (docs/baseline.md), reported in archgate.baseline.json at line and column.</summary>
public static class BaselineDescriptors
{
    private const string Docs = " See docs/baseline.md.";

    public static readonly DiagnosticDescriptor Invalid = Rules.Create(
        RuleIdentifiers.BaselineInvalid, "archgate.baseline.json cannot be used", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "archgate.baseline.json is not valid JSON, or an entry is not a complete fingerprint (rule, file, member, symbol, count). A baseline that cannot be read is not applied at all, so every existing finding is reported again: the gate fails closed instead of guessing." + Docs);

    public static readonly DiagnosticDescriptor StaleEntry = Rules.Create(
        RuleIdentifiers.BaselineStaleEntry, "Baseline entry matches no finding", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        "An entry of archgate.baseline.json tolerates more findings than the code still has: the debt was paid. Remove the entry (or lower its count) so that the baseline only shrinks and cannot hide a new finding later; `dotnet build -p:ArchGateWriteBaseline=true` does it for the whole solution." + Docs,
        true,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor FindingRecorded = Rules.Create(
        RuleIdentifiers.BaselineFindingRecorded, "Finding recorded for the baseline", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Info,
        "Reported only in a build with ArchGateWriteBaseline=true: one per ArchGate finding, carrying its fingerprint in its properties; the package's MSBuild task reads them from the compiler's error log and writes archgate.baseline.json." + Docs,
        true,
        WellKnownDiagnosticTags.CompilationEnd);
}
