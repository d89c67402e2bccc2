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
/// AG6009: chains <c>.Annotation("Npgsql:CreatedConcurrently", true)</c> (PostgreSQL) or
/// <c>.Annotation("SqlServer:Online", true)</c> (SQL Server) to the <c>CreateIndex</c> call, the way
/// the scaffolder writes it for an index configured with <c>IsCreatedConcurrently()</c> / <c>IsCreatedOnline()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConcurrentIndexCodeFix)), Shared]
public sealed class ConcurrentIndexCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MigrationBlockingIndex);

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
            if (!diagnostic.Properties.TryGetValue(IndexAndConstraintAnalyzer.AnnotationProperty, out var annotation) || annotation is null
                || MigrationSyntax.InvocationAt(root, diagnostic.Location.SourceSpan) is null)
            {
                continue;
            }

            var title = annotation == IndexAndConstraintAnalyzer.PostgresConcurrently
                ? "Create the index concurrently (Npgsql:CreatedConcurrently)"
                : "Create the index online (SqlServer:Online)";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, diagnostic, annotation, ct), equivalenceKey: nameof(ConcurrentIndexCodeFix) + annotation),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, string annotation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || MigrationSyntax.InvocationAt(root, diagnostic.Location.SourceSpan) is not { } call)
        {
            return document;
        }

        var statement = call.FirstAncestorOrSelf<ExpressionStatementSyntax>();
        var indent = statement is null ? string.Empty : MigrationSyntax.Indentation(statement);
        var eol = MigrationSyntax.EndOfLine(call);
        var annotated = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    call.WithoutTrailingTrivia(),
                    SyntaxFactory.Token(SyntaxKind.DotToken).WithLeadingTrivia(SyntaxFactory.EndOfLine(eol), SyntaxFactory.Whitespace(indent + "    ")),
                    SyntaxFactory.IdentifierName("Annotation")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(annotation))),
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)),
                })))
            .WithTrailingTrivia(call.GetTrailingTrivia());
        return document.WithSyntaxRoot(root.ReplaceNode(call, annotated));
    }
}
