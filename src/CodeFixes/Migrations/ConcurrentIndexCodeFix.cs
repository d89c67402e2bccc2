using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
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
public sealed class ConcurrentIndexCodeFix : ArchGateCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MigrationBlockingIndex);

    protected override bool IsFixable(Diagnostic diagnostic) => Annotation(diagnostic) is not null;

    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic) => MigrationSyntax.InvocationAt(scope.Root, diagnostic.Location.SourceSpan);

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
    {
        var annotation = Annotation(diagnostic)!;
        var title = annotation == IndexAndConstraintAnalyzer.PostgresConcurrently
            ? "Create the index concurrently (Npgsql:CreatedConcurrently)"
            : "Create the index online (SqlServer:Online)";
        return FixOffer.One(title, nameof(ConcurrentIndexCodeFix) + annotation);
    }

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
    {
        var call = (InvocationExpressionSyntax)target;
        var annotation = Annotation(diagnostic)!;
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
        editor.Replace(call, annotated);
    }

    private static string? Annotation(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(IndexAndConstraintAnalyzer.AnnotationProperty, out var annotation) ? annotation : null;
}
