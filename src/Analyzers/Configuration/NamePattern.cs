using System;
using System.Collections.Immutable;

namespace ArchGate.Analyzers.Configuration;

/// <summary>
/// A name pattern from archgate.json. Either a documentation-comment ID (<c>T:</c>, <c>M:</c>,
/// <c>P:</c>, <c>F:</c>, <c>E:</c>, <c>N:</c>, as in BannedSymbols.txt), or a dotted glob matched
/// segment by segment: <c>*</c> matches within one segment, <c>**</c> any number of segments
/// including none.
/// </summary>
public sealed class NamePattern
{
    private readonly ImmutableArray<string> _segments;

    private NamePattern(string text, char docIdKind, ImmutableArray<string> segments)
    {
        Text = text;
        DocIdKind = docIdKind;
        _segments = segments;
    }

    /// <summary>The pattern as written in the file.</summary>
    public string Text { get; }

    /// <summary><c>T</c>, <c>M</c>, <c>P</c>, <c>F</c>, <c>E</c> or <c>N</c> for a documentation-comment ID; <c>'\0'</c> for a glob.</summary>
    public char DocIdKind { get; }

    public bool IsDocumentationId => DocIdKind != '\0';

    /// <summary>The documentation-comment ID as written (<c>T:System.Net.Http.HttpClient</c>), for doc-ID patterns.</summary>
    public string? DocumentationId => IsDocumentationId ? Text : null;

    /// <summary>The dotted name of a doc-ID pattern without its prefix and without a parameter list.</summary>
    public string? DocumentationIdName
    {
        get
        {
            if (!IsDocumentationId)
            {
                return null;
            }

            var name = Text.Substring(2);
            var paren = name.IndexOf('(');
            return paren < 0 ? name : name.Substring(0, paren);
        }
    }

    public bool IsWildcard => !IsDocumentationId && (Text.IndexOf('*') >= 0);

    /// <summary>Parses a pattern; returns null and an explanation when it is malformed.</summary>
    public static NamePattern? TryParse(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a pattern must not be empty";
            return null;
        }

        if (text.Trim() != text)
        {
            error = "a pattern must not start or end with white space";
            return null;
        }

        if (text.Length > 2 && text[1] == ':')
        {
            var kind = text[0];
            if ("TMPFEN".IndexOf(kind) < 0)
            {
                error = $"'{kind}:' is not a documentation-comment ID prefix (use T:, M:, P:, F:, E: or N:)";
                return null;
            }

            var rest = text.Substring(2);
            if (rest.IndexOf('*') >= 0)
            {
                error = "a documentation-comment ID cannot contain wildcards; use a pattern without the prefix instead";
                return null;
            }

            var nameEnd = rest.IndexOf('(');
            var name = nameEnd < 0 ? rest : rest.Substring(0, nameEnd);
            if (!IsDottedName(name, allowGenericArity: true))
            {
                error = $"'{text}' is not a valid documentation-comment ID";
                return null;
            }

            if (nameEnd >= 0 && (kind != 'M' && kind != 'P' || !rest.EndsWith(")", StringComparison.Ordinal)))
            {
                error = $"'{text}' is not a valid documentation-comment ID (only M: and P: IDs take a parameter list)";
                return null;
            }

            return new NamePattern(text, kind, ImmutableArray<string>.Empty);
        }

        var segments = text.Split('.');
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                error = $"'{text}' has an empty segment (two dots, or a dot at an end)";
                return null;
            }

            if (segment.IndexOf("**", StringComparison.Ordinal) >= 0 && segment != "**")
            {
                error = $"'**' must be a whole segment in '{text}' (write 'A.**', not 'A**')";
                return null;
            }

            foreach (var c in segment)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '*' || c == '`'))
                {
                    error = $"'{text}' contains '{c}'; patterns are dotted names with '*' and '**' wildcards";
                    return null;
                }
            }
        }

        return new NamePattern(text, '\0', ImmutableArray.Create(segments));
    }

    /// <summary>Matches a dotted, fully qualified name (namespace or type, nested types joined by dots).</summary>
    public bool Matches(string qualifiedName)
    {
        if (IsDocumentationId)
        {
            var name = DocumentationIdName!;
            return DocIdKind == 'N'
                ? qualifiedName == name || (qualifiedName.Length > name.Length && qualifiedName.StartsWith(name, StringComparison.Ordinal) && qualifiedName[name.Length] == '.')
                : string.Equals(qualifiedName, name, StringComparison.Ordinal);
        }

        var nameSegments = qualifiedName.Length == 0 ? Array.Empty<string>() : qualifiedName.Split('.');
        return MatchSegments(0, nameSegments, 0);
    }

    /// <summary>
    /// Segment matching by dynamic programming (O(pattern × name)), so patterns with several
    /// <c>**</c> cannot take exponential time on long names.
    /// </summary>
    private bool MatchSegments(int p, string[] name, int n)
    {
        // next[k]: the pattern's segments after the current one match name[k..].
        var next = new bool[name.Length + 1];
        next[name.Length] = true;
        for (var i = _segments.Length - 1; i >= p; i--)
        {
            var segment = _segments[i];
            var current = new bool[name.Length + 1];
            for (var k = name.Length; k >= n; k--)
            {
                current[k] = segment == "**"
                    ? next[k] || (k < name.Length && current[k + 1])
                    : k < name.Length && next[k + 1] && WildcardMatch(segment, name[k]);
            }

            next = current;
        }

        return next[n];
    }

    /// <summary><c>*</c> within one segment.</summary>
    internal static bool WildcardMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool IsDottedName(string name, bool allowGenericArity)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var segment in name.Split('.'))
        {
            if (segment.Length == 0)
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || (allowGenericArity && (c == '`' || c == '#'))))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public override string ToString() => Text;
}
