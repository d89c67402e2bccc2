using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Migrations;

/// <summary>
/// AG6013: writes <c>Down</c> from the inverses the analyzer computed for an additive <c>Up</c>
/// (created tables dropped, added columns dropped, created indexes dropped, in reverse order).
/// A missing Down is added after Up; an empty or throwing Down gets the new body.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GenerateDownCodeFix)), Shared]
public sealed class GenerateDownCodeFix : ArchGateCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MigrationMissingDown);

    protected override bool IsFixable(Diagnostic diagnostic) => !string.IsNullOrEmpty(Inverse(diagnostic));

    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic)
        => scope.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as MethodDeclarationSyntax;

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
        => FixOffer.One("Generate Down from Up", nameof(GenerateDownCodeFix));

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
    {
        var method = (MethodDeclarationSyntax)target;
        var inverse = Inverse(diagnostic)!;
        var eol = MigrationSyntax.EndOfLine(method);
        var indent = MigrationSyntax.Indentation(method);
        var bodyIndent = indent + "    ";
        var receiver = method.ParameterList.Parameters.Count == 1 ? method.ParameterList.Parameters[0].Identifier.ValueText : "migrationBuilder";
        if (method.Identifier.ValueText == "Up")
        {
            receiver = "migrationBuilder";
        }

        var statements = new List<string>();
        foreach (var line in inverse.Split('\n'))
        {
            var parts = line.Split('|');
            if (parts.Length != 4)
            {
                return;
            }

            statements.Add(Statement(receiver, parts[0], parts[1], parts[2], parts[3], bodyIndent, eol));
        }

        var body = new StringBuilder();
        body.Append(indent).Append('{').Append(eol);
        body.Append(string.Join(eol, statements.Select(s => bodyIndent + s + eol)));
        body.Append(indent).Append('}').Append(eol);

        if (method.Identifier.ValueText == "Up")
        {
            // Down is missing: add it after Up, scaffold-style.
            var text = eol + indent + "/// <inheritdoc />" + eol
                + indent + "protected override void Down(MigrationBuilder migrationBuilder)" + eol
                + body;
            var down = (MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(text)!;
            editor.InsertAfter(method, down);
            return;
        }

        var block = SyntaxFactory.ParseStatement(body.ToString().TrimStart()) as BlockSyntax;
        if (block is null)
        {
            return;
        }

        var newMethod = method
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithParameterList(method.ExpressionBody is null ? method.ParameterList : method.ParameterList.WithTrailingTrivia(SyntaxFactory.EndOfLine(eol)))
            .WithBody(block.WithLeadingTrivia(method.Body?.GetLeadingTrivia() ?? SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indent)))
                .WithTrailingTrivia(method.Body?.GetTrailingTrivia() ?? method.SemicolonToken.TrailingTrivia));
        editor.Replace(method, newMethod);
    }

    private static string? Inverse(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(MissingDownAnalyzer.InverseProperty, out var inverse) ? inverse : null;

    private static string Statement(string receiver, string kind, string schema, string table, string name, string indent, string eol)
    {
        var args = new List<string> { "name: " + Literal(name) };
        if (table.Length > 0)
        {
            args.Add("table: " + Literal(table));
        }

        if (schema.Length > 0)
        {
            args.Add("schema: " + Literal(schema));
        }

        var argIndent = indent + "    ";
        return receiver + "." + kind + "(" + eol + string.Join("," + eol, args.Select(a => argIndent + a)) + ");";
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
