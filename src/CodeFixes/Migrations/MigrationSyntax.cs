using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.CodeFixes.Migrations;

/// <summary>Syntax helpers shared by the migration code fixes (scaffolded calls use named arguments).</summary>
internal static class MigrationSyntax
{
    /// <summary>The statement whose MigrationBuilder call has its method name at <paramref name="span"/>.</summary>
    public static ExpressionStatementSyntax? StatementAt(SyntaxNode root, TextSpan span)
        => root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>();

    /// <summary>The MigrationBuilder call of a statement, beneath any chained <c>.Annotation(...)</c>.</summary>
    public static InvocationExpressionSyntax? Invocation(ExpressionStatementSyntax statement)
    {
        var expression = statement.Expression as InvocationExpressionSyntax;
        while (expression is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Annotation" or "OldAnnotation", Expression: InvocationExpressionSyntax inner } })
        {
            expression = inner;
        }

        return expression;
    }

    /// <summary>The invocation whose method name token is at <paramref name="span"/>.</summary>
    public static InvocationExpressionSyntax? InvocationAt(SyntaxNode root, TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        return node.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } ? invocation : null;
    }

    public static string? MethodName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    public static ArgumentSyntax? Argument(InvocationExpressionSyntax call, string name)
        => call.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name);

    /// <summary>The string literal passed as the named argument; null when absent or not a literal.</summary>
    public static string? StringArgument(InvocationExpressionSyntax call, string name)
        => Argument(call, name)?.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal.Token.ValueText
            : null;

    /// <summary>The whitespace before the node on its line.</summary>
    public static string Indentation(SyntaxNode node)
    {
        var trivia = node.GetLeadingTrivia();
        var last = trivia.LastOrDefault();
        return last.IsKind(SyntaxKind.WhitespaceTrivia) ? last.ToString() : string.Empty;
    }

    public static string EndOfLine(SyntaxNode node)
    {
        foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia.ToString();
            }
        }

        return "\n";
    }
}
