using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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
public sealed class MaterializeBeforeOperatorsCodeFix : CodeFixProvider
{
    private const string Title = "Move the query operators before the materialization";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.MaterializeBeforeOperators);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    private static readonly DocumentFixAll FixAll = new(Title, ApplyAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), nameof(MaterializeBeforeOperatorsCodeFix)),
                diagnostic);
        }
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

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // One chain per fix: chains never overlap (the materialization of one is not inside another's).
        var plans = new Dictionary<SyntaxNode, ExpressionSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, diagnostic) is not { } plan || plans.ContainsKey(plan.Outermost))
            {
                continue;
            }

            var materializerAccess = (MemberAccessExpressionSyntax)plan.Materializer.Expression;
            // The line break after `q.ToList()` belongs to its last token: keep it on the receiver.
            var rebuilt = materializerAccess.Expression.WithTrailingTrivia(plan.Materializer.GetTrailingTrivia());
            foreach (var call in plan.Moved)
            {
                rebuilt = Reapply(call, rebuilt);
            }

            rebuilt = Reapply(plan.Next ?? plan.Materializer.WithoutTrailingTrivia(), rebuilt);
            plans.Add(plan.Outermost, rebuilt.WithTriviaFrom(plan.Outermost));
        }

        var newRoot = root.ReplaceNodes(plans.Keys, (original, _) => plans[original]);
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary><c>call</c> with its receiver replaced by <paramref name="receiver"/>, keeping the dot's trivia.</summary>
    private static ExpressionSyntax Reapply(InvocationExpressionSyntax call, ExpressionSyntax receiver)
    {
        var member = (MemberAccessExpressionSyntax)call.Expression;
        return call.WithExpression(member.WithExpression(receiver));
    }
}
