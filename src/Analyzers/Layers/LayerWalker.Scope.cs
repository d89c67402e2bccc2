using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.Analyzers.Layers;

/// <summary>The scope a name belongs to (a type, namespace declaration, program or file) and its layer.</summary>
internal sealed partial class LayerWalker
{
    /// <summary>
    /// Where file-level usings and assembly attributes belong: the top-level program when the file
    /// has one, else the file's first namespace declaration, else the global namespace.
    /// </summary>
    private Scope FileScope(CompilationUnitSyntax root)
    {
        foreach (var member in root.Members)
        {
            if (member is GlobalStatementSyntax)
            {
                return Scope.ForProgram(this, root);
            }
        }

        foreach (var member in root.Members)
        {
            if (member is BaseNamespaceDeclarationSyntax namespaceDeclaration)
            {
                return Scope.ForNamespace(this, namespaceDeclaration);
            }
        }

        return Scope.ForGlobalNamespace(this, root);
    }

    /// <summary>
    /// The code a name belongs to: a type (its layer, composition-root exemption) or, for using
    /// directives and assembly attributes, a namespace or file. Computed when first needed.
    /// </summary>
    private sealed class Scope
    {
        private readonly LayerWalker _walker;
        private readonly SyntaxNode _owner;
        private readonly int _kind; // 0 type, 1 namespace declaration, 2 program, 3 global namespace
        private bool _computed;
        private bool _isChecked;
        private string? _layer;
        private ISymbol? _source; // the type or namespace; its name is built only for a report
        private LayerNameFilter? _nameFilter;

        private Scope(LayerWalker walker, SyntaxNode owner, int kind)
        {
            _walker = walker;
            _owner = owner;
            _kind = kind;
        }

        public static Scope ForType(LayerWalker walker, MemberDeclarationSyntax declaration) => new(walker, declaration, 0);

        public static Scope ForNamespace(LayerWalker walker, BaseNamespaceDeclarationSyntax declaration) => new(walker, declaration, 1);

        public static Scope ForProgram(LayerWalker walker, CompilationUnitSyntax root) => new(walker, root, 2);

        public static Scope ForGlobalNamespace(LayerWalker walker, CompilationUnitSyntax root) => new(walker, root, 3);

        /// <summary>True when names in this scope must be checked (it has a layer that can violate, and is not exempt).</summary>
        public bool IsChecked
        {
            [MethodImpl(Jit.Optimized)]
            get
            {
                Compute();
                return _isChecked;
            }
        }

        public string? Layer
        {
            [MethodImpl(Jit.Optimized)]
            get
            {
                Compute();
                return _layer;
            }
        }

        /// <summary><see cref="LayerModel.NameFilter"/> of this scope's layer (set when the scope is checked; null: bind every name).</summary>
        public LayerNameFilter? NameFilter
        {
            [MethodImpl(Jit.Optimized)]
            get
            {
                Compute();
                return _nameFilter;
            }
        }

        public string SourceName
        {
            get
            {
                Compute();
                return _source is null ? string.Empty : _walker._archGate.QualifiedName(_source);
            }
        }

        [MethodImpl(Jit.Optimized)]
        private void Compute()
        {
            if (_computed)
            {
                return;
            }

            _computed = true;
            var semantic = _walker._semantic;
            var archGate = _walker._archGate;
            var cancellationToken = _walker._cancellationToken;
            bool exempt;
            switch (_kind)
            {
                case 0:
                case 2:
                    var type = _kind == 0
                        ? semantic.GetDeclaredSymbol(_owner, cancellationToken) as INamedTypeSymbol
                        : semantic.GetDeclaredSymbol((CompilationUnitSyntax)_owner, cancellationToken)?.ContainingType;
                    if (type is null)
                    {
                        return;
                    }

                    _layer = _walker._model.LayerOfType(type);
                    _source = type;
                    exempt = archGate.IsCompositionRoot(type);
                    break;
                default:
                    var ns = _kind == 1
                        ? semantic.GetDeclaredSymbol(_owner, cancellationToken) as INamespaceSymbol
                        : semantic.Compilation.Assembly.GlobalNamespace;
                    if (ns is null)
                    {
                        return;
                    }

                    _layer = archGate.LayerOfNamespaceSymbol(ns) ?? archGate.LayerOfAssembly(semantic.Compilation.Assembly);
                    _source = ns;
                    exempt = AllTypesAreCompositionRoots(_kind == 1 ? ((BaseNamespaceDeclarationSyntax)_owner).Members : ((CompilationUnitSyntax)_owner).Members);
                    break;
            }

            _isChecked = _layer is not null && !exempt && _walker._model.CanViolate(_layer);
            if (_isChecked)
            {
                // Names are only checked in checked scopes: the filter is looked up once, here.
                _nameFilter = _walker._model.NameFilter(_layer!, _walker._cancellationToken);
            }
        }

        private bool AllTypesAreCompositionRoots(SyntaxList<MemberDeclarationSyntax> members)
        {
            var archGate = _walker._archGate;
            if (archGate.Config.CompositionRoot.IsEmpty)
            {
                return false;
            }

            var any = false;
            foreach (var member in members)
            {
                if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                {
                    if (_walker._semantic.GetDeclaredSymbol(member, _walker._cancellationToken) is not INamedTypeSymbol type
                        || !archGate.IsCompositionRoot(type))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }
    }
}
