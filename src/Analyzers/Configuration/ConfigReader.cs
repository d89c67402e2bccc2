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
    public ConfigReadResult(
        ArchGateConfig config,
        ImmutableArray<ConfigProblem> problems,
        ImmutableArray<PatternSite> patternSites = default,
        ImmutableArray<(string Name, TextSpan Span, string ConfigPath)> assemblySites = default)
    {
        Config = config;
        Problems = problems;
        PatternSites = patternSites.IsDefault ? ImmutableArray<PatternSite>.Empty : patternSites;
        AssemblySites = assemblySites.IsDefault ? ImmutableArray<(string, TextSpan, string)>.Empty : assemblySites;
    }

    /// <summary>Every pattern the file declares, where it stands (for AG0010, a pattern that matches nothing).</summary>
    public ImmutableArray<PatternSite> PatternSites { get; }

    /// <summary>Every <c>layers.*.assemblies</c> name, where it stands (for AG0010, a name close to a referenced assembly's but not one).</summary>
    public ImmutableArray<(string Name, TextSpan Span, string ConfigPath)> AssemblySites { get; }

    public ArchGateConfig Config { get; }

    public ImmutableArray<ConfigProblem> Problems { get; }
}

/// <summary>
/// Reads archgate.json into <see cref="ArchGateConfig"/>, reporting every problem at its place.
/// The set of keys accepted here is the schema in <c>docs/archgate.schema.json</c> (a test keeps the
/// two in step through <see cref="KnownKeys"/>).
/// </summary>
public sealed partial class ConfigReader
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
        ["transactions"] = ImmutableArray.Create("saveChangesAllowedIn", "externalCalls", "scopes"),
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

    // Every pattern and assembly name read, with its place in the file (ConfigReadResult.PatternSites, AssemblySites).
    private readonly List<PatternSite> _patternSites = new();
    private readonly List<(string Name, TextSpan Span, string ConfigPath)> _assemblySites = new();

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
            reader._problems.Add(new ConfigProblem(ConfigurationAnalyzer.ConfigSyntaxError, new TextSpan(0, 0),
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
            Report(ConfigurationAnalyzer.ConfigSyntaxError, error.Span, error.Path,
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
                Report(ConfigurationAnalyzer.ConfigUnknownLayer, span, path,
                    $"'{JsonParser.Truncate(name)}' at {path} is not a declared layer{DidYouMean(name, layerNames)}; declared layers: {Describe(layerNames)}. Declare it under 'layers' or correct the name.");
            }
        }

        var config = new ArchGateConfig(layers, dependencies, requireLayer, compositionRoot, dataAccess, repositories,
            rawSql, transactions, migrations, restrictions, api,
            hasErrors: _problems.Any(p => p.Descriptor.DefaultSeverity == DiagnosticSeverity.Error));
        return new ConfigReadResult(config, _problems.ToImmutableArray(), _patternSites.ToImmutableArray(), _assemblySites.ToImmutableArray());
    }

    // ---- sections (layers and dependencies: ConfigReader.Layers.cs; value readers and problems: ConfigReader.Values.cs)

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
            Report(ConfigurationAnalyzer.ConfigInvalidValue, value.Span.Length > 0 ? new TextSpan(value.Span.Start, 1) : value.Span, "dataAccess",
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
            ReadPatternList(props.Get("externalCalls"), "transactions.externalCalls", AllKinds).Patterns,
            ReadPatternList(props.Get("scopes"), "transactions.scopes", AllKinds).Patterns);
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
                Report(ConfigurationAnalyzer.ConfigInvalidValue, providerValue.Span, "migrations.provider",
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
                Report(ConfigurationAnalyzer.ConfigInvalidValue, property.NameSpan, path,
                    $"'{JsonParser.Truncate(property.Name)}' at migrations.startAfter is not an assembly name. Each key is the name of a migrations assembly (e.g. \"Shop.Data.SqlServer\"), each value the id of its last unchecked migration.");
                continue;
            }

            if (result.ContainsKey(property.Name))
            {
                Report(ConfigurationAnalyzer.ConfigDuplicate, property.NameSpan, path,
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

        Report(ConfigurationAnalyzer.ConfigInvalidValue, value.Span, path,
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
                Report(ConfigurationAnalyzer.ConfigInvalidValue, new TextSpan(item.Span.Start, 1), path,
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
}
