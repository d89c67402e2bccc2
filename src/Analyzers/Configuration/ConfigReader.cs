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
    public static readonly ImmutableArray<string> GroupNames = ImmutableArray.Create(
        "@efcore", "@adonet", "@dapper", "@efcore.context", "@efcore.query", "@efcore.model", "@efcore.migrations");

    /// <summary>Reads with the compiler's cache: parsed once per file content.</summary>
    public static readonly SourceTextValueProvider<ConfigReadResult> Provider = new(Read);

    private readonly List<ConfigProblem> _problems = new();

    // Layer-name references found while binding, checked once all layers are known.
    private readonly List<(string Name, TextSpan Span, string Path)> _layerReferences = new();

    // Where each declared layer's name stands in 'layers'.
    private readonly Dictionary<string, TextSpan> _layerSpans = new(StringComparer.Ordinal);

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
            return new ConfigReadResult(ArchGateConfig.Unreadable, reader._problems.ToImmutableArray());
        }
    }

    private ConfigReadResult ReadCore(string text)
    {
        var root = JsonParser.Parse(text, out var syntaxErrors);
        foreach (var error in syntaxErrors)
        {
            var where = error.Path.Length == 0 ? string.Empty : " at '" + error.Path + "'";
            Report(ConfigDescriptors.SyntaxError, error.Span, error.Path,
                "archgate.json is not valid JSON" + where + ": " + error.Message + ". ArchGate does not apply a configuration it cannot read (comments and trailing commas are allowed).");
        }

        if (root is null)
        {
            return new ConfigReadResult(ArchGateConfig.Unreadable, _problems.ToImmutableArray());
        }

        if (root.Kind != JsonKind.Object)
        {
            if (root.Kind != JsonKind.Invalid)
            {
                WrongType(root, string.Empty, "an object");
            }

            return new ConfigReadResult(ArchGateConfig.Unreadable, _problems.ToImmutableArray());
        }

        var props = Properties(root, string.Empty, KnownKeys[string.Empty]);

        var layers = ReadLayers(props.Get("layers"));
        var layerNames = layers.Select(l => l.Name).ToImmutableHashSet(StringComparer.Ordinal);
        var dependencies = ReadDependencies(props.Get("dependencies"), layers);
        var requireLayer = ReadBool(props.Get("requireLayer"), "requireLayer", false);
        var compositionRoot = ReadPatternList(props.Get("compositionRoot"), "compositionRoot", TypeKinds);
        var dataAccess = ReadDataAccess(props.Get("dataAccess"));
        var repositories = ReadRepositories(props.Get("repositories"));
        var rawSql = ReadRawSql(props.Get("rawSql"));
        var transactions = ReadTransactions(props.Get("transactions"));
        var migrations = ReadMigrations(props.Get("migrations"));
        var restrictions = ReadRestrictions(props.Get("restrictions"));
        var api = ReadApi(props.Get("api"));
        var schema = props.Get("$schema");
        if (schema is not null)
        {
            ExpectKind(schema, "$schema", JsonKind.String);
        }

        foreach (var (name, span, path) in _layerReferences)
        {
            if (!layerNames.Contains(name))
            {
                Report(ConfigDescriptors.UnknownLayer, span, path,
                    $"'{JsonParser.Truncate(name)}' at {path} is not a declared layer{DidYouMean(name, layerNames)}; declared layers: {Describe(layerNames)}. Declare it under 'layers' or correct the name.");
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
        foreach (var property in value.Properties)
        {
            var path = "layers." + property.Name;
            if (!IsLayerName(property.Name))
            {
                Report(ConfigDescriptors.InvalidValue, property.NameSpan, path,
                    $"'{JsonParser.Truncate(property.Name)}' is not a valid layer name at {path}: a layer name is one word of letters, digits and '_' (no dots, no wildcards), so that scope lists can tell it from a pattern. Rename the layer.");
                continue;
            }

            if (_layerSpans.ContainsKey(property.Name))
            {
                Report(ConfigDescriptors.Duplicate, property.NameSpan, path,
                    $"layer '{property.Name}' is declared more than once in 'layers'; only the first declaration is used. Merge the two declarations.");
                continue;
            }

            _layerSpans[property.Name] = property.NameSpan;
            if (!ExpectKind(property.Value, path, JsonKind.Object))
            {
                // Still a declared layer (with no members), so references to it are not reported again.
                result.Add(new LayerDefinition(property.Name, new PatternList(ImmutableArray<NamePattern>.Empty, path + ".namespaces"), ImmutableArray<string>.Empty));
                continue;
            }

            var problemsBefore = _problems.Count;
            var props = Properties(property.Value, path, KnownKeys["layers.*"]);
            var namespaces = ReadPatternList(props.Get("namespaces"), path + ".namespaces", NoDocIds);
            var assemblies = ReadStringList(props.Get("assemblies"), path + ".assemblies", (s, span, p) =>
            {
                if (s.Length == 0 || s.Any(c => !(char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '*')))
                {
                    Report(ConfigDescriptors.BadPattern, span, p,
                        $"'{JsonParser.Truncate(s)}' at {p} is not an assembly name. Write the assembly's simple name (e.g. \"Shop.Infrastructure\"); '*' is allowed.");
                    return false;
                }

                return true;
            });

            if (namespaces.IsEmpty && assemblies.IsEmpty && _problems.Count == problemsBefore)
            {
                Report(ConfigDescriptors.InvalidValue, property.NameSpan, path,
                    $"layer '{property.Name}' has neither 'namespaces' nor 'assemblies', so no code belongs to it. Add namespace patterns (e.g. \"Shop.{property.Name}.**\") or assembly names.");
            }

            result.Add(new LayerDefinition(property.Name, namespaces, assemblies));
        }

        return result.ToImmutable();
    }

    private ImmutableDictionary<string, ImmutableArray<string>> ReadDependencies(JsonValue? value, ImmutableArray<LayerDefinition> layers)
    {
        var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var keySpans = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        if (value is not null && ExpectKind(value, "dependencies", JsonKind.Object))
        {
            foreach (var property in value.Properties)
            {
                var path = "dependencies." + property.Name;
                if (keySpans.ContainsKey(property.Name))
                {
                    Report(ConfigDescriptors.Duplicate, property.NameSpan, path,
                        $"'{JsonParser.Truncate(property.Name)}' appears more than once in 'dependencies'; only the first entry is used. Merge the two lists.");
                    continue;
                }

                keySpans[property.Name] = property.NameSpan;
                _layerReferences.Add((property.Name, property.NameSpan, path));
                result[property.Name] = ReadStringList(property.Value, path, (s, span, p) =>
                {
                    _layerReferences.Add((s, span, p));
                    return true;
                });
            }
        }

        foreach (var layer in layers)
        {
            if (!result.ContainsKey(layer.Name))
            {
                var span = _layerSpans.TryGetValue(layer.Name, out var declared) ? declared : default;
                var where = value is null ? "there is no 'dependencies' section" : "'dependencies' has no entry for it";
                Report(ConfigDescriptors.LayerMissingFromDependencies, span, "dependencies",
                    $"layer '{layer.Name}' is declared but {where}, so whether it may use other layers is left undecided (ArchGate allows it nothing). Add \"{layer.Name}\": [ ... ] to 'dependencies' with the layers it may use ([] for none).");
            }
        }

        ReportCycles(result, keySpans);
        return result.ToImmutable();
    }

    /// <summary>
    /// Reports each cycle of 'dependencies' once: one diagnostic per strongly connected component of
    /// two or more layers (a layer may always use itself), at the member that comes first in the file.
    /// Iterative (Tarjan), so a long chain of layers cannot overflow the stack.
    /// </summary>
    private void ReportCycles(IDictionary<string, ImmutableArray<string>> graph, Dictionary<string, TextSpan> keySpans)
    {
        var order = keySpans.OrderBy(k => k.Value.Start).Select(k => k.Key).ToList();
        var successors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in order)
        {
            successors[node] = graph.TryGetValue(node, out var next)
                ? next.Where(n => n != node && keySpans.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList()
                : new List<string>();
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var counter = 0;
        foreach (var root in order)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Edge)>();
            Visit(root);
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, edge) = work.Pop();
                var edges = successors[v];
                if (edge < edges.Count)
                {
                    work.Push((v, edge + 1));
                    var w = edges[edge];
                    if (!index.ContainsKey(w))
                    {
                        Visit(w);
                        work.Push((w, 0));
                    }
                    else if (onStack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (low[v] == index[v])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != v);
                    if (component.Count > 1)
                    {
                        components.Add(component);
                    }
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        foreach (var component in components)
        {
            var members = new HashSet<string>(component, StringComparer.Ordinal);
            var start = component.OrderBy(n => keySpans[n].Start).First();
            var cycle = ShortestCycle(start, members, successors);
            Report(ConfigDescriptors.DependencyCycle, keySpans[start], "dependencies." + start,
                $"'dependencies' form a cycle: {DescribeCycle(cycle)}. Layers that may use each other are one layer in practice, so no rule between them can hold. Remove one direction (depend on an abstraction in the lower layer instead).");
        }

        void Visit(string node)
        {
            index[node] = counter;
            low[node] = counter;
            counter++;
            stack.Push(node);
            onStack.Add(node);
        }
    }

    private static string DescribeCycle(List<string> cycle)
    {
        const int Max = 12;
        return cycle.Count <= Max
            ? string.Join(" -> ", cycle)
            : string.Join(" -> ", cycle.Take(Max - 1)) + " -> … -> " + cycle[cycle.Count - 1] + " (" + (cycle.Count - 1).ToString(CultureInfo.InvariantCulture) + " layers)";
    }

    /// <summary>The shortest cycle through <paramref name="start"/> inside one component, as "A, B, A".</summary>
    private static List<string> ShortestCycle(string start, HashSet<string> members, Dictionary<string, List<string>> successors)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in successors[node])
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var n = node; n != start; n = parent[n])
                    {
                        path.Insert(1, n);
                    }

                    path.Add(start);
                    return path;
                }

                if (members.Contains(next) && !parent.ContainsKey(next))
                {
                    parent[next] = node;
                    queue.Enqueue(next);
                }
            }
        }

        return new List<string> { start, start };
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
            ReadPatternList(props.Get("interfaces"), "repositories.interfaces", TypeKinds),
            ReadPatternList(props.Get("implementations"), "repositories.implementations", TypeKinds));
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
            ReadPatternList(props.Get("externalCalls"), "transactions.externalCalls", AllKinds).Patterns);
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
                    $"'{JsonParser.Truncate(providerValue.Text!)}' at migrations.provider is not a migrations provider{DidYouMean(providerValue.Text!, ProviderNames)}. Use one of: {string.Join(", ", ProviderNames)}.");
            }
            else
            {
                provider = (MigrationProvider)index;
            }
        }

        string? startAfter = null;
        var startAfterByAssembly = ImmutableDictionary<string, string>.Empty;
        var startValue = props.Get("startAfter");
        if (startValue is { Kind: JsonKind.Object })
        {
            startAfterByAssembly = ReadStartAfterByAssembly(startValue);
        }
        else if (startValue is not null && startValue.Kind != JsonKind.Invalid && startValue.Kind != JsonKind.String)
        {
            WrongType(startValue, "migrations.startAfter", "a string (a migration id) or an object (migrations assembly name: migration id)");
        }
        else if (startValue is { Kind: JsonKind.String })
        {
            startAfter = ReadMigrationId(startValue, "migrations.startAfter");
        }

        var checkDown = ReadBool(props.Get("checkDown"), "migrations.checkDown", true);
        return new MigrationsConfig(provider, startAfter, checkDown, startAfterByAssembly);
    }

    /// <summary><c>"startAfter": { "Shop.Data.SqlServer": "20250101000000_X", … }</c>: one migration id per migrations assembly.</summary>
    private ImmutableDictionary<string, string> ReadStartAfterByAssembly(JsonValue value)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in value.Properties)
        {
            var path = "migrations.startAfter." + property.Name;
            if (property.Name.Trim().Length == 0 || property.Name.IndexOf('*') >= 0)
            {
                Report(ConfigDescriptors.InvalidValue, property.NameSpan, path,
                    $"'{JsonParser.Truncate(property.Name)}' at migrations.startAfter is not an assembly name. Each key is the name of a migrations assembly (e.g. \"Shop.Data.SqlServer\"), each value the id of its last unchecked migration.");
                continue;
            }

            if (result.ContainsKey(property.Name))
            {
                Report(ConfigDescriptors.Duplicate, property.NameSpan, path,
                    $"key '{JsonParser.Truncate(property.Name)}' appears more than once in 'migrations.startAfter'; only the first is used. Merge them into one.");
                continue;
            }

            if (!ExpectKind(property.Value, path, JsonKind.String))
            {
                continue;
            }

            var id = ReadMigrationId(property.Value, path);
            if (id is not null)
            {
                result.Add(property.Name, id);
            }
        }

        return result.ToImmutable();
    }

    private string? ReadMigrationId(JsonValue value, string path)
    {
        if (IsMigrationId(value.Text!))
        {
            return value.Text;
        }

        Report(ConfigDescriptors.InvalidValue, value.Span, path,
            $"'{JsonParser.Truncate(value.Text!)}' at {path} is not a migration id. Write the id of a migration as EF Core generates it: 14 digits of timestamp, '_', the name (e.g. \"20260101000000_Baseline\").");
        return null;
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
        return new ApiConfig(ReadPatternList(props.Get("entityTypes"), "api.entityTypes", TypeKinds));
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
                Report(ConfigDescriptors.BadPattern, span, p,
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
            Report(ConfigDescriptors.BadPattern, span, path, $"'{JsonParser.Truncate(s)}' at {path} is not a valid pattern: {error}.");
            return null;
        }

        if (pattern.IsDocumentationId && docIdKinds.IndexOf(pattern.DocIdKind) < 0)
        {
            Report(ConfigDescriptors.BadPattern, span, path, docIdKinds.Length == 0
                ? $"'{JsonParser.Truncate(s)}' at {path}: documentation-comment IDs are not accepted here. Write a namespace pattern such as \"Shop.Domain.**\"."
                : $"'{JsonParser.Truncate(s)}' at {path}: this list takes IDs of {KindsDescription(docIdKinds)} only, not '{pattern.DocIdKind}:' IDs. Write a type or namespace pattern (e.g. \"Shop.Api.Program\", \"Shop.Api.**\").");
            return null;
        }

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
                Report(ConfigDescriptors.Duplicate, item.Span, itemPath,
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
                Report(ConfigDescriptors.UnknownKey, property.NameSpan, propertyPath,
                    $"unknown key '{JsonParser.Truncate(property.Name)}' {where}{DidYouMean(property.Name, known)}; it is ignored, so whatever it was meant to configure is not applied. Correct or remove it; the keys allowed here are: {string.Join(", ", known)}.");
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
        // An object or array is marked at its opening bracket, not over all its lines.
        var span = value.Kind is JsonKind.Object or JsonKind.Array ? new TextSpan(value.Span.Start, 1) : value.Span;
        Report(ConfigDescriptors.WrongType, span, path,
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
