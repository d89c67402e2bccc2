using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.Analyzers.Baseline;

/// <summary>
/// Computes a finding's <see cref="BaselineKey"/>: the same code in the suppressor (which applies the baseline),
/// the analyzer (which reports stale entries and records findings for the writer), so they always agree.
/// </summary>
internal static class Fingerprint
{
    // Line-dependent parts of messages: "at line 12", "lines 3", "File.cs:12", "(12,5)".
    private static readonly Regex LineParts = new(
        @"\blines? \d+|(?<=\.\w+):\d+(:\d+)?|\(\d+,\s*\d+\)",
        RegexOptions.CultureInvariant);

    /// <summary>Can a finding of this ID be baselined? AG1001 and up; configuration problems (AG00xx) are fixed, never tolerated.</summary>
    public static bool IsBaselinable(string id)
        => id.Length == 6 && id.StartsWith("AG", StringComparison.Ordinal) && id[2] >= '1' && id[2] <= '9'
           && char.IsDigit(id[3]) && char.IsDigit(id[4]) && char.IsDigit(id[5]);

    public static BaselineKey For(Diagnostic diagnostic, Func<SyntaxTree, SemanticModel?> semanticModel, BaselineSettings settings, CancellationToken cancellationToken)
    {
        var location = diagnostic.Location;
        string file;
        var member = string.Empty;
        if (location.IsInSource && location.SourceTree is { } tree)
        {
            file = BaselinePaths.Relative(settings.BaseDirectory, tree.FilePath);
            member = ContainingMember(tree, location, semanticModel, cancellationToken);
        }
        else if (location.Kind == LocationKind.ExternalFile)
        {
            file = BaselinePaths.Relative(settings.BaseDirectory, location.GetLineSpan().Path);
        }
        else
        {
            // A finding about the project (AG1003, an assembly reference): it belongs to the project file.
            file = BaselinePaths.Relative(settings.BaseDirectory, settings.ProjectFile);
        }

        return new BaselineKey(diagnostic.Id, file, member, Symbol(diagnostic));
    }

    /// <summary>The <c>symbol</c> property when the rule sets it; else the message without its line numbers.</summary>
    public static string Symbol(Diagnostic diagnostic)
    {
        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Symbol, out var symbol) && !string.IsNullOrEmpty(symbol))
        {
            return symbol!;
        }

        return LineParts.Replace(diagnostic.GetMessage(CultureInfo.InvariantCulture), "#");
    }

    /// <summary>
    /// The documentation-comment ID of the innermost member (or type, or namespace) declaration around the
    /// finding; accessors, local functions and lambdas belong to the member that declares them.
    /// </summary>
    public static string ContainingMember(SyntaxTree tree, Location location, Func<SyntaxTree, SemanticModel?> semanticModel, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        if (!root.FullSpan.Contains(location.SourceSpan.Start))
        {
            return string.Empty;
        }

        var node = root.FindToken(location.SourceSpan.Start).Parent;
        SemanticModel? model = null;
        for (; node is not null; node = node.Parent)
        {
            SyntaxNode? declaration = node switch
            {
                BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseTypeDeclarationSyntax
                    or DelegateDeclarationSyntax or EnumMemberDeclarationSyntax or BaseNamespaceDeclarationSyntax => node,
                BaseFieldDeclarationSyntax field when field.Declaration.Variables.Count > 0 => field.Declaration.Variables[0],
                GlobalStatementSyntax => null,
                _ => null,
            };
            if (declaration is null)
            {
                if (node is GlobalStatementSyntax)
                {
                    return "<top-level statements>";
                }

                continue;
            }

            model ??= semanticModel(tree);
            var id = model?.GetDeclaredSymbol(declaration, cancellationToken)?.GetDocumentationCommentId();
            if (!string.IsNullOrEmpty(id))
            {
                return id!;
            }
        }

        return string.Empty;
    }
}
