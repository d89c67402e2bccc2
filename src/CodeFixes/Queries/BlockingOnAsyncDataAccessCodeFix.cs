using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Queries;

/// <summary>AG4003: inside an async function, replaces <c>task.Result</c> / <c>task.Wait()</c> / <c>task.GetAwaiter().GetResult()</c> with <c>await task</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingOnAsyncDataAccessCodeFix))]
[Shared]
public sealed class BlockingOnAsyncDataAccessCodeFix : ArchGateCodeFix
{
    private const string Title = "Await the task";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.BlockingOnAsyncDataAccess);

    protected override string FixAllTitle => Title;

    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic) => Find(scope.Root, diagnostic);

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
        => FixOffer.One(Title, nameof(BlockingOnAsyncDataAccessCodeFix));

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
        => editor.Replace(target, current =>
            TaskOf((ExpressionSyntax)current) is { } task ? AwaitSyntax.Await(task.WithTriviaFrom(current), target) : current);

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
}
