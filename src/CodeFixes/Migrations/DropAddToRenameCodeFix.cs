using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using ArchGate.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Migrations;

/// <summary>
/// AG6004: turns <c>DropColumn(old)</c> + <c>AddColumn(new)</c> into <c>RenameColumn(old → new)</c> in
/// <c>Up</c>, and the inverse pair in <c>Down</c> into <c>RenameColumn(new → old)</c> when it is there.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DropAddToRenameCodeFix)), Shared]
public sealed class DropAddToRenameCodeFix : ArchGateCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MigrationDropAddColumn);

    /// <summary>The DropColumn statement; the AddColumn statement is the diagnostic's additional location, in the same block.</summary>
    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count != 1 || diagnostic.AdditionalLocations[0].SourceTree != scope.Root.SyntaxTree)
        {
            return null;
        }

        var drop = MigrationSyntax.StatementAt(scope.Root, diagnostic.Location.SourceSpan);
        var add = MigrationSyntax.StatementAt(scope.Root, diagnostic.AdditionalLocations[0].SourceSpan);
        return drop is null || add is null || drop.Parent != add.Parent ? null : drop;
    }

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
        => FixOffer.One("Rename the column instead of dropping and adding it", nameof(DropAddToRenameCodeFix));

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
    {
        var drop = (ExpressionStatementSyntax)target;
        var add = MigrationSyntax.StatementAt(scope.Root, diagnostic.AdditionalLocations[0].SourceSpan);
        if (add is null
            || MigrationSyntax.Invocation(drop) is not { } dropCall || MigrationSyntax.Invocation(add) is not { } addCall
            || MigrationSyntax.StringArgument(dropCall, "name") is not { } oldName
            || MigrationSyntax.StringArgument(addCall, "name") is not { } newName
            || MigrationSyntax.StringArgument(dropCall, "table") is not { } table)
        {
            return;
        }

        var schema = MigrationSyntax.StringArgument(dropCall, "schema");
        var replacements = new Dictionary<SyntaxNode, SyntaxNode?>
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

        foreach (var pair in replacements)
        {
            if (pair.Value is null)
            {
                editor.Remove(pair.Key, SyntaxRemoveOptions.KeepNoTrivia);
            }
            else
            {
                editor.Replace(pair.Key, pair.Value);
            }
        }
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
