using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Transactions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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
public sealed class AddUsingToTransactionCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.TransactionNotDisposedOrCommitted);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(TransactionLifetimeAnalyzer.ProblemProperty, out var problem)
                || problem != TransactionLifetimeAnalyzer.NotDisposed
                || !diagnostic.Properties.TryGetValue(TransactionLifetimeAnalyzer.FixProperty, out var fix)
                || fix is null)
            {
                continue;
            }

            var statement = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf().OfType<LocalDeclarationStatementSyntax>().FirstOrDefault();
            if (statement is null || statement.UsingKeyword != default)
            {
                continue;
            }

            var awaitUsing = fix == TransactionLifetimeAnalyzer.FixAwaitUsing;
            var title = awaitUsing ? "Declare the transaction with 'await using'" : "Declare the transaction with 'using'";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddUsingAsync(context.Document, statement, awaitUsing, ct), equivalenceKey: nameof(AddUsingToTransactionCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> AddUsingAsync(Document document, LocalDeclarationStatementSyntax statement, bool awaitUsing, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // The statement's leading trivia (indentation, comments) moves in front of the new first keyword.
        var leading = statement.GetLeadingTrivia();
        var updated = statement.WithoutLeadingTrivia()
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        if (awaitUsing)
        {
            updated = updated.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        updated = updated.WithLeadingTrivia(leading);
        return document.WithSyntaxRoot(root.ReplaceNode(statement, updated));
    }
}
