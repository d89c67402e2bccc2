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
/// AG6012 (CONCURRENTLY inside the migration's transaction): passes <c>suppressTransaction: true</c> to
/// <c>migrationBuilder.Sql</c>. Only transaction handling changes; the SQL is left as written.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SuppressTransactionCodeFix)), Shared]
public sealed class SuppressTransactionCodeFix : ArchGateCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MigrationRawSql);

    protected override bool IsFixable(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(MigrationSqlAnalyzer.FindingsProperty, out var findings) && findings is not null
            && findings.IndexOf(MigrationSqlAnalyzer.ConcurrentlyFinding, System.StringComparison.Ordinal) >= 0;

    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic) => MigrationSyntax.InvocationAt(scope.Root, diagnostic.Location.SourceSpan);

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
        => FixOffer.One("Run the SQL outside the migration's transaction (suppressTransaction: true)", nameof(SuppressTransactionCodeFix));

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
    {
        var call = (InvocationExpressionSyntax)target;
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

        editor.Replace(call.ArgumentList, newList);
    }
}
