using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.Analyzers;

/// <summary>
/// The type written in a declaration, read from the symbol the compiler declared for it instead of
/// binding the type syntax again (binding is the costly part of a declaration check).
/// </summary>
internal static class DeclaredTypes
{
    /// <summary>
    /// The type of a member declaration (property, field, method return, method parameter) read from its
    /// declared symbol — the very type the compiler bound for <paramref name="typeSyntax"/> — when the
    /// containing symbol is that declaration; null otherwise (locals, lambdas, ref types, …: bind instead).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static ITypeSymbol? FromSymbol(SyntaxNode node, TypeSyntax typeSyntax, ISymbol? symbol)
    {
        if (symbol is null || typeSyntax is RefTypeSyntax or ScopedTypeSyntax)
        {
            return null;
        }

        switch (node)
        {
            case PropertyDeclarationSyntax when symbol is IPropertySymbol { ReturnsByRef: false, ReturnsByRefReadonly: false } property
                                                && IsDeclaredBy(property, node):
                return property.Type;
            case MethodDeclarationSyntax when symbol is IMethodSymbol { ReturnsByRef: false, ReturnsByRefReadonly: false } method
                                              && IsDeclaredBy(method, node):
                return method.ReturnType;
            case VariableDeclarationSyntax { Parent: FieldDeclarationSyntax, Variables.Count: > 0 } declaration
                when symbol is IFieldSymbol field && IsDeclaredBy(field, declaration.Variables[0]):
                return field.Type;
            case ParameterSyntax when symbol is IParameterSymbol declared && IsDeclaredBy(declared, node):
                return declared.Type;
            case ParameterSyntax { Parent: ParameterListSyntax { Parent: { } owner } list } parameter
                when symbol is IMethodSymbol method && method.Parameters.Length == list.Parameters.Count && IsDeclaredBy(method, owner):
            {
                var index = list.Parameters.IndexOf(parameter);
                return index >= 0 && method.Parameters[index].RefKind == RefKind.None ? method.Parameters[index].Type : null;
            }

            default:
                return null;
        }
    }

    [MethodImpl(Jit.Optimized)]
    private static bool IsDeclaredBy(ISymbol symbol, SyntaxNode node)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == node.SyntaxTree && reference.Span == node.Span && reference.GetSyntax() == node)
            {
                return true;
            }
        }

        return false;
    }
}
