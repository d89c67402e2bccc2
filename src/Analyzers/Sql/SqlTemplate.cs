using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Sql;

internal enum SqlHoleKind
{
    /// <summary>Constant text that is not a literal (a const, nameof...): kept as is.</summary>
    Constant,

    /// <summary>A value in a value position ("= {x}", "'{x}'", "LIKE '%{x}%'"): can become a parameter.</summary>
    Value,

    /// <summary>Anything else (a table or column name, a list, a fragment): cannot become a parameter.</summary>
    NotValue,
}

/// <summary>One piece of SQL written in one expression: literal text or a hole.</summary>
internal sealed class SqlPart
{
    public SqlPart(string text)
    {
        Text = text;
    }

    public SqlPart(IOperation hole, SqlHoleKind kind)
    {
        Text = string.Empty;
        Hole = hole;
        Kind = kind;
    }

    public string Text { get; set; }

    public IOperation? Hole { get; }

    public SqlHoleKind Kind { get; set; }

    /// <summary>For a value hole: the quotes around it were removed from the neighbouring text.</summary>
    public bool WasQuoted { get; set; }

    /// <summary>For a value hole: a '%' wildcard moved from the text into the value, before / after it.</summary>
    public bool LeadingWildcard { get; set; }

    public bool TrailingWildcard { get; set; }

    public bool IsHole => Hole is not null;
}

/// <summary>
/// SQL written as one interpolated string or one concatenation, split into literal text and holes,
/// each hole classified as a value (can become a parameter) or not; the quotes and LIKE wildcards
/// around value holes are moved out of the text. Shared by AG3001's message and its code fixes.
/// </summary>
internal sealed class SqlTemplate
{
    private SqlTemplate(bool isInterpolated, List<SqlPart> parts, IOperation expression)
    {
        IsInterpolated = isInterpolated;
        Parts = parts;
        Expression = expression;
    }

    public bool IsInterpolated { get; }

    public IReadOnlyList<SqlPart> Parts { get; }

    public IOperation Expression { get; }

    public bool AllHolesAreValuesOrConstants
    {
        get
        {
            foreach (var p in Parts)
            {
                if (p.IsHole && p.Kind == SqlHoleKind.NotValue)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public bool HasConstantHoles
    {
        get
        {
            foreach (var p in Parts)
            {
                if (p.IsHole && p.Kind == SqlHoleKind.Constant)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The first hole that cannot become a parameter, for the message.</summary>
    public SqlPart? FirstNotValue
    {
        get
        {
            foreach (var p in Parts)
            {
                if (p.IsHole && p.Kind == SqlHoleKind.NotValue)
                {
                    return p;
                }
            }

            return null;
        }
    }

    /// <summary>Reads the SQL expression; null when it is not one interpolated string or concatenation.</summary>
    public static SqlTemplate? TryCreate(IOperation? value)
    {
        value = Operations.Unwrap(value, UnwrapOptions.ImplicitConversions);
        List<SqlPart>? parts;
        bool interpolated;
        switch (value)
        {
            case IInterpolatedStringOperation interpolatedString:
                interpolated = true;
                parts = new List<SqlPart>();
                foreach (var part in interpolatedString.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string s:
                            parts.Add(new SqlPart(s));
                            break;
                        case IInterpolationOperation { Alignment: null, FormatString: null } hole:
                            parts.Add(new SqlPart(hole.Expression, HoleKindOf(hole.Expression)));
                            break;
                        default:
                            return null;
                    }
                }

                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } binary:
                interpolated = false;
                parts = new List<SqlPart>();
                if (!Flatten(binary, parts))
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        Merge(parts);
        Classify(parts);
        return new SqlTemplate(interpolated, parts, value);
    }

    private static SqlHoleKind HoleKindOf(IOperation hole)
        => hole.ConstantValue.HasValue ? SqlHoleKind.Constant : SqlHoleKind.NotValue;

    private static bool Flatten(IOperation op, List<SqlPart> parts)
    {
        switch (op)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } binary:
                return Flatten(binary.LeftOperand, parts) && Flatten(binary.RightOperand, parts);
            case IConversionOperation { IsImplicit: true } conversion:
                // "..." + id : the operand is boxed to object.
                return Flatten(conversion.Operand, parts);
            case ILiteralOperation { ConstantValue.Value: string s }:
                parts.Add(new SqlPart(s));
                return true;
            default:
                parts.Add(new SqlPart(op, HoleKindOf(op)));
                return true;
        }
    }

    private static void Merge(List<SqlPart> parts)
    {
        for (var i = parts.Count - 1; i > 0; i--)
        {
            if (!parts[i].IsHole && !parts[i - 1].IsHole)
            {
                parts[i - 1].Text += parts[i].Text;
                parts.RemoveAt(i);
            }
        }
    }

    private static readonly string[] ValueOperators = { "=", "<>", "!=", "<", ">", "<=", ">=" };

    private static void Classify(List<SqlPart> parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            var hole = parts[i];
            if (!hole.IsHole || hole.Kind == SqlHoleKind.Constant)
            {
                continue;
            }

            var prev = i > 0 && !parts[i - 1].IsHole ? parts[i - 1] : null;
            var next = i + 1 < parts.Count && !parts[i + 1].IsHole ? parts[i + 1] : null;
            var before = prev?.Text ?? string.Empty;
            var after = next?.Text ?? string.Empty;

            // '{x}', '%{x}', '{x}%', '%{x}%'
            var lead = before.EndsWith("'%", StringComparison.Ordinal) ? 2 : before.EndsWith("'", StringComparison.Ordinal) ? 1 : 0;
            var trail = after.StartsWith("%'", StringComparison.Ordinal) ? 2 : after.StartsWith("'", StringComparison.Ordinal) ? 1 : 0;
            if (lead > 0 && trail > 0 && !before.EndsWith("''", StringComparison.Ordinal) && !after.StartsWith("''", StringComparison.Ordinal))
            {
                hole.Kind = SqlHoleKind.Value;
                hole.WasQuoted = true;
                hole.LeadingWildcard = lead == 2;
                hole.TrailingWildcard = trail == 2;
                prev!.Text = before.Substring(0, before.Length - lead);
                next!.Text = after.Substring(trail);
                continue;
            }

            if (lead == 0 && trail == 0 && IsValuePositionBefore(before) && IsValuePositionAfter(after))
            {
                hole.Kind = SqlHoleKind.Value;
            }
            else if (SqlFlow.IsSafeType(hole.Hole!.Type))
            {
                // A number, bool, Guid or enum cannot carry SQL text: it may stay where it is.
                hole.Kind = SqlHoleKind.Constant;
            }
        }
    }

    private static bool IsValuePositionBefore(string before)
    {
        var trimmed = before.TrimEnd();
        foreach (var op in ValueOperators)
        {
            if (trimmed.EndsWith(op, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return trimmed.EndsWith(" LIKE", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("LIKE", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsValuePositionAfter(string after)
        => after.Length == 0 || char.IsWhiteSpace(after[0]) || after[0] == ')' || after[0] == ';' || after[0] == ',';

    /// <summary>A readable text of a hole's expression, for messages.</summary>
    public static string Describe(IOperation op)
    {
        var text = op.Syntax.ToString();
        var collapsed = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && collapsed.Length > 0)
            {
                collapsed.Append(' ');
            }

            space = false;
            collapsed.Append(c);
        }

        var result = collapsed.ToString();
        return result.Length > 60 ? result.Substring(0, 57) + "..." : result;
    }

    /// <summary>A parameter name for a hole: the identifier or last member name, else p0, p1...</summary>
    public static string SuggestName(IOperation hole, int index)
    {
        var syntax = hole.Syntax;
        while (syntax is ParenthesizedExpressionSyntax p)
        {
            syntax = p.Expression;
        }

        var name = syntax switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
            _ => null,
        };
        return name is null || !SyntaxFacts.IsValidIdentifier(name) ? "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) : name;
    }

    /// <summary>True for an identifier or member access that an anonymous type can project (<c>new { name }</c>).</summary>
    public static bool IsProjectable(IOperation hole)
        => hole.Syntax is IdentifierNameSyntax || hole.Syntax is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax };

    internal static ImmutableArray<SqlPart> ValueHoles(SqlTemplate template)
    {
        var builder = ImmutableArray.CreateBuilder<SqlPart>();
        foreach (var p in template.Parts)
        {
            if (p.IsHole && p.Kind == SqlHoleKind.Value)
            {
                builder.Add(p);
            }
        }

        return builder.ToImmutable();
    }
}
