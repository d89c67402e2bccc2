using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Configuration;

/// <summary>The value readers every section uses (patterns, scope lists, API selectors, strings, booleans) and the reporting of problems.</summary>
public sealed partial class ConfigReader
{
    // ---- value readers ---------------------------------------------------------------------

    private ImmutableArray<ApiSelector> ReadApis(JsonValue? value, string path)
    {
        var result = ImmutableArray.CreateBuilder<ApiSelector>();
        ReadStringList(value, path, (s, span, p) =>
        {
            if (s.StartsWith("@", StringComparison.Ordinal))
            {
                var index = GroupNames.IndexOf(s);
                if (index < 0)
                {
                    Report(ConfigurationAnalyzer.ConfigInvalidValue, span, p,
                        $"'{JsonParser.Truncate(s)}' at {p} is not a built-in API group{DidYouMean(s, GroupNames)}. Use one of {string.Join(", ", GroupNames)}, or a pattern.");
                    return false;
                }

                result.Add(new ApiSelector((BuiltInApiGroup)(index + 1), null));
                return true;
            }

            var pattern = ParsePattern(s, span, p, AllKinds);
            if (pattern is not null)
            {
                result.Add(new ApiSelector(BuiltInApiGroup.None, pattern));
            }

            return pattern is not null;
        });
        return result.ToImmutable();
    }

    private ScopeList? ReadScope(JsonValue? value, string path)
    {
        if (value is null)
        {
            return null;
        }

        var layers = ImmutableArray.CreateBuilder<string>();
        var patterns = ImmutableArray.CreateBuilder<NamePattern>();
        ReadStringList(value, path, (s, span, p) =>
        {
            if (IsLayerName(s))
            {
                // A bare word is a layer name; an undeclared one is an error (checked once all layers are known).
                _layerReferences.Add((s, span, p));
                layers.Add(s);
                return true;
            }

            var pattern = ParsePattern(s, span, p, TypeKinds);
            if (pattern is not null)
            {
                patterns.Add(pattern);
            }

            return pattern is not null;
        });
        return new ScopeList(layers.ToImmutable(), new PatternList(patterns.ToImmutable(), path), path);
    }

    private static ScopeList EmptyScope(string path) => new(ImmutableArray<string>.Empty, new PatternList(ImmutableArray<NamePattern>.Empty, path), path);

    private PatternList ReadPatternList(JsonValue? value, string path, string docIdKinds)
    {
        var patterns = ImmutableArray.CreateBuilder<NamePattern>();
        ReadStringList(value, path, (s, span, p) =>
        {
            var pattern = ParsePattern(s, span, p, docIdKinds);
            if (pattern is not null)
            {
                patterns.Add(pattern);
            }

            return pattern is not null;
        });
        return new PatternList(patterns.ToImmutable(), path);
    }

    /// <summary>A list of documentation-comment IDs only (no globs), of the given kinds.</summary>
    private ImmutableArray<NamePattern> ReadDocIdList(JsonValue? value, string path, string kinds)
    {
        var patterns = ImmutableArray.CreateBuilder<NamePattern>();
        ReadStringList(value, path, (s, span, p) =>
        {
            var pattern = ParsePattern(s, span, p, kinds);
            if (pattern is null)
            {
                return false;
            }

            if (!pattern.IsDocumentationId)
            {
                Report(ConfigurationAnalyzer.ConfigBadPattern, span, p,
                    $"'{JsonParser.Truncate(s)}' at {p} is not a documentation-comment ID; this list takes IDs of {KindsDescription(kinds)} only. Write e.g. \"M:Shop.Infrastructure.Db.Run(System.String)\".");
                return false;
            }

            patterns.Add(pattern);
            return true;
        });
        return patterns.ToImmutable();
    }

    /// <summary>Documentation-comment ID kinds accepted where a list selects types or namespaces.</summary>
    private const string TypeKinds = "TN";

    /// <summary>Every documentation-comment ID kind (API lists select members too).</summary>
    private const string AllKinds = "TMPFEN";

    /// <summary>Globs only.</summary>
    private const string NoDocIds = "";

    private static string KindsDescription(string kinds)
    {
        var names = new List<string>();
        foreach (var k in kinds)
        {
            names.Add(k switch
            {
                'T' => "types (T:)",
                'M' => "methods (M:)",
                'P' => "properties (P:)",
                'F' => "fields (F:)",
                'E' => "events (E:)",
                _ => "namespaces (N:)",
            });
        }

        return string.Join(", ", names);
    }

    private NamePattern? ParsePattern(string s, TextSpan span, string path, string docIdKinds)
    {
        var pattern = NamePattern.TryParse(s, out var error);
        if (pattern is null)
        {
            Report(ConfigurationAnalyzer.ConfigBadPattern, span, path, $"'{JsonParser.Truncate(s)}' at {path} is not a valid pattern: {error}.");
            return null;
        }

        if (pattern.IsDocumentationId && docIdKinds.IndexOf(pattern.DocIdKind) < 0)
        {
            Report(ConfigurationAnalyzer.ConfigBadPattern, span, path, docIdKinds.Length == 0
                ? $"'{JsonParser.Truncate(s)}' at {path}: documentation-comment IDs are not accepted here. Write a namespace pattern such as \"Shop.Domain.**\"."
                : $"'{JsonParser.Truncate(s)}' at {path}: this list takes IDs of {KindsDescription(docIdKinds)} only, not '{pattern.DocIdKind}:' IDs. Write a type or namespace pattern (e.g. \"Shop.Api.Program\", \"Shop.Api.**\").");
            return null;
        }

        _patternSites.Add(new PatternSite(pattern, span, path));
        return pattern;
    }

    /// <summary>
    /// Reads an array of strings; <paramref name="accept"/> validates each item (given the item, its
    /// span and its JSON path; false drops it). A repeated entry is reported (AG0006) and dropped.
    /// </summary>
    private ImmutableArray<string> ReadStringList(JsonValue? value, string path, Func<string, TextSpan, string, bool> accept)
    {
        if (value is null || !ExpectKind(value, path, JsonKind.Array))
        {
            return ImmutableArray<string>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < value.Items.Length; i++)
        {
            var item = value.Items[i];
            var itemPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!ExpectKind(item, itemPath, JsonKind.String))
            {
                continue;
            }

            var text = item.Text!;
            if (!seen.Add(text))
            {
                Report(ConfigurationAnalyzer.ConfigDuplicate, item.Span, itemPath,
                    $"'{JsonParser.Truncate(text)}' is listed more than once in {path} (again at {itemPath}). Remove the repetition.");
                continue;
            }

            if (accept(text, item.Span, itemPath))
            {
                result.Add(text);
            }
        }

        return result.ToImmutable();
    }

    private bool ReadBool(JsonValue? value, string path, bool defaultValue)
    {
        if (value is null)
        {
            return defaultValue;
        }

        if (value.Kind == JsonKind.True)
        {
            return true;
        }

        if (value.Kind == JsonKind.False)
        {
            return false;
        }

        if (value.Kind != JsonKind.Invalid)
        {
            WrongType(value, path, "a boolean (true or false)");
        }

        return defaultValue;
    }

    // ---- objects and problems --------------------------------------------------------------

    private sealed class PropertyMap
    {
        private readonly Dictionary<string, JsonProperty> _map = new(StringComparer.Ordinal);

        public void Add(JsonProperty property) => _map[property.Name] = property;

        public bool Contains(string name) => _map.ContainsKey(name);

        public JsonValue? Get(string name) => _map.TryGetValue(name, out var p) ? p.Value : null;
    }

    /// <summary>Collects an object's properties, reporting unknown keys (with a did-you-mean) and duplicates.</summary>
    private PropertyMap Properties(JsonValue obj, string path, ImmutableArray<string> known)
    {
        var map = new PropertyMap();
        foreach (var property in obj.Properties)
        {
            var propertyPath = path.Length == 0 ? property.Name : path + "." + property.Name;
            if (!known.Contains(property.Name))
            {
                var where = path.Length == 0 ? "at the top level" : "in '" + path + "'";
                Report(ConfigurationAnalyzer.ConfigUnknownKey, property.NameSpan, propertyPath,
                    $"unknown key '{JsonParser.Truncate(property.Name)}' {where}{DidYouMean(property.Name, known)}; it is ignored, so whatever it was meant to configure is not applied. Correct or remove it; the keys allowed here are: {string.Join(", ", known)}.");
                continue;
            }

            if (map.Contains(property.Name))
            {
                Report(ConfigurationAnalyzer.ConfigDuplicate, property.NameSpan, propertyPath,
                    $"key '{property.Name}' appears more than once {(path.Length == 0 ? "at the top level" : "in '" + path + "'")}; only the first is used. Merge them into one.");
                continue;
            }

            map.Add(property);
        }

        return map;
    }

    private bool ExpectKind(JsonValue value, string path, JsonKind kind)
    {
        if (value.Kind == kind)
        {
            return true;
        }

        if (value.Kind != JsonKind.Invalid)
        {
            WrongType(value, path, JsonValue.KindName(kind));
        }

        return false;
    }

    private void WrongType(JsonValue value, string path, string expected)
    {
        var where = path.Length == 0 ? "the top level of archgate.json" : "'" + path + "'";
        // An object or array is marked at its opening bracket, not over all its lines.
        var span = value.Kind is JsonKind.Object or JsonKind.Array ? new TextSpan(value.Span.Start, 1) : value.Span;
        Report(ConfigurationAnalyzer.ConfigWrongType, span, path,
            $"{where} must be {expected}, not {JsonValue.KindName(value.Kind)}; the value is ignored, so what it configures is not applied. Write it as {expected} (see archgate.schema.json for the shape).");
    }

    /// <summary>At most this many problems are reported per file (a generated or corrupted file could hold millions).</summary>
    public const int MaxProblems = 200;

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, string path, string message)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(new ConfigProblem(descriptor, span, message, path));
        }
        else if (_problems.Count == MaxProblems)
        {
            _problems.Add(new ConfigProblem(descriptor, span,
                message + $" (archgate.json has more than {MaxProblems} problems; the rest are not reported. Fix these and build again.)", path));
        }
    }

    /// <summary>EF Core's migration id format: <c>yyyyMMddHHmmss_Name</c>.</summary>
    internal static bool IsMigrationId(string s)
    {
        if (s.Length < 16 || s[14] != '_')
        {
            return false;
        }

        for (var i = 0; i < 14; i++)
        {
            if (s[i] < '0' || s[i] > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLayerName(string s)
        => s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static string Describe(IEnumerable<string> names)
    {
        const int Max = 20;
        var list = names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        if (list.Length == 0)
        {
            return "none";
        }

        return list.Length <= Max
            ? string.Join(", ", list)
            : string.Join(", ", list.Take(Max)) + ", … (" + list.Length.ToString(CultureInfo.InvariantCulture) + " in all)";
    }

    /// <summary>" (did you mean 'x'?)" for the closest candidate within a small edit distance, else empty.</summary>
    internal static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        var (best, distance) = Nearest(name, candidates, ignoreCase: true);
        return best is not null && distance <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best}'?)" : string.Empty;
    }

    /// <summary>
    /// The candidate with the smallest edit distance to <paramref name="name"/> (the first one on a tie), and that
    /// distance; (null, int.MaxValue) without candidates. Each caller applies its own limit.
    /// </summary>
    internal static (string? Best, int Distance) Nearest(string name, IEnumerable<string> candidates, bool ignoreCase)
    {
        var key = ignoreCase ? name.ToLowerInvariant() : name;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(key, ignoreCase ? candidate.ToLowerInvariant() : candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return (best, bestDistance);
    }

    /// <summary>Levenshtein distance (case-sensitive; int.MaxValue for names over 200 characters).</summary>
    internal static int EditDistance(string a, string b)
    {
        if (a.Length > 200 || b.Length > 200)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
