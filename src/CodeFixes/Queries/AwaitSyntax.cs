using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Queries;

/// <summary>Small syntax helpers shared by the query-shape fixes.</summary>
internal static class AwaitSyntax
{
    /// <summary>
    /// <c>await expression</c>, parenthesized when <paramref name="original"/> is the target of a
    /// member access, element access, invocation or postfix operator (<c>(await x).Count</c>).
    /// </summary>
    public static ExpressionSyntax Await(ExpressionSyntax expression, SyntaxNode original)
    {
        var awaited = SyntaxFactory.AwaitExpression(expression.WithoutLeadingTrivia().WithoutTrailingTrivia());
        ExpressionSyntax result = NeedsParentheses(original) ? SyntaxFactory.ParenthesizedExpression(awaited) : awaited;
        return result.WithLeadingTrivia(expression.GetLeadingTrivia()).WithTrailingTrivia(expression.GetTrailingTrivia());
    }

    private static bool NeedsParentheses(SyntaxNode original)
    {
        return original.Parent switch
        {
            MemberAccessExpressionSyntax member => member.Expression == original,
            ConditionalAccessExpressionSyntax conditional => conditional.Expression == original,
            ElementAccessExpressionSyntax element => element.Expression == original,
            InvocationExpressionSyntax invocation => invocation.Expression == original,
            PostfixUnaryExpressionSyntax => true,
            _ => false,
        };
    }

    /// <summary>Adds <c>using ns;</c> to the compilation unit when no using directive in the file names it.</summary>
    public static SyntaxNode EnsureUsing(SyntaxNode root, string? ns)
    {
        if (string.IsNullOrEmpty(ns) || root is not CompilationUnitSyntax unit)
        {
            return root;
        }

        if (unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>()
            .Any(u => u.Alias is null && u.Name?.ToString() == ns))
        {
            return root;
        }

        var newline = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var eol = newline.IsKind(SyntaxKind.EndOfLineTrivia) ? newline : SyntaxFactory.LineFeed;
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns!)).WithTrailingTrivia(eol);
        return unit.AddUsings(directive);
    }
}
