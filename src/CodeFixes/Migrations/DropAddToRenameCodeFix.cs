using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArchGate.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Migrations;

/// <summary>
/// AG6004: turns <c>DropColumn(old)</c> + <c>AddColumn(new)</c> into <c>RenameColumn(old → new)</c> in
/// <c>Up</c>, and the inverse pair in <c>Down</c> into <c>RenameColumn(new → old)</c> when it is there.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DropAddToRenameCodeFix)), Shared]
public sealed class DropAddToRenameCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MigrationDropAddColumn);

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
            if (diagnostic.AdditionalLocations.Count != 1 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
            {
                continue;
            }

            var drop = MigrationSyntax.StatementAt(root, diagnostic.Location.SourceSpan);
            var add = MigrationSyntax.StatementAt(root, diagnostic.AdditionalLocations[0].SourceSpan);
            if (drop is null || add is null || drop.Parent != add.Parent)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Rename the column instead of dropping and adding it",
                    ct => FixAsync(context.Document, diagnostic, ct),
                    equivalenceKey: nameof(DropAddToRenameCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var drop = MigrationSyntax.StatementAt(root, diagnostic.Location.SourceSpan);
        var add = MigrationSyntax.StatementAt(root, diagnostic.AdditionalLocations[0].SourceSpan);
        if (drop is null || add is null
            || MigrationSyntax.Invocation(drop) is not { } dropCall || MigrationSyntax.Invocation(add) is not { } addCall
            || MigrationSyntax.StringArgument(dropCall, "name") is not { } oldName
            || MigrationSyntax.StringArgument(addCall, "name") is not { } newName
            || MigrationSyntax.StringArgument(dropCall, "table") is not { } table)
        {
            return document;
        }

        var schema = MigrationSyntax.StringArgument(dropCall, "schema");
        var replacements = new System.Collections.Generic.Dictionary<SyntaxNode, SyntaxNode?>
        {
            [drop] = Rename(drop, dropCall, oldName, newName, table, schema),
            [add] = null,
        };

        // Down scaffolded for the pair: DropColumn(new) + AddColumn(old) on the same table.
        if (drop.FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } type)
        {
            var down = type.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.ValueText == "Down" && m.Body is not null);
            if (down?.Body is { } body)
            {
                var downDrop = Find(body, "DropColumn", newName, table);
                var downAdd = Find(body, "AddColumn", oldName, table);
                if (downDrop is not null && downAdd is not null && MigrationSyntax.Invocation(downDrop) is { } downDropCall)
                {
                    replacements[downDrop] = Rename(downDrop, downDropCall, newName, oldName, table, schema);
                    replacements[downAdd] = null;
                }
            }
        }

        var newRoot = root.TrackNodes(replacements.Keys);
        foreach (var pair in replacements)
        {
            var current = newRoot.GetCurrentNode(pair.Key);
            if (current is null)
            {
                continue;
            }

            newRoot = pair.Value is null
                ? newRoot.RemoveNode(current, SyntaxRemoveOptions.KeepNoTrivia)!
                : newRoot.ReplaceNode(current, pair.Value);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static ExpressionStatementSyntax? Find(BlockSyntax body, string method, string name, string table)
    {
        foreach (var statement in body.Statements.OfType<ExpressionStatementSyntax>())
        {
            if (MigrationSyntax.Invocation(statement) is { } call && MigrationSyntax.MethodName(call) == method
                && MigrationSyntax.StringArgument(call, "name") == name && MigrationSyntax.StringArgument(call, "table") == table)
            {
                return statement;
            }
        }

        return null;
    }

    private static StatementSyntax Rename(ExpressionStatementSyntax statement, InvocationExpressionSyntax call, string name, string newName, string table, string? schema)
    {
        var receiver = call.Expression is MemberAccessExpressionSyntax member ? member.Expression.ToString() : "migrationBuilder";
        var indent = MigrationSyntax.Indentation(statement);
        var eol = MigrationSyntax.EndOfLine(statement);
        var argIndent = indent + "    ";
        var text = receiver + ".RenameColumn(" + eol
            + argIndent + "name: " + Literal(name) + "," + eol
            + argIndent + "table: " + Literal(table) + "," + eol
            + argIndent + "newName: " + Literal(newName)
            + (schema is null ? string.Empty : "," + eol + argIndent + "schema: " + Literal(schema))
            + ");";
        return SyntaxFactory.ParseStatement(text)
            .WithLeadingTrivia(statement.GetLeadingTrivia())
            .WithTrailingTrivia(statement.GetTrailingTrivia());
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
