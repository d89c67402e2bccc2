using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Configuration;

/// <summary>A problem found in archgate.json: which AG00xx rule, the message arguments, where.</summary>
public readonly struct ConfigProblem
{
    public ConfigProblem(DiagnosticDescriptor descriptor, TextSpan span, string message, string configPath)
    {
        Descriptor = descriptor;
        Span = span;
        Message = message;
        ConfigPath = configPath;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public TextSpan Span { get; }

    /// <summary>The complete message argument (the descriptors' format is "{0}").</summary>
    public string Message { get; }

    /// <summary>The JSON path of the offending element (<c>dependencies.Domain</c>), empty for the root.</summary>
    public string ConfigPath { get; }
}

/// <summary>The result of reading one archgate.json content: the model and every problem found.</summary>
public sealed class ConfigReadResult
{
    public ConfigReadResult(ArchGateConfig config, ImmutableArray<ConfigProblem> problems)
    {
        Config = config;
        Problems = problems;
    }

    public ArchGateConfig Config { get; }

    public ImmutableArray<ConfigProblem> Problems { get; }
}

/// <summary>
/// Reads archgate.json into <see cref="ArchGateConfig"/>, reporting every problem at its place.
/// The set of keys accepted here is the schema in <c>docs/archgate.schema.json</c> (a test keeps the
/// two in step through <see cref="KnownKeys"/>).
/// </summary>
public sealed class ConfigReader
{
    /// <summary>The keys each object accepts, by JSON path (<c>""</c> is the root; <c>layers.*</c> is any layer).</summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<string>> KnownKeys = new Dictionary<string, ImmutableArray<string>>
    {
        [""] = ImmutableArray.Create("$schema", "layers", "dependencies", "requireLayer", "compositionRoot", "dataAccess",
            "repositories", "rawSql", "transactions", "migrations", "restrictions", "api"),
        ["layers.*"] = ImmutableArray.Create("namespaces", "assemblies"),
        ["dataAccess"] = ImmutableArray.Create("apis", "allowedIn"),
        ["repositories"] = ImmutableArray.Create("interfaces", "implementations"),
        ["rawSql"] = ImmutableArray.Create("allowedIn", "sinks"),
        ["transactions"] = ImmutableArray.Create("saveChangesAllowedIn", "externalCalls"),
        ["migrations"] = ImmutableArray.Create("provider", "startAfter", "checkDown"),
        ["restrictions[]"] = ImmutableArray.Create("apis", "allowedIn", "because"),
        ["api"] = ImmutableArray.Create("entityTypes"),
    }.ToImmutableDictionary();

    /// <summary>The values <c>migrations.provider</c> accepts.</summary>
    public static readonly ImmutableArray<string> ProviderNames = ImmutableArray.Create("auto", "postgres", "sqlserver", "sqlite", "mysql");

    /// <summary>The built-in API groups an <c>apis</c> list accepts.</summary>
    public static readonly ImmutableArray<string> GroupNames = ImmutableArray.Create("@efcore", "@adonet", "@dapper");

    /// <summary>Reads with the compiler's cache: parsed once per file content.</summary>
    public static readonly SourceTextValueProvider<ConfigReadResult> Provider = new(Read);

    private readonly List<ConfigProblem> _problems = new();

    // Layer-name references found while binding, checked once all layers are known.
    private readonly List<(string Name, TextSpan Span, string Path)> _layerReferences = new();

    private ConfigReader()
    {
    }

    public static ConfigReadResult Read(SourceText text)
    {
        var reader = new ConfigReader();
        try
        {
            return reader.ReadCore(text.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never crash on a config file: an internal failure is a config error at 1:1 (fail closed).
            reader._problems.Clear();
            reader._problems.Add(new ConfigProblem(ConfigDescriptors.SyntaxError, new TextSpan(0, 0),
                "archgate.json could not be read (" + ex.GetType().Name + "); no ArchGate rule that needs configuration is applied. Please report this as a bug.", string.Empty));
            return new ConfigReadResult(ArchGateConfig.Empty, reader._problems.ToImmutableArray());
        }
    }

    private ConfigReadResult ReadCore(string text)
    {
        var root = JsonParser.Parse(text, out var syntaxErrors);
        foreach (var error in syntaxErrors)
        {
            Report(ConfigDescriptors.SyntaxError, error.Span, string.Empty,
                "archgate.json is not valid JSON: " + error.Message + ". ArchGate cannot apply a configuration it cannot read; fix the syntax (comments and trailing commas are allowed).");
        }

        if (root is null)
        {
            return new ConfigReadResult(ArchGateConfig.Empty, _problems.ToImmutableArray());
        }

        if (root.Kind != JsonKind.Object)
        {
            if (root.Kind != JsonKind.Invalid)
            {
                WrongType(root, string.Empty, "an object");
            }

            return new ConfigReadResult(ArchGateConfig.Empty, _problems.ToImmutableArray());
        }

        var props = Properties(root, string.Empty, KnownKeys[string.Empty]);

        var layers = ReadLayers(props.Get("layers"));
        var layerNames = layers.Select(l => l.Name).ToImmutableHashSet(StringComparer.Ordinal);
        var dependencies = ReadDependencies(props.Get("dependencies"), layers, props.GetProperty("layers"));
        var requireLayer = ReadBool(props.Get("requireLayer"), "requireLayer", false);
        var compositionRoot = ReadPatternList(props.Get("compositionRoot"), "compositionRoot", allowDocIds: true);
        var dataAccess = ReadDataAccess(props.Get("dataAccess"));
        var repositories = ReadRepositories(props.Get("repositories"));
        var rawSql = ReadRawSql(props.Get("rawSql"));
        var transactions = ReadTransactions(props.Get("transactions"));
        var migrations = ReadMigrations(props.Get("migrations"));
        var restrictions = ReadRestrictions(props.Get("restrictions"));
        var api = ReadApi(props.Get("api"));
        var schema = props.Get("$schema");
        if (schema is not null && schema.Kind != JsonKind.String)
        {
            WrongType(schema, "$schema", "a string");
        }

        foreach (var (name, span, path) in _layerReferences)
        {
            if (!layerNames.Contains(name))
            {
                Report(ConfigDescriptors.UnknownLayer, span, path,
                    $"'{name}' at {path} is not a declared layer{DidYouMean(name, layerNames)}. Declared layers: {Describe(layerNames)}. Declare it under 'layers' or correct the name.");
            }
        }

        var config = new ArchGateConfig(layers, dependencies, requireLayer, compositionRoot, dataAccess, repositories,
            rawSql, transactions, migrations, restrictions, api,
            hasErrors: _problems.Any(p => p.Descriptor.DefaultSeverity == DiagnosticSeverity.Error));
        return new ConfigReadResult(config, _problems.ToImmutableArray());
    }

    // ---- sections --------------------------------------------------------------------------

    private ImmutableArray<LayerDefinition> ReadLayers(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "layers", JsonKind.Object))
        {
            return ImmutableArray<LayerDefinition>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<LayerDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.Properties)
        {
            var path = "layers." + property.Name;
            if (!IsLayerName(property.Name))
            {
                Report(ConfigDescriptors.InvalidValue, property.NameSpan, path,
                    $"'{property.Name}' is not a valid layer name at {path}: a layer name is one word of letters, digits and '_' (no dots, no wildcards), so that scope lists can tell it from a pattern. Rename the layer.");
                continue;
            }

            if (!seen.Add(property.Name))
            {
                Report(ConfigDescriptors.Duplicate, property.NameSpan, path,
                    $"layer '{property.Name}' is declared more than once in 'layers'; only the first declaration is used. Merge the two declarations.");
                continue;
            }

            if (!ExpectKind(property.Value, path, JsonKind.Object))
            {
                continue;
            }

            var props = Properties(property.Value, path, KnownKeys["layers.*"]);
            var namespaces = ReadPatternList(props.Get("namespaces"), path + ".namespaces", allowDocIds: false);
            var assemblies = ReadStringList(props.Get("assemblies"), path + ".assemblies", (s, span, p) =>
            {
                if (s.Length == 0 || s.Any(c => !(char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '*')))
                {
                    Report(ConfigDescriptors.BadPattern, span, p,
                        $"'{s}' at {p} is not an assembly name; write the assembly's simple name (e.g. 'Shop.Infrastructure'), '*' allowed.");
                    return false;
                }

                return true;
            });

            if (namespaces.IsEmpty && assemblies.IsEmpty && !_problems.Any(pr => pr.ConfigPath.StartsWith(path, StringComparison.Ordinal)))
            {
                Report(ConfigDescriptors.InvalidValue, property.NameSpan, path,
                    $"layer '{property.Name}' has neither 'namespaces' nor 'assemblies', so no code belongs to it. Add namespace patterns (e.g. \"{property.Name}.**\") or assembly names.");
            }

            result.Add(new LayerDefinition(property.Name, namespaces, assemblies));
        }

        return result.ToImmutable();
    }

    private ImmutableDictionary<string, ImmutableArray<string>> ReadDependencies(JsonValue? value, ImmutableArray<LayerDefinition> layers, JsonProperty? layersProperty)
    {
        var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var keySpans = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        var valueSpans = new Dictionary<(string, string), TextSpan>();
        if (value is not null && ExpectKind(value, "dependencies", JsonKind.Object))
        {
            foreach (var property in value.Properties)
            {
                var path = "dependencies." + property.Name;
                if (keySpans.ContainsKey(property.Name))
                {
                    Report(ConfigDescriptors.Duplicate, property.NameSpan, path,
                        $"'{property.Name}' appears more than once in 'dependencies'; only the first entry is used. Merge the two lists.");
                    continue;
                }

                keySpans[property.Name] = property.NameSpan;
                _layerReferences.Add((property.Name, property.NameSpan, path));
                var allowed = ReadStringList(property.Value, path, (s, span, p) =>
                {
                    _layerReferences.Add((s, span, p));
                    return true;
                }, spans: (s, span) => valueSpans[(property.Name, s)] = span);
                var distinct = ImmutableArray.CreateBuilder<string>();
                foreach (var item in allowed)
                {
                    if (distinct.Contains(item))
                    {
                        Report(ConfigDescriptors.Duplicate, valueSpans[(property.Name, item)], path,
                            $"'{item}' is listed twice in {path}. Remove the repetition.");
                        continue;
                    }

                    distinct.Add(item);
                }

                result[property.Name] = distinct.ToImmutable();
            }
        }

        if (!layers.IsEmpty)
        {
            foreach (var layer in layers)
            {
                if (!result.ContainsKey(layer.Name))
                {
                    var span = value?.Span ?? layersProperty?.NameSpan ?? new TextSpan(0, 0);
                    if (value is not null)
                    {
                        span = new TextSpan(value.Span.Start, 1);
                    }

                    Report(ConfigDescriptors.LayerMissingFromDependencies, span, "dependencies",
                        $"layer '{layer.Name}' has no entry in 'dependencies', so it may use no other layer. Add \"{layer.Name}\": [ ... ] with the layers it may use ([] for none).");
                }
            }

            ReportCycles(result, keySpans);
        }

        return result.ToImmutable();
    }

    private void ReportCycles(IDictionary<string, ImmutableArray<string>> graph, Dictionary<string, TextSpan> keySpans)
    {
        // Tarjan-free approach sized for a handful of layers: DFS from each node, report each cycle once
        // (keyed by its sorted members) at the first layer of the cycle in file order.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in keySpans.OrderBy(k => k.Value.Start).Select(k => k.Key))
        {
            var path = new List<string> { start };
            if (FindCycle(graph, start, start, path, new HashSet<string>(StringComparer.Ordinal)))
            {
                var key = string.Join(",", path.OrderBy(p => p, StringComparer.Ordinal));
                if (reported.Add(key))
                {
                    var cycle = string.Join(" -> ", path.Concat(new[] { start }));
                    Report(ConfigDescriptors.DependencyCycle, keySpans[start], "dependencies." + start,
                        $"'dependencies' form a cycle: {cycle}. Layers that depend on each other are one layer in practice; remove one direction (depend on an abstraction instead).");
                }
            }
        }
    }

    private static bool FindCycle(IDictionary<string, ImmutableArray<string>> graph, string start, string current, List<string> path, HashSet<string> visited)
    {
        if (!graph.TryGetValue(current, out var next))
        {
            return false;
        }

        foreach (var n in next)
        {
            if (n == current)
            {
                continue; // a layer may always use itself
            }

            if (n == start)
            {
                return true;
            }

            if (visited.Add(n))
            {
                path.Add(n);
                if (FindCycle(graph, start, n, path, visited))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        return false;
    }

    private DataAccessConfig? ReadDataAccess(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "dataAccess", JsonKind.Object))
        {
            return null;
        }

        var props = Properties(value, "dataAccess", KnownKeys["dataAccess"]);
        var apis = ReadApis(props.Get("apis"), "dataAccess.apis");
        var allowedIn = ReadScope(props.Get("allowedIn"), "dataAccess.allowedIn") ?? EmptyScope("dataAccess.allowedIn");
        if (props.Get("apis") is null)
        {
            Report(ConfigDescriptors.InvalidValue, value.Span.Length > 0 ? new TextSpan(value.Span.Start, 1) : value.Span, "dataAccess",
                "'dataAccess' has no 'apis', so no API is guarded. Add \"apis\": [\"@efcore\", \"@adonet\", \"@dapper\"] (or patterns).");
        }

        return new DataAccessConfig(apis, allowedIn);
    }

    private RepositoriesConfig ReadRepositories(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "repositories", JsonKind.Object))
        {
            return RepositoriesConfig.Empty;
        }

        var props = Properties(value, "repositories", KnownKeys["repositories"]);
        return new RepositoriesConfig(
            ReadPatternList(props.Get("interfaces"), "repositories.interfaces", allowDocIds: true),
            ReadPatternList(props.Get("implementations"), "repositories.implementations", allowDocIds: true));
    }

    private RawSqlConfig ReadRawSql(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "rawSql", JsonKind.Object))
        {
            return RawSqlConfig.Empty;
        }

        var props = Properties(value, "rawSql", KnownKeys["rawSql"]);
        var sinks = ReadDocIdList(props.Get("sinks"), "rawSql.sinks", "MP");
        return new RawSqlConfig(ReadScope(props.Get("allowedIn"), "rawSql.allowedIn"), sinks);
    }

    private TransactionsConfig ReadTransactions(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "transactions", JsonKind.Object))
        {
            return TransactionsConfig.Empty;
        }

        var props = Properties(value, "transactions", KnownKeys["transactions"]);
        return new TransactionsConfig(
            ReadScope(props.Get("saveChangesAllowedIn"), "transactions.saveChangesAllowedIn"),
            ReadPatternList(props.Get("externalCalls"), "transactions.externalCalls", allowDocIds: true).Patterns);
    }

    private MigrationsConfig ReadMigrations(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "migrations", JsonKind.Object))
        {
            return MigrationsConfig.Default;
        }

        var props = Properties(value, "migrations", KnownKeys["migrations"]);
        var provider = MigrationProvider.Auto;
        var providerValue = props.Get("provider");
        if (providerValue is not null && ExpectKind(providerValue, "migrations.provider", JsonKind.String))
        {
            var index = ProviderNames.IndexOf(providerValue.Text!);
            if (index < 0)
            {
                Report(ConfigDescriptors.InvalidValue, providerValue.Span, "migrations.provider",
                    $"'{providerValue.Text}' is not a migrations provider{DidYouMean(providerValue.Text!, ProviderNames)}. Use one of: {string.Join(", ", ProviderNames)}.");
            }
            else
            {
                provider = (MigrationProvider)index;
            }
        }

        string? startAfter = null;
        var startValue = props.Get("startAfter");
        if (startValue is not null && ExpectKind(startValue, "migrations.startAfter", JsonKind.String))
        {
            if (string.IsNullOrWhiteSpace(startValue.Text) || !char.IsDigit(startValue.Text![0]))
            {
                Report(ConfigDescriptors.InvalidValue, startValue.Span, "migrations.startAfter",
                    $"'{startValue.Text}' is not a migration id; 'startAfter' takes the id of a migration as EF Core writes it (e.g. \"20260101000000_Baseline\").");
            }
            else
            {
                startAfter = startValue.Text;
            }
        }

        var checkDown = ReadBool(props.Get("checkDown"), "migrations.checkDown", true);
        return new MigrationsConfig(provider, startAfter, checkDown);
    }

    private ImmutableArray<RestrictionConfig> ReadRestrictions(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "restrictions", JsonKind.Array))
        {
            return ImmutableArray<RestrictionConfig>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<RestrictionConfig>();
        for (var i = 0; i < value.Items.Length; i++)
        {
            var item = value.Items[i];
            var path = "restrictions[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!ExpectKind(item, path, JsonKind.Object))
            {
                continue;
            }

            var props = Properties(item, path, KnownKeys["restrictions[]"]);
            var apis = ReadApis(props.Get("apis"), path + ".apis");
            var allowedIn = ReadScope(props.Get("allowedIn"), path + ".allowedIn") ?? EmptyScope(path + ".allowedIn");
            string? because = null;
            var becauseValue = props.Get("because");
            if (becauseValue is not null && ExpectKind(becauseValue, path + ".because", JsonKind.String))
            {
                because = becauseValue.Text;
            }

            if (props.Get("apis") is null)
            {
                Report(ConfigDescriptors.InvalidValue, new TextSpan(item.Span.Start, 1), path,
                    $"{path} has no 'apis', so it restricts nothing. Add the APIs it restricts (documentation-comment IDs such as \"T:System.Net.Http.HttpClient\", or patterns).");
            }

            result.Add(new RestrictionConfig(i, apis, allowedIn, because));
        }

        return result.ToImmutable();
    }

    private ApiConfig ReadApi(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "api", JsonKind.Object))
        {
            return ApiConfig.Empty;
        }

        var props = Properties(value, "api", KnownKeys["api"]);
        return new ApiConfig(ReadPatternList(props.Get("entityTypes"), "api.entityTypes", allowDocIds: true));
    }

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
                    Report(ConfigDescriptors.InvalidValue, span, p,
                        $"'{s}' at {p} is not a built-in API group{DidYouMean(s, GroupNames)}. Use one of {string.Join(", ", GroupNames)}, or a pattern.");
                    return false;
                }

                result.Add(new ApiSelector((BuiltInApiGroup)(index + 1), null));
                return true;
            }

            var pattern = ParsePattern(s, span, p, allowDocIds: true);
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

            var pattern = ParsePattern(s, span, p, allowDocIds: true);
            if (pattern is not null)
            {
                patterns.Add(pattern);
            }

            return pattern is not null;
        });
        return new ScopeList(layers.ToImmutable(), new PatternList(patterns.ToImmutable(), path), path);
    }

    private static ScopeList EmptyScope(string path) => new(ImmutableArray<string>.Empty, new PatternList(ImmutableArray<NamePattern>.Empty, path), path);

    private PatternList ReadPatternList(JsonValue? value, string path, bool allowDocIds)
    {
        var patterns = ImmutableArray.CreateBuilder<NamePattern>();
        ReadStringList(value, path, (s, span, p) =>
        {
            var pattern = ParsePattern(s, span, p, allowDocIds);
            if (pattern is not null)
            {
                patterns.Add(pattern);
            }

            return pattern is not null;
        });
        return new PatternList(patterns.ToImmutable(), path);
    }

    private ImmutableArray<NamePattern> ReadDocIdList(JsonValue? value, string path, string kinds)
    {
        var patterns = ImmutableArray.CreateBuilder<NamePattern>();
        ReadStringList(value, path, (s, span, p) =>
        {
            var pattern = ParsePattern(s, span, p, allowDocIds: true);
            if (pattern is null)
            {
                return false;
            }

            if (kinds.IndexOf(pattern.DocIdKind) < 0)
            {
                Report(ConfigDescriptors.BadPattern, span, p,
                    $"'{s}' at {p} must be a documentation-comment ID of a {(kinds == "MP" ? "method or property" : "member")} (e.g. \"M:Shop.Infrastructure.Db.Run(System.String)\").");
                return false;
            }

            patterns.Add(pattern);
            return true;
        });
        return patterns.ToImmutable();
    }

    private NamePattern? ParsePattern(string s, TextSpan span, string path, bool allowDocIds)
    {
        var pattern = NamePattern.TryParse(s, out var error);
        if (pattern is null)
        {
            Report(ConfigDescriptors.BadPattern, span, path, $"'{s}' at {path} is not a valid pattern: {error}.");
            return null;
        }

        if (pattern.IsDocumentationId && !allowDocIds)
        {
            Report(ConfigDescriptors.BadPattern, span, path,
                $"'{s}' at {path}: documentation-comment IDs are not accepted here; write a namespace pattern such as \"Shop.Domain.**\".");
            return null;
        }

        return pattern;
    }

    /// <summary>Reads an array of strings; <paramref name="accept"/> validates each item (false drops it).</summary>
    private ImmutableArray<string> ReadStringList(JsonValue? value, string path, Func<string, TextSpan, string, bool> accept,
        Action<string, TextSpan>? spans = null)
    {
        if (value is null || !ExpectKind(value, path, JsonKind.Array))
        {
            return ImmutableArray<string>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < value.Items.Length; i++)
        {
            var item = value.Items[i];
            var itemPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!ExpectKind(item, itemPath, JsonKind.String))
            {
                continue;
            }

            if (accept(item.Text!, item.Span, path))
            {
                spans?.Invoke(item.Text!, item.Span);
                result.Add(item.Text!);
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

        WrongType(value, path, "a boolean (true or false)");
        return defaultValue;
    }

    // ---- objects and problems --------------------------------------------------------------

    private sealed class PropertyMap
    {
        private readonly Dictionary<string, JsonProperty> _map = new(StringComparer.Ordinal);

        public void Add(JsonProperty property) => _map[property.Name] = property;

        public bool Contains(string name) => _map.ContainsKey(name);

        public JsonValue? Get(string name) => _map.TryGetValue(name, out var p) ? p.Value : null;

        public JsonProperty? GetProperty(string name) => _map.TryGetValue(name, out var p) ? p : null;
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
                Report(ConfigDescriptors.UnknownKey, property.NameSpan, propertyPath,
                    $"unknown key '{property.Name}' {where}{DidYouMean(property.Name, known)}; it is ignored, so whatever it was meant to configure is not applied. Known keys here: {string.Join(", ", known)}.");
                continue;
            }

            if (map.Contains(property.Name))
            {
                Report(ConfigDescriptors.Duplicate, property.NameSpan, propertyPath,
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
        Report(ConfigDescriptors.WrongType, value.Span, path,
            $"{where} must be {expected}, not {JsonValue.KindName(value.Kind)}; the value is ignored. See the schema (archgate.schema.json) for its shape.");
    }

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, string path, string message)
        => _problems.Add(new ConfigProblem(descriptor, span, message, path));

    private static bool IsLayerName(string s)
        => s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static string Describe(IEnumerable<string> names)
    {
        var list = names.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        return list.Length == 0 ? "none" : string.Join(", ", list);
    }

    /// <summary>" (did you mean 'x'?)" for the closest candidate within a small edit distance, else empty.</summary>
    internal static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var limit = Math.Max(2, name.Length / 3);
        return best is not null && bestDistance <= limit ? $" (did you mean '{best}'?)" : string.Empty;
    }

    private static int EditDistance(string a, string b)
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
