using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.Configuration;

/// <summary>The AG00xx descriptors: problems in archgate.json itself, reported at their line and column.</summary>
public static class ConfigDescriptors
{
    private const string Docs = " See the schema (archgate.schema.json) and docs/configuration.md.";

    public static readonly DiagnosticDescriptor SyntaxError = Rules.Create(
        RuleIdentifiers.ConfigSyntaxError, "archgate.json cannot be read", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "archgate.json is not valid JSON (comments and trailing commas are allowed), is empty, or could not be read. A configuration that cannot be read fails the build instead of silently opening the gate." + Docs);

    public static readonly DiagnosticDescriptor UnknownKey = Rules.Create(
        RuleIdentifiers.ConfigUnknownKey, "Unknown key in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A key that ArchGate does not know is ignored, so what it was meant to configure is not applied; a misspelt 'dependencies' would open the gate. The message suggests the closest known key." + Docs);

    public static readonly DiagnosticDescriptor WrongType = Rules.Create(
        RuleIdentifiers.ConfigWrongType, "Value of the wrong type in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A value has the wrong JSON type (e.g. a string where a list is expected) and is ignored." + Docs);

    public static readonly DiagnosticDescriptor UnknownLayer = Rules.Create(
        RuleIdentifiers.ConfigUnknownLayer, "Reference to an undeclared layer in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A name in 'dependencies' or a scope list ('allowedIn', 'saveChangesAllowedIn') is a plain word, so it names a layer, but no such layer is declared under 'layers'." + Docs);

    public static readonly DiagnosticDescriptor BadPattern = Rules.Create(
        RuleIdentifiers.ConfigBadPattern, "Malformed pattern in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A pattern is not a dotted name with '*' / '**' wildcards, nor a documentation-comment ID (T:, M:, P:, F:, E:, N:) where one is accepted." + Docs);

    public static readonly DiagnosticDescriptor Duplicate = Rules.Create(
        RuleIdentifiers.ConfigDuplicate, "Duplicate entry in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A layer, key or list entry appears twice; only the first is used, so the second's intent is lost." + Docs);

    public static readonly DiagnosticDescriptor LayerMissingFromDependencies = Rules.Create(
        RuleIdentifiers.ConfigLayerMissingFromDependencies, "Layer missing from 'dependencies'", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "Every declared layer needs an entry in 'dependencies' (an empty list for a layer that may use nothing else), so that its allowed dependencies are a decision, not an omission." + Docs);

    public static readonly DiagnosticDescriptor DependencyCycle = Rules.Create(
        RuleIdentifiers.ConfigDependencyCycle, "Cycle in 'dependencies'", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "Layers that may use each other, directly or through others, are not layers: the cycle makes the architecture unenforceable." + Docs);

    public static readonly DiagnosticDescriptor InvalidValue = Rules.Create(
        RuleIdentifiers.ConfigInvalidValue, "Invalid value in archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A value has the right type but is not allowed: an unknown provider or API group, a layer with no members, a section with nothing to apply." + Docs);

    public static readonly DiagnosticDescriptor MultipleFiles = Rules.Create(
        RuleIdentifiers.ConfigMultipleFiles, "More than one archgate.json", "{0}", RuleCategories.Configuration,
        DiagnosticSeverity.Error,
        "A project sees more than one ArchGate configuration file; ArchGate uses one file for the whole solution and will not guess which one applies." + Docs);
}
