using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.Layers;

/// <summary>The descriptors of the layer rules (ArchGate.Layers, AG1001-AG1099).</summary>
internal static class LayerDescriptors
{
    /// <summary>
    /// {0} source type or namespace, {1} source layer, {2} target symbol, {3} target layer,
    /// {4} what the source layer may use, {5} where to look for an abstraction.
    /// </summary>
    public static readonly DiagnosticDescriptor ForbiddenDependency = Rules.Create(
        RuleIdentifiers.ForbiddenLayerDependency,
        "Forbidden layer dependency",
        "'{0}' (layer {1}) uses '{2}' (layer {3}); {1} may use: {4} (archgate.json: dependencies.{1}). Depend on an abstraction declared in {5} instead.",
        RuleCategories.Layers,
        DiagnosticSeverity.Warning,
        "Code in a layer may use its own layer and the layers listed for it in archgate.json 'dependencies', nothing else. Every reference the compiler binds counts (types in signatures, base types, attributes, locals, object creation, member access, extension methods, typeof, casts, patterns, using static, nameof); XML doc crefs and strings do not.");

    /// <summary>{0} what is in no layer, {1} the declared layers with their patterns, {2} what to do.</summary>
    public static readonly DiagnosticDescriptor CodeInNoLayer = Rules.Create(
        RuleIdentifiers.CodeInNoLayer,
        "Code in no declared layer",
        "{0} is in no declared layer, but archgate.json requires one (requireLayer: true); declared layers: {1}. {2}, or move the code into a layer's namespace.",
        RuleCategories.Layers,
        DiagnosticSeverity.Warning,
        "With 'requireLayer': true, every namespace that declares types must match a layer's 'namespaces' pattern (or be compiled into an assembly listed in a layer's 'assemblies'), so that new folders and namespaces cannot escape the layer rules. Composition-root types are exempt.");

    /// <summary>
    /// {0} compilation assembly, {1} its layer, {2} referenced assembly, {3} its layer,
    /// {4} what the layer may use, {5} where to look for an abstraction.
    /// </summary>
    public static readonly DiagnosticDescriptor ForbiddenAssemblyReference = Rules.Create(
        RuleIdentifiers.ForbiddenAssemblyReference,
        "Reference to an assembly of a forbidden layer",
        "Assembly '{0}' (layer {1}) references assembly '{2}' (layer {3}); {1} may use: {4} (archgate.json: dependencies.{1}). Remove the project or assembly reference and depend on an abstraction declared in {5} instead.",
        RuleCategories.Layers,
        DiagnosticSeverity.Warning,
        "A project whose assembly belongs to a layer must not reference an assembly of a layer that archgate.json 'dependencies' does not allow for it: the reference makes every forbidden type one 'using' away. Reported once per forbidden reference, at the end of the compilation. Projects that declare a composition-root type are exempt (they wire every layer together).",
        isEnabledByDefault: true,
        WellKnownDiagnosticTags.CompilationEnd);
}
