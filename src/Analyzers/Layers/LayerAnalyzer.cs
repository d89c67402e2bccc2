using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

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
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        LayerDescriptors.ForbiddenDependency,
        LayerDescriptors.CodeInNoLayer,
        LayerDescriptors.ForbiddenAssemblyReference);

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
                start.RegisterSemanticModelAction(semantic => LayerWalker.AnalyzeFile(model, semantic));
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

            var properties = DiagnosticProperties.For(LayerDescriptors.ForbiddenAssemblyReference, "dependencies." + fromLayer, assembly.Name);
            properties["sourceAssembly"] = compilation.AssemblyName;
            properties["sourceLayer"] = fromLayer;
            properties["targetAssembly"] = assembly.Name;
            properties["targetLayer"] = toLayer;
            properties["allowedLayers"] = model.AllowedList(fromLayer);
            result.Add(DiagnosticProperties.Create(
                LayerDescriptors.ForbiddenAssemblyReference,
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
