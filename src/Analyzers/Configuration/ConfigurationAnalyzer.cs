using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Configuration;

/// <summary>
/// Reports every problem of archgate.json (AG0001-AG0011) at its line and column in the file itself, and the
/// patterns that match nothing in a project that can see what they mean (AG0010, <see cref="PatternCoverage"/>).
/// Runs as an additional-file action, so the problems show live in the IDE.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationAnalyzer : ArchGateAnalyzer
{
    private const string Docs = " See the schema (archgate.schema.json) and docs/configuration.md.";

    public static readonly DiagnosticDescriptor ConfigSyntaxError = Rules.Create(
        RuleIdentifiers.ConfigSyntaxError, "archgate.json cannot be read", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "archgate.json is not valid JSON (comments and trailing commas are allowed), is empty, or could not be read. A configuration that cannot be read fails the build instead of silently opening the gate." + Docs);

    public static readonly DiagnosticDescriptor ConfigUnknownKey = Rules.Create(
        RuleIdentifiers.ConfigUnknownKey, "Unknown key in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A key that ArchGate does not know is ignored, so what it was meant to configure is not applied; a misspelt 'dependencies' would open the gate. The message suggests the closest known key." + Docs);

    public static readonly DiagnosticDescriptor ConfigWrongType = Rules.Create(
        RuleIdentifiers.ConfigWrongType, "Value of the wrong type in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A value has the wrong JSON type (e.g. a string where a list is expected) and is ignored." + Docs);

    public static readonly DiagnosticDescriptor ConfigUnknownLayer = Rules.Create(
        RuleIdentifiers.ConfigUnknownLayer, "Reference to an undeclared layer in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A name in 'dependencies' or a scope list ('allowedIn', 'saveChangesAllowedIn') is a plain word, so it names a layer, but no such layer is declared under 'layers'." + Docs);

    public static readonly DiagnosticDescriptor ConfigBadPattern = Rules.Create(
        RuleIdentifiers.ConfigBadPattern, "Malformed pattern in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A pattern is not a dotted name with '*' / '**' wildcards, nor a documentation-comment ID (T:, M:, P:, F:, E:, N:) where one is accepted." + Docs);

    public static readonly DiagnosticDescriptor ConfigDuplicate = Rules.Create(
        RuleIdentifiers.ConfigDuplicate, "Duplicate entry in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A layer, key or list entry appears twice; only the first is used, so the second's intent is lost." + Docs);

    public static readonly DiagnosticDescriptor ConfigLayerMissingFromDependencies = Rules.Create(
        RuleIdentifiers.ConfigLayerMissingFromDependencies, "Layer missing from 'dependencies'", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "Every declared layer needs an entry in 'dependencies' (an empty list for a layer that may use nothing else), so that its allowed dependencies are a decision, not an omission." + Docs);

    public static readonly DiagnosticDescriptor ConfigDependencyCycle = Rules.Create(
        RuleIdentifiers.ConfigDependencyCycle, "Cycle in 'dependencies'", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "Layers that may use each other, directly or through others, are not layers: the cycle makes the architecture unenforceable." + Docs);

    public static readonly DiagnosticDescriptor ConfigInvalidValue = Rules.Create(
        RuleIdentifiers.ConfigInvalidValue, "Invalid value in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A value has the right type but is not allowed: an unknown provider or API group, a layer with no members, a section with nothing to apply." + Docs);

    public static readonly DiagnosticDescriptor ConfigMultipleFiles = Rules.Create(
        RuleIdentifiers.ConfigMultipleFiles, "More than one archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A project sees more than one ArchGate configuration file; ArchGate uses one file for the whole solution and will not guess which one applies." + Docs);

    public static readonly DiagnosticDescriptor ConfigPatternMatchesNothing = Rules.Create(
        RuleIdentifiers.ConfigPatternMatchesNothing, "Pattern in archgate.json matches nothing", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        "A pattern that matches nothing is not an error in the file, but it leaves the rule it configures without effect: a misspelt 'repositories.interfaces' entry and AG2002 never fires. One archgate.json serves every project and each project sees only what it references, so a pattern is reported only where the project can see where its target would be: a namespace segment that does not exist beside one an edit or two away, or a literal namespace that exists here, with its types, but holds nothing the pattern matches. Reported at the end of the compilation." + Docs,
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        ConfigSyntaxError,
        ConfigUnknownKey,
        ConfigWrongType,
        ConfigUnknownLayer,
        ConfigBadPattern,
        ConfigDuplicate,
        ConfigLayerMissingFromDependencies,
        ConfigDependencyCycle,
        ConfigInvalidValue,
        ConfigPatternMatchesNothing,
        ConfigMultipleFiles);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var files = ConfigLoader.FindConfigFiles(start.Options, start.CancellationToken);
            if (files.IsEmpty)
            {
                return;
            }

            var archGate = ArchGateContext.Create(start);

            start.RegisterAdditionalFileAction(fileContext =>
            {
                if (!ConfigLoader.IsConfigFile(fileContext.Options, fileContext.AdditionalFile))
                {
                    return;
                }

                var file = fileContext.AdditionalFile;
                if (files.Length > 1 && !ReferenceEquals(file, files[0]) && !string.Equals(file.Path, files[0].Path, System.StringComparison.Ordinal))
                {
                    var multiple = DiagnosticProperties.For(ConfigMultipleFiles);
                    multiple["configFile"] = file.Path;
                    fileContext.ReportDiagnostic(DiagnosticProperties.Create(ConfigMultipleFiles,
                        Location.Create(file.Path, default, default), multiple,
                        $"this project sees more than one ArchGate configuration file: '{files[0].Path}' is used, '{file.Path}' is not. Keep one archgate.json for the solution (or point ArchGateConfigFile at one)."));
                    return;
                }

                var result = ConfigLoader.Read(file, start, fileContext.CancellationToken);
                var text = file.GetText(fileContext.CancellationToken);
                foreach (var problem in result.Problems)
                {
                    var location = text is null
                        ? Location.Create(file.Path, default, default)
                        : Location.Create(file.Path, Clamp(problem.Span, text.Length), text.Lines.GetLinePositionSpan(Clamp(problem.Span, text.Length)));
                    var properties = DiagnosticProperties.For(problem.Descriptor, configPath: problem.ConfigPath);
                    properties["configFile"] = file.Path;
                    fileContext.ReportDiagnostic(DiagnosticProperties.Create(problem.Descriptor, location, properties, problem.Message));
                }
            });

            // AG0010 at the end of the compilation: it looks up the patterns in the namespace and type tables, which the
            // compiler has built by then (at the start it would pay for building them: docs/performance.md, seventh round).
            start.RegisterCompilationEndAction(end => ReportUnmatchedPatterns(end, files[0], start, archGate));
        });
    }

    private static void ReportUnmatchedPatterns(CompilationAnalysisContext context, AdditionalText file, CompilationStartAnalysisContext start, ArchGateContext archGate)
    {
        var text = file.GetText(context.CancellationToken);
        if (text is null)
        {
            return;
        }

        var result = ConfigLoader.Read(file, start, context.CancellationToken);
        foreach (var (span, configPath, message) in PatternCoverage.UnmatchedAssemblies(archGate.Compilation, result.AssemblySites, context.CancellationToken))
        {
            Report(span, configPath, pattern: null, message);
        }

        foreach (var (site, message) in PatternCoverage.Unmatched(archGate, result.PatternSites, context.CancellationToken))
        {
            Report(site.Span, site.ConfigPath, site.Pattern.Text, message);
        }

        void Report(TextSpan span, string configPath, string? pattern, string message)
        {
            span = Clamp(span, text.Length);
            var properties = DiagnosticProperties.For(ConfigPatternMatchesNothing, configPath, symbol: pattern);
            properties["configFile"] = file.Path;
            if (pattern is not null)
            {
                properties["pattern"] = pattern;
            }

            context.ReportDiagnostic(DiagnosticProperties.Create(ConfigPatternMatchesNothing,
                Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span)), properties, message));
        }
    }

    private static TextSpan Clamp(TextSpan span, int length)
    {
        var start = span.Start > length ? length : span.Start;
        var end = span.End > length ? length : span.End;
        return TextSpan.FromBounds(start, end);
    }
}
