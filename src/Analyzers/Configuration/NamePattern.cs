using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace ArchGate.Analyzers.Configuration;

/// <summary>
/// A name pattern from archgate.json. Either a documentation-comment ID (<c>T:</c>, <c>M:</c>,
/// <c>P:</c>, <c>F:</c>, <c>E:</c>, <c>N:</c>, as in BannedSymbols.txt), or a dotted glob matched
/// segment by segment: <c>*</c> matches within one segment, <c>**</c> any number of segments
/// including none.
/// <para>
/// This is the one matcher of archgate.json's lists. Names it matches are dotted, fully qualified
/// "pattern names": nested types joined by dots, and a generic type's segment carrying its arity as in
/// metadata and doc-IDs (<c>Shop.Persistence.GenericRepository`1</c>). A glob segment written without
/// <c>`</c> ignores the arity (<c>*Repository</c> matches <c>GenericRepository`1</c>); a <c>T:</c> ID
/// compares it exactly, as a documentation-comment ID does. The pre-filters (<see cref="MayMatchSimpleName"/>,
/// <see cref="MayMatchAtOrBelow"/>) are derived from the same segments, so they cannot disagree with it.
/// </para>
/// </summary>
public sealed class NamePattern
{
    private readonly ImmutableArray<string> _segments;

    /// <summary>The index of the pattern's only <c>**</c> segment; -1 with none; -2 with several (<see cref="MatchSegments"/>).</summary>
    private readonly int _anySegments;

    private NamePattern(string text, char docIdKind, ImmutableArray<string> segments)
    {
        Text = text;
        DocIdKind = docIdKind;
        _segments = segments;
        _anySegments = -1;
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] == "**")
            {
                _anySegments = _anySegments == -1 ? i : -2;
            }
        }
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

            // T: and N: IDs name a type or a namespace: matched segment by segment like a glob without wildcards.
            var idSegments = kind == 'T' || kind == 'N' ? ImmutableArray.Create(name.Split('.')) : ImmutableArray<string>.Empty;
            return new NamePattern(text, kind, idSegments);
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

    /// <summary>
    /// Matches a dotted pattern name (see the class summary): a glob segment by segment, a <c>T:</c> ID
    /// exactly (generic arity included), an <c>N:</c> ID the namespace and every name below it. Member IDs
    /// (<c>M:</c>, <c>P:</c>, <c>F:</c>, <c>E:</c>) select symbols, not names: they match no name.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool Matches(string name)
    {
        switch (DocIdKind)
        {
            case '\0':
                if (_anySegments != -2)
                {
                    return MatchInPlace(name);
                }

                var nameSegments = name.Length == 0 ? Array.Empty<string>() : name.Split('.');
                return MatchSegments(nameSegments);
            case 'T':
                return string.Equals(name, DocumentationIdName, StringComparison.Ordinal);
            case 'N':
                var ns = DocumentationIdName!;
                return name == ns || (name.Length > ns.Length && name.StartsWith(ns, StringComparison.Ordinal) && name[ns.Length] == '.');
            default:
                return false;
        }
    }

    /// <summary>
    /// Matches a member's documentation-comment ID (<c>M:</c>, <c>P:</c>, <c>F:</c>, <c>E:</c> patterns): the same
    /// ID, or for an <c>M:</c>/<c>P:</c> ID written without a parameter list every overload and generic arity
    /// of that name (BannedSymbols.txt files are often written that way).
    /// </summary>
    public bool MatchesDocumentationId(string id)
    {
        if (!IsDocumentationId || DocIdKind == 'T' || DocIdKind == 'N')
        {
            return false;
        }

        if (string.Equals(id, Text, StringComparison.Ordinal))
        {
            return true;
        }

        return (DocIdKind == 'M' || DocIdKind == 'P')
            && Text.IndexOf('(') < 0
            && id.Length > Text.Length
            && id.StartsWith(Text, StringComparison.Ordinal)
            && (id[Text.Length] == '(' || id[Text.Length] == '`');
    }

    /// <summary>
    /// Pre-filter: false when no type whose simple name (as written in code, without arity) is
    /// <paramref name="simpleName"/> can be matched, whatever its namespace. True for <c>N:</c> IDs and
    /// globs ending in <c>**</c> (any name), false for member IDs.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayMatchSimpleName(string simpleName)
    {
        if (_segments.IsEmpty)
        {
            return false;
        }

        if (DocIdKind == 'N')
        {
            return true;
        }

        var last = _segments[_segments.Length - 1];
        return last == "**" || WildcardMatch(WithoutArity(last), simpleName);
    }

    /// <summary>
    /// Pre-filter for walks over namespaces: false when neither the namespace <paramref name="path"/>
    /// (its segments from the global namespace) nor any namespace below it, nor a type in one of them,
    /// can be matched. Member IDs match no name: false.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayMatchAtOrBelow(IReadOnlyList<string> path)
    {
        if (_segments.IsEmpty)
        {
            return false;
        }

        for (var i = 0; i < path.Count; i++)
        {
            if (i >= _segments.Length)
            {
                return DocIdKind == 'N'; // below an N: namespace
            }

            if (_segments[i] == "**")
            {
                return true;
            }

            if (!SegmentMatches(_segments[i], path[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How specific a namespace pattern is, for "the most specific layer wins": more literal segments, then fewer wildcards.</summary>
    public (int Literal, int NegWildcards) Specificity
    {
        get
        {
            var literal = 0;
            var wildcards = 0;
            foreach (var segment in _segments)
            {
                if (segment == "**")
                {
                    wildcards += 2;
                }
                else if (segment.IndexOf('*') >= 0)
                {
                    wildcards++;
                }
                else
                {
                    literal++;
                }
            }

            // N:A.B covers A.B.** : as specific as the glob it stands for.
            return DocIdKind == 'N' ? (literal, -(wildcards + 2)) : (literal, -wildcards);
        }
    }

    /// <summary>
    /// A glob with at most one <c>**</c> against a dotted name, read in place (no split, no allocation: it runs
    /// for every new symbol an analyzer asks about): the segments before the <c>**</c> match the name's first
    /// segments, those after it the name's last ones, and the <c>**</c> whatever lies between; without one,
    /// segment for segment.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private bool MatchInPlace(string name)
    {
        var count = 0;
        if (name.Length > 0)
        {
            count = 1;
            foreach (var c in name)
            {
                if (c == '.')
                {
                    count++;
                }
            }
        }

        var before = _anySegments < 0 ? _segments.Length : _anySegments;
        var after = _anySegments < 0 ? 0 : _segments.Length - _anySegments - 1;
        if (_anySegments < 0 ? count != _segments.Length : count < before + after)
        {
            return false;
        }

        var start = 0;
        for (var k = 0; k < count; k++)
        {
            var end = name.IndexOf('.', start);
            if (end < 0)
            {
                end = name.Length;
            }

            var segment = k < before ? _segments[k] : k >= count - after ? _segments[_segments.Length - (count - k)] : null;
            if (segment is not null && !SegmentMatches(segment, name, start, end - start))
            {
                return false;
            }

            start = end + 1;
        }

        return true;
    }

    /// <summary>
    /// Segment matching by dynamic programming (O(pattern × name)), so patterns with several
    /// <c>**</c> cannot take exponential time on long names.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private bool MatchSegments(string[] name)
    {
        // next[k]: the pattern's segments after the current one match name[k..].
        var next = new bool[name.Length + 1];
        next[name.Length] = true;
        for (var i = _segments.Length - 1; i >= 0; i--)
        {
            var segment = _segments[i];
            var current = new bool[name.Length + 1];
            for (var k = name.Length; k >= 0; k--)
            {
                current[k] = segment == "**"
                    ? next[k] || (k < name.Length && current[k + 1])
                    : k < name.Length && next[k + 1] && SegmentMatches(segment, name[k]);
            }

            next = current;
        }

        return next[0];
    }

    /// <summary>
    /// One segment of a glob against one segment of a name: a pattern segment written with <c>`</c>
    /// compares the arity too; one without compares the name without its arity.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static bool SegmentMatches(string pattern, string name) => SegmentMatches(pattern, name, 0, name.Length);

    /// <summary><see cref="SegmentMatches(string, string)"/> on the segment of <paramref name="text"/> at <paramref name="start"/>.</summary>
    [MethodImpl(Jit.Optimized)]
    private static bool SegmentMatches(string pattern, string text, int start, int length)
    {
        if (pattern.IndexOf('`') < 0)
        {
            var tick = text.IndexOf('`', start, length);
            if (tick >= 0)
            {
                length = tick - start;
            }
        }

        return WildcardMatch(pattern, text, start, length);
    }

    [MethodImpl(Jit.Optimized)]
    private static string WithoutArity(string segment)
    {
        var tick = segment.IndexOf('`');
        return tick < 0 ? segment : segment.Substring(0, tick);
    }

    /// <summary><c>*</c> within one segment.</summary>
    [MethodImpl(Jit.Optimized)]
    internal static bool WildcardMatch(string pattern, string text) => WildcardMatch(pattern, text, 0, text.Length);

    /// <summary><c>*</c> within one segment: <paramref name="pattern"/> against <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/>.</summary>
    [MethodImpl(Jit.Optimized)]
    private static bool WildcardMatch(string pattern, string text, int start, int length)
    {
        int p = 0, t = start, star = -1, mark = 0, end = start + length;
        while (t < end)
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
