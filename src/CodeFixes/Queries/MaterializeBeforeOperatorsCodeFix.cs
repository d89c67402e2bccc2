using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Queries;

/// <summary>
/// AG4004: <c>q.ToList().Where(p).Select(s)</c> → <c>q.Where(p).Select(s).ToList()</c>;
/// <c>q.ToList().Where(p).Count()</c> → <c>q.Where(p).Count()</c>;
/// <c>q.ToList().Select(s).ToList()</c> → <c>q.Select(s).ToList()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MaterializeBeforeOperatorsCodeFix))]
[Shared]
public sealed class MaterializeBeforeOperatorsCodeFix : ArchGateCodeFix
{
    private const string Title = "Move the query operators before the materialization";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.MaterializeBeforeOperators);

    protected override string FixAllTitle => Title;

    /// <summary>The outermost call of the chain, which the fix replaces: chains never overlap (the materialization of one is not inside another's).</summary>
    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic) => Plan(scope.Root, diagnostic)?.Outermost;

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
        => FixOffer.One(Title, nameof(MaterializeBeforeOperatorsCodeFix));

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
    {
        if (Plan(scope.Root, diagnostic) is not { } plan)
        {
            return;
        }

        var materializerAccess = (MemberAccessExpressionSyntax)plan.Materializer.Expression;
        // The line break after `q.ToList()` belongs to its last token: keep it on the receiver.
        var rebuilt = materializerAccess.Expression.WithTrailingTrivia(plan.Materializer.GetTrailingTrivia());
        foreach (var call in plan.Moved)
        {
            rebuilt = Reapply(call, rebuilt);
        }

        rebuilt = Reapply(plan.Next ?? plan.Materializer.WithoutTrailingTrivia(), rebuilt);
        editor.Replace(plan.Outermost, rebuilt.WithTriviaFrom(plan.Outermost));
    }

    /// <summary>The materialization call, the operator calls that move, and the outermost call replaced.</summary>
    private static (InvocationExpressionSyntax Materializer, List<InvocationExpressionSyntax> Moved, InvocationExpressionSyntax? Next, InvocationExpressionSyntax Outermost)? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(MaterializeBeforeOperatorsAnalyzer.MoveCountKey, out var countText)
            || !int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            || !properties.TryGetValue(MaterializeBeforeOperatorsAnalyzer.ModeKey, out var mode))
        {
            return null;
        }

        var span = diagnostic.Location.SourceSpan;
        var materializer = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (materializer is null || materializer.Span.End != span.End || materializer.Expression is not MemberAccessExpressionSyntax)
        {
            return null;
        }

        var moved = new List<InvocationExpressionSyntax>();
        ExpressionSyntax current = materializer;
        for (var i = 0; i < count; i++)
        {
            if (Next(current) is not { } next)
            {
                return null;
            }

            moved.Add(next);
            current = next;
        }

        InvocationExpressionSyntax? replacement = null;
        if (mode == "next")
        {
            replacement = Next(current);
            if (replacement is null)
            {
                return null;
            }
        }

        var outermost = replacement ?? (moved.Count > 0 ? moved[moved.Count - 1] : null);
        return outermost is null ? null : (materializer, moved, replacement, outermost);
    }

    private static InvocationExpressionSyntax? Next(ExpressionSyntax receiver)
        => receiver.Parent is MemberAccessExpressionSyntax member && member.Expression == receiver && member.Parent is InvocationExpressionSyntax call && call.Expression == member
            ? call
            : null;

    /// <summary><c>call</c> with its receiver replaced by <paramref name="receiver"/>, keeping the dot's trivia.</summary>
    private static ExpressionSyntax Reapply(InvocationExpressionSyntax call, ExpressionSyntax receiver)
    {
        var member = (MemberAccessExpressionSyntax)call.Expression;
        return call.WithExpression(member.WithExpression(receiver));
    }
}
