using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArchGate.Robustness;

/// <summary>A C# source to torture: its origin (for reports) and its text.</summary>
internal sealed record Source(string Origin, string Text);

/// <summary>
/// The inputs of the harness: every C# file of the sample solution, and every C# snippet the unit
/// tests feed to the analyzers (string literals in tests/**.cs that look like C#, test markup removed).
/// </summary>
internal static partial class Corpus
{
    public static List<Source> Load(string repoRoot)
    {
        var sources = new List<Source>();
        var samples = Path.Combine(repoRoot, "samples");
        if (Directory.Exists(samples))
        {
            foreach (var file in Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (IsBuildOutput(file))
                {
                    continue;
                }

                sources.Add(new Source(Path.GetRelativePath(repoRoot, file), File.ReadAllText(file)));
            }
        }

        var tests = Path.Combine(repoRoot, "tests");
        var testFiles = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Where(f => !IsBuildOutput(f) && !Path.GetRelativePath(repoRoot, f).Contains("Robustness", StringComparison.Ordinal))
            .ToList();

        // String constants of every test class, by "Class.Name", so that inputs built from a shared
        // model in another file (QuerySources.Model) are read whole too.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in testFiles)
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var field in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax>())
            {
                if (field.Modifiers.Any(SyntaxKind.ConstKeyword) && field.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax type)
                {
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer?.Value is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token.Value: string value })
                        {
                            shared[type.Identifier.ValueText + "." + variable.Identifier.ValueText] = value;
                        }
                    }
                }
            }
        }

        foreach (var file in testFiles)
        {
            var relative = Path.GetRelativePath(repoRoot, file);
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file));
            var index = 0;
            foreach (var text in Snippets(tree, shared))
            {
                if (LooksLikeCSharp(text))
                {
                    sources.Add(new Source($"{relative}#{index++}", RemoveMarkup(text)));
                }
            }
        }

        return sources;
    }

    /// <summary>
    /// The string literals of a test file, with <c>Const + """..."""</c> concatenations resolved
    /// (tests build sources from a shared model and a case), so the corpus holds whole test inputs.
    /// </summary>
    private static IEnumerable<string> Snippets(SyntaxTree tree, Dictionary<string, string> shared)
    {
        var root = tree.GetRoot();
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax>())
        {
            if (!field.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                continue;
            }

            foreach (var variable in field.Declaration.Variables)
            {
                if (variable.Initializer?.Value is { } initializer && TryConcat(initializer, constants, shared, out var value))
                {
                    constants[variable.Identifier.ValueText] = value;
                }
            }
        }

        var used = new HashSet<SyntaxNode>();
        foreach (var node in root.DescendantNodes())
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add
                && add.Parent is not Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax
                && TryConcat(add, constants, shared, out var joined))
            {
                foreach (var literal in add.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>())
                {
                    used.Add(literal);
                }

                yield return joined;
            }
        }

        foreach (var literal in root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>())
        {
            if (!used.Contains(literal) && literal.Token.Value is string value)
            {
                yield return value;
            }
        }
    }

    private static bool TryConcat(SyntaxNode node, Dictionary<string, string> constants, Dictionary<string, string> shared, out string text)
    {
        switch (node)
        {
            case Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add
                when TryConcat(add.Left, constants, shared, out var left) && TryConcat(add.Right, constants, shared, out var right):
                text = left + right;
                return true;
            case Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token.Value: string value }:
                text = value;
                return true;
            case Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax name when constants.TryGetValue(name.Identifier.ValueText, out var constant):
                text = constant;
                return true;
            case Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax type } access
                when shared.TryGetValue(type.Identifier.ValueText + "." + access.Name.Identifier.ValueText, out var other):
                text = other;
                return true;
            default:
                text = string.Empty;
                return false;
        }
    }

    private static bool IsBuildOutput(string path)
        => path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
           || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static bool LooksLikeCSharp(string text)
    {
        if (text.Length < 40)
        {
            return false;
        }

        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return false; // JSON configuration
        }

        return text.Contains("class ", StringComparison.Ordinal) || text.Contains("namespace ", StringComparison.Ordinal)
            || text.Contains("interface ", StringComparison.Ordinal) || text.Contains("record ", StringComparison.Ordinal);
    }

    /// <summary>Removes Microsoft.CodeAnalysis.Testing markup: <c>{|ID:</c>, <c>{|#0:</c>, <c>|}</c>, <c>[|</c>, <c>|]</c>.</summary>
    public static string RemoveMarkup(string text)
        => MarkupOpen().Replace(text, string.Empty).Replace("|}", string.Empty, StringComparison.Ordinal)
            .Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex(@"\{\|[^:|{}]*:")]
    private static partial Regex MarkupOpen();
}
