using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.Analyzers.Layers;

/// <summary>AG1002: namespace declarations (and global-namespace types) that are in no layer.</summary>
internal sealed partial class LayerWalker
{
    // ---- AG1002 -------------------------------------------------------------------------------

    private void CheckCodeInNoLayer(CompilationUnitSyntax root)
    {
        var compilation = _semantic.Compilation;
        var assemblyLayer = _archGate.LayerOfAssembly(compilation.Assembly);
        if (assemblyLayer is not null)
        {
            return; // everything compiled into a layer assembly is in that layer
        }

        var globalInLayer = _archGate.LayerOfNamespaceSymbol(compilation.Assembly.GlobalNamespace) is not null;
        var reportedProgram = false;
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax namespaceDeclaration:
                    CheckNamespace(namespaceDeclaration);
                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax when !globalInLayer:
                    if (_semantic.GetDeclaredSymbol(member, _cancellationToken) is INamedTypeSymbol type && !_archGate.IsCompositionRoot(type))
                    {
                        var identifier = member is BaseTypeDeclarationSyntax typeDeclaration
                            ? typeDeclaration.Identifier
                            : ((DelegateDeclarationSyntax)member).Identifier;
                        ReportNoLayer(
                            Location.Create(_tree, identifier.Span),
                            $"Type '{_archGate.QualifiedName(type)}' in the global namespace",
                            $"List '{_archGate.QualifiedName(type)}' in 'compositionRoot' in archgate.json if it wires the layers together",
                            string.Empty,
                            _archGate.QualifiedName(type));
                    }

                    break;
                case GlobalStatementSyntax statement when !globalInLayer && !reportedProgram:
                    reportedProgram = true;
                    var program = _semantic.GetDeclaredSymbol(root, _cancellationToken)?.ContainingType;
                    if (program is not null && !_archGate.IsCompositionRoot(program))
                    {
                        ReportNoLayer(
                            statement.GetLocation(),
                            $"The top-level program ('{program.Name}' in the global namespace)",
                            $"List '{program.Name}' in 'compositionRoot' in archgate.json if it wires the layers together",
                            string.Empty,
                            program.Name);
                    }

                    break;
            }
        }
    }

    private void CheckNamespace(BaseNamespaceDeclarationSyntax declaration)
    {
        if (_semantic.GetDeclaredSymbol(declaration, _cancellationToken) is INamespaceSymbol ns
            && _archGate.LayerOfNamespaceSymbol(ns) is null
            && DeclaresNonRootType(declaration))
        {
            var name = _archGate.QualifiedName(ns);
            ReportNoLayer(
                declaration.Name.GetLocation(),
                $"Namespace '{name}'",
                $"Add a pattern matching '{name}' to a layer's 'namespaces' in archgate.json",
                name,
                string.Empty);
        }

        foreach (var member in declaration.Members)
        {
            if (member is BaseNamespaceDeclarationSyntax nested)
            {
                CheckNamespace(nested);
            }
        }
    }

    private bool DeclaresNonRootType(BaseNamespaceDeclarationSyntax declaration)
    {
        foreach (var member in declaration.Members)
        {
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            {
                if (_archGate.Config.CompositionRoot.IsEmpty
                    || _semantic.GetDeclaredSymbol(member, _cancellationToken) is not INamedTypeSymbol type
                    || !_archGate.IsCompositionRoot(type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void ReportNoLayer(Location location, string what, string advice, string namespaceName, string typeName)
    {
        var properties = DiagnosticProperties.For(LayerAnalyzer.CodeInNoLayer, "requireLayer", typeName.Length > 0 ? typeName : namespaceName);
        properties["namespace"] = namespaceName;
        properties["typeName"] = typeName;
        properties["declaredLayers"] = _model.DeclaredLayerNames;
        _report(DiagnosticProperties.Create(
            LayerAnalyzer.CodeInNoLayer,
            location,
            properties,
            what,
            _model.DeclaredLayersText,
            advice));
    }
}
