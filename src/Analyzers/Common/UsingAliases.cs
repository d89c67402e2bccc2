using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.Analyzers;

/// <summary>
/// The names a compilation gives to things through using aliases (<c>using Repo = Shop.OrderRepository;</c>,
/// global or in a namespace). Name-based pre-filters let these through: an alias can name anything.
/// </summary>
internal static class UsingAliases
{
    /// <summary>Every alias name declared in the compilation's syntax trees.</summary>
    public static HashSet<string> NamesIn(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
            {
                Add(root.Usings, root.Members, names);
            }
        }

        return names;
    }

    private static void Add(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, HashSet<string> names)
    {
        foreach (var usingDirective in usings)
        {
            if (usingDirective.Alias is { } alias)
            {
                names.Add(alias.Name.Identifier.ValueText);
            }
        }

        foreach (var member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns)
            {
                Add(ns.Usings, ns.Members, names);
            }
        }
    }
}
