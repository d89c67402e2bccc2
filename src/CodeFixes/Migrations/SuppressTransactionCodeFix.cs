using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Migrations;

/// <summary>
/// AG6012 (CONCURRENTLY inside the migration's transaction): passes <c>suppressTransaction: true</c> to
/// <c>migrationBuilder.Sql</c>. Only transaction handling changes; the SQL is left as written.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SuppressTransactionCodeFix)), Shared]
public sealed class SuppressTransactionCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MigrationRawSql);

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
            if (!diagnostic.Properties.TryGetValue(MigrationSqlAnalyzer.FindingsProperty, out var findings) || findings is null
                || findings.IndexOf(MigrationSqlAnalyzer.ConcurrentlyFinding, System.StringComparison.Ordinal) < 0
                || MigrationSyntax.InvocationAt(root, diagnostic.Location.SourceSpan) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Run the SQL outside the migration's transaction (suppressTransaction: true)",
                    ct => FixAsync(context.Document, diagnostic, ct), equivalenceKey: nameof(SuppressTransactionCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || MigrationSyntax.InvocationAt(root, diagnostic.Location.SourceSpan) is not { } call)
        {
            return document;
        }

        var trueValue = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
        var arguments = call.ArgumentList.Arguments;
        ArgumentListSyntax newList;
        var existing = MigrationSyntax.Argument(call, "suppressTransaction");
        if (existing is not null)
        {
            newList = call.ArgumentList.ReplaceNode(existing, existing.WithExpression(trueValue.WithTriviaFrom(existing.Expression)));
        }
        else if (arguments.Count == 2 && arguments[1].NameColon is null)
        {
            newList = call.ArgumentList.ReplaceNode(arguments[1], arguments[1].WithExpression(trueValue.WithTriviaFrom(arguments[1].Expression)));
        }
        else
        {
            var argument = SyntaxFactory.Argument(trueValue)
                .WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName("suppressTransaction")));
            var items = arguments.GetWithSeparators()
                .Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space))
                .Add(argument);
            newList = call.ArgumentList.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(items));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(call.ArgumentList, newList));
    }
}
