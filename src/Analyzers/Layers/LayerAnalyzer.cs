using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using System.Runtime.CompilerServices;

namespace ArchGate.Analyzers.Layers;

/// <summary>
/// The layer rules. AG1001 (forbidden dependency) and AG1002 (code in no layer) come from a
/// semantic-model action per file (<see cref="LayerWalker"/>), so they show live in the IDE. AG1003
/// (a reference to an assembly of a forbidden layer) has no source location; it is computed at
/// compilation start from the compiler's references and reported by a compilation-end action.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayerAnalyzer : ArchGateAnalyzer
{
    /// <summary>
    /// {0} source type or namespace, {1} source layer, {2} target symbol, {3} target layer,
    /// {4} what the source layer may use, {5} where to look for an abstraction.
    /// </summary>
    public static readonly DiagnosticDescriptor ForbiddenLayerDependency = Rules.Create(
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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        ForbiddenLayerDependency,
        CodeInNoLayer,
        ForbiddenAssemblyReference);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var archGate = ArchGateContext.Create(start);
            if (archGate.Config.Layers.IsEmpty)
            {
                return;
            }

            var model = new LayerModel(archGate, start.CancellationToken);

            var forbiddenReferences = FindForbiddenReferences(model, start.CancellationToken);
            if (forbiddenReferences.Count > 0)
            {
                start.RegisterCompilationEndAction(end =>
                {
                    foreach (var diagnostic in forbiddenReferences)
                    {
                        end.ReportDiagnostic(diagnostic);
                    }
                });
            }

            if (model.AnyViolationPossible || archGate.Config.RequireLayer)
            {
                start.RegisterSemanticModelAction([MethodImpl(Jit.Optimized)] (semantic) => LayerWalker.AnalyzeFile(model, semantic));
            }
        });
    }

    /// <summary>
    /// AG1003: the references the compiler has to assemblies of a layer this compilation's layer may
    /// not use. A compilation in no layer, or one that declares a composition-root type (it wires every
    /// layer together), is not restricted.
    /// </summary>
    private static List<Diagnostic> FindForbiddenReferences(LayerModel model, System.Threading.CancellationToken cancellationToken)
    {
        var result = new List<Diagnostic>();
        var fromLayer = model.CompilationLayer;
        if (fromLayer is null || !model.CanViolate(fromLayer))
        {
            return result;
        }

        var compilation = model.Compilation;
        var seen = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var reference in compilation.References)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly
                || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly)
                || !seen.Add(assembly))
            {
                continue;
            }

            var toLayer = model.Context.LayerOfAssemblyOrName(assembly);
            if (toLayer is null || model.IsAllowed(fromLayer, toLayer))
            {
                continue;
            }

            var properties = DiagnosticProperties.For(ForbiddenAssemblyReference, "dependencies." + fromLayer, assembly.Name);
            properties["sourceAssembly"] = compilation.AssemblyName;
            properties["sourceLayer"] = fromLayer;
            properties["targetAssembly"] = assembly.Name;
            properties["targetLayer"] = toLayer;
            properties["allowedLayers"] = model.AllowedList(fromLayer);
            result.Add(DiagnosticProperties.Create(
                ForbiddenAssemblyReference,
                Location.None,
                properties,
                compilation.AssemblyName,
                fromLayer,
                assembly.Name,
                toLayer,
                model.AllowedText(fromLayer),
                model.AbstractionText(fromLayer)));
        }

        if (result.Count > 0 && model.DeclaresCompositionRoot(cancellationToken))
        {
            result.Clear();
        }

        return result;
    }
}
