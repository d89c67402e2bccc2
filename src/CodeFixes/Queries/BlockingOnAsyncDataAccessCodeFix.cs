using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Queries;

/// <summary>AG4003: inside an async function, replaces <c>task.Result</c> / <c>task.Wait()</c> / <c>task.GetAwaiter().GetResult()</c> with <c>await task</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingOnAsyncDataAccessCodeFix))]
[Shared]
public sealed class BlockingOnAsyncDataAccessCodeFix : CodeFixProvider
{
    private const string Title = "Await the task";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.BlockingOnAsyncDataAccess);

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
            if (Find(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), nameof(BlockingOnAsyncDataAccessCodeFix)),
                diagnostic);
        }
    }

    private static ExpressionSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue("fixable", out var fixable) || fixable != "true")
        {
            return null;
        }

        var span = diagnostic.Location.SourceSpan;
        return root.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax blocking && blocking.Span == span && TaskOf(blocking) is not null
            ? blocking
            : null;
    }

    /// <summary>The awaited task of <c>t.Result</c>, <c>t.Wait()</c>, <c>t.GetAwaiter().GetResult()</c>.</summary>
    private static ExpressionSyntax? TaskOf(ExpressionSyntax blocking)
    {
        switch (blocking)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result:
                return result.Expression;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait, ArgumentList.Arguments.Count: 0 }:
                return wait.Expression;
            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter },
                },
            }:
                return awaiter.Expression;
            default:
                return null;
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var targets = new HashSet<ExpressionSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Find(root, diagnostic) is { } blocking)
            {
                targets.Add(blocking);
            }
        }

        var newRoot = root.ReplaceNodes(targets, (original, rewritten) =>
            TaskOf(rewritten) is { } task ? AwaitSyntax.Await(task.WithTriviaFrom(rewritten), original) : rewritten);
        return document.WithSyntaxRoot(newRoot);
    }
}
