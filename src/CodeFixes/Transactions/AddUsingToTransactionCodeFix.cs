using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Transactions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Transactions;

/// <summary>
/// AG5004 (not disposed): turns <c>var tx = db.Database.BeginTransaction();</c> into a
/// <c>using</c> declaration — <c>await using</c> in async code when the transaction is
/// <c>IAsyncDisposable</c>. Offered only where the analyzer found it safe (property <c>fix</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddUsingToTransactionCodeFix))]
[Shared]
public sealed class AddUsingToTransactionCodeFix : ArchGateCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.TransactionNotDisposedOrCommitted);

    protected override bool IsFixable(Diagnostic diagnostic) => Fix(diagnostic) is not null;

    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic)
    {
        var statement = scope.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf().OfType<LocalDeclarationStatementSyntax>().FirstOrDefault();
        return statement is null || statement.UsingKeyword != default ? null : statement;
    }

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
        => FixOffer.One(
            Fix(diagnostic) == TransactionLifetimeAnalyzer.FixAwaitUsing ? "Declare the transaction with 'await using'" : "Declare the transaction with 'using'",
            nameof(AddUsingToTransactionCodeFix));

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
    {
        var awaitUsing = Fix(diagnostic) == TransactionLifetimeAnalyzer.FixAwaitUsing;
        editor.Replace(target, current =>
        {
            var statement = (LocalDeclarationStatementSyntax)current;

            // The statement's leading trivia (indentation, comments) moves in front of the new first keyword.
            var leading = statement.GetLeadingTrivia();
            var updated = statement.WithoutLeadingTrivia()
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            if (awaitUsing)
            {
                updated = updated.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }

            return updated.WithLeadingTrivia(leading);
        });
    }

    /// <summary>The <c>fix</c> property of a "not disposed" finding the analyzer found safe to fix; null otherwise.</summary>
    private static string? Fix(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(TransactionLifetimeAnalyzer.ProblemProperty, out var problem)
            && problem == TransactionLifetimeAnalyzer.NotDisposed
            && diagnostic.Properties.TryGetValue(TransactionLifetimeAnalyzer.FixProperty, out var fix)
            ? fix
            : null;
}
