using System.Collections.Immutable;
using System.Linq;

namespace ArchGate.Analyzers.Configuration;

/// <summary>
/// The immutable model of <c>archgate.json</c> (PRODUCT.md, "Configuration"). Every section the
/// specification shows is here; rule families read the sections they need. Parts of the file that
/// could not be read are absent (and reported as AG00xx errors), never guessed.
/// </summary>
public sealed class ArchGateConfig
{
    public static readonly ArchGateConfig Empty = Nothing(hasErrors: false);

    /// <summary>
    /// The model of a file that could not be read at all (empty, not JSON, not an object): nothing is
    /// configured and <see cref="HasErrors"/> is true, so the file's AG0001/AG0003 error fails the build.
    /// </summary>
    public static readonly ArchGateConfig Unreadable = Nothing(hasErrors: true);

    /// <summary>A configuration with nothing in it.</summary>
    private static ArchGateConfig Nothing(bool hasErrors) => new(
        layers: ImmutableArray<LayerDefinition>.Empty,
        dependencies: ImmutableDictionary<string, ImmutableArray<string>>.Empty,
        requireLayer: false,
        compositionRoot: PatternList.Empty,
        dataAccess: null,
        repositories: RepositoriesConfig.Empty,
        rawSql: RawSqlConfig.Empty,
        transactions: TransactionsConfig.Empty,
        migrations: MigrationsConfig.Default,
        restrictions: ImmutableArray<RestrictionConfig>.Empty,
        api: ApiConfig.Empty,
        hasErrors: hasErrors);

    public ArchGateConfig(
        ImmutableArray<LayerDefinition> layers,
        ImmutableDictionary<string, ImmutableArray<string>> dependencies,
        bool requireLayer,
        PatternList compositionRoot,
        DataAccessConfig? dataAccess,
        RepositoriesConfig repositories,
        RawSqlConfig rawSql,
        TransactionsConfig transactions,
        MigrationsConfig migrations,
        ImmutableArray<RestrictionConfig> restrictions,
        ApiConfig api,
        bool hasErrors)
    {
        Layers = layers;
        Dependencies = dependencies;
        RequireLayer = requireLayer;
        CompositionRoot = compositionRoot;
        DataAccess = dataAccess;
        Repositories = repositories;
        RawSql = rawSql;
        Transactions = transactions;
        Migrations = migrations;
        Restrictions = restrictions;
        Api = api;
        HasErrors = hasErrors;
        LayerNames = layers.Select(l => l.Name).ToImmutableHashSet(System.StringComparer.Ordinal);
    }

    public ImmutableArray<LayerDefinition> Layers { get; }

    public ImmutableHashSet<string> LayerNames { get; }

    /// <summary>Allow-list per layer: a layer may use itself and the layers named here. A layer with no entry allows nothing.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Dependencies { get; }

    /// <summary><c>requireLayer</c>: code in no declared layer is reported (AG1002).</summary>
    public bool RequireLayer { get; }

    /// <summary><c>compositionRoot</c>: type patterns exempt from layer, data-access and repository rules.</summary>
    public PatternList CompositionRoot { get; }

    /// <summary><c>dataAccess</c>; null when the section is absent (the rule is then off).</summary>
    public DataAccessConfig? DataAccess { get; }

    public RepositoriesConfig Repositories { get; }

    public RawSqlConfig RawSql { get; }

    public TransactionsConfig Transactions { get; }

    public MigrationsConfig Migrations { get; }

    public ImmutableArray<RestrictionConfig> Restrictions { get; }

    public ApiConfig Api { get; }

    /// <summary>True when the file had an Error-severity problem (it is reported; rules still apply what was read).</summary>
    public bool HasErrors { get; }

    /// <summary>The layers a layer may use besides itself (an empty list when it has no entry).</summary>
    public ImmutableArray<string> AllowedDependencies(string layer)
        => Dependencies.TryGetValue(layer, out var allowed) ? allowed : ImmutableArray<string>.Empty;

    /// <summary>Whether code in <paramref name="from"/> may use <paramref name="to"/>.</summary>
    public bool IsDependencyAllowed(string from, string to)
        => from == to || AllowedDependencies(from).Contains(to);
}

/// <summary>A declared layer: <c>layers.NAME</c>.</summary>
public sealed class LayerDefinition
{
    public LayerDefinition(string name, PatternList namespaces, ImmutableArray<string> assemblies)
    {
        Name = name;
        Namespaces = namespaces;
        Assemblies = assemblies;
    }

    public string Name { get; }

    /// <summary>Namespace patterns (<c>Shop.Api.**</c>).</summary>
    public PatternList Namespaces { get; }

    /// <summary>Assembly names (exact, case-insensitive) or simple <c>*</c> wildcards.</summary>
    public ImmutableArray<string> Assemblies { get; }

    public string ConfigPath => "layers." + Name;
}

/// <summary>
/// A list of patterns together with its place in the file, for messages. Matched against symbols with
/// <see cref="ArchGateContext.MatchesType(PatternList, Microsoft.CodeAnalysis.INamedTypeSymbol)"/> and
/// <see cref="ArchGateContext.IsInScope"/>, which give each pattern the name it is written against
/// (<see cref="NamePattern"/>).
/// </summary>
public sealed class PatternList
{
    public static readonly PatternList Empty = new(ImmutableArray<NamePattern>.Empty, string.Empty);

    public PatternList(ImmutableArray<NamePattern> patterns, string configPath)
    {
        Patterns = patterns;
        ConfigPath = configPath;
    }

    public ImmutableArray<NamePattern> Patterns { get; }

    /// <summary>Where the list stands in archgate.json, e.g. <c>repositories.interfaces</c>.</summary>
    public string ConfigPath { get; }

    public bool IsEmpty => Patterns.IsEmpty;
}

/// <summary>
/// A scope list (<c>allowedIn</c>, <c>saveChangesAllowedIn</c>): each entry a layer name or a
/// type/namespace pattern. Resolved against symbols by <see cref="Layers.LayerModel"/>.
/// </summary>
public sealed class ScopeList
{
    public ScopeList(ImmutableArray<string> layers, PatternList patterns, string configPath)
    {
        LayerNames = layers;
        Patterns = patterns;
        ConfigPath = configPath;
    }

    public ImmutableArray<string> LayerNames { get; }

    public PatternList Patterns { get; }

    public string ConfigPath { get; }

    /// <summary>The entries as written, for messages ("Infrastructure, Shop.Tools.**").</summary>
    public string Describe()
    {
        var all = LayerNames.Concat(Patterns.Patterns.Select(p => p.Text)).ToArray();
        return all.Length == 0 ? "nowhere" : string.Join(", ", all);
    }
}

/// <summary>One entry of an <c>apis</c> list: a built-in group (<c>@efcore</c>) or a pattern.</summary>
public sealed class ApiSelector
{
    public ApiSelector(BuiltInApiGroup group, NamePattern? pattern)
    {
        Group = group;
        Pattern = pattern;
    }

    public BuiltInApiGroup Group { get; }

    public NamePattern? Pattern { get; }

    public override string ToString() => Pattern?.Text ?? ConfigReader.GroupNames[(int)Group - 1];
}

/// <summary>The built-in API groups, in the order of <see cref="ConfigReader.GroupNames"/>.</summary>
public enum BuiltInApiGroup
{
    None,
    EFCore,
    AdoNet,
    Dapper,
    EFCoreContext,
    EFCoreQuery,
    EFCoreModel,
    EFCoreMigrations,
}

public sealed class DataAccessConfig
{
    public DataAccessConfig(ImmutableArray<ApiSelector> apis, ScopeList allowedIn)
    {
        Apis = apis;
        AllowedIn = allowedIn;
    }

    public ImmutableArray<ApiSelector> Apis { get; }

    public ScopeList AllowedIn { get; }
}

public sealed class RepositoriesConfig
{
    public static readonly RepositoriesConfig Empty = new(PatternList.Empty, PatternList.Empty);

    public RepositoriesConfig(PatternList interfaces, PatternList implementations)
    {
        Interfaces = interfaces;
        Implementations = implementations;
    }

    /// <summary><c>repositories.interfaces</c>: the approved repository abstractions.</summary>
    public PatternList Interfaces { get; }

    /// <summary><c>repositories.implementations</c>: the approved implementations.</summary>
    public PatternList Implementations { get; }
}

public sealed class RawSqlConfig
{
    public static readonly RawSqlConfig Empty = new(null, ImmutableArray<NamePattern>.Empty);

    public RawSqlConfig(ScopeList? allowedIn, ImmutableArray<NamePattern> sinks)
    {
        AllowedIn = allowedIn;
        Sinks = sinks;
    }

    /// <summary><c>rawSql.allowedIn</c>; null when not configured (the policy rule is then off).</summary>
    public ScopeList? AllowedIn { get; }

    /// <summary><c>rawSql.sinks</c>: user-defined SQL sinks (documentation-comment IDs of methods/properties).</summary>
    public ImmutableArray<NamePattern> Sinks { get; }
}

public sealed class TransactionsConfig
{
    public static readonly TransactionsConfig Empty = new(null, ImmutableArray<NamePattern>.Empty);

    public TransactionsConfig(ScopeList? saveChangesAllowedIn, ImmutableArray<NamePattern> externalCalls)
        : this(saveChangesAllowedIn, externalCalls, ImmutableArray<NamePattern>.Empty)
    {
    }

    public TransactionsConfig(ScopeList? saveChangesAllowedIn, ImmutableArray<NamePattern> externalCalls, ImmutableArray<NamePattern> scopes)
    {
        SaveChangesAllowedIn = saveChangesAllowedIn;
        ExternalCalls = externalCalls;
        Scopes = scopes;
    }

    /// <summary><c>transactions.saveChangesAllowedIn</c>; null when not configured.</summary>
    public ScopeList? SaveChangesAllowedIn { get; }

    /// <summary><c>transactions.externalCalls</c>: APIs that do network I/O (besides HttpClient).</summary>
    public ImmutableArray<NamePattern> ExternalCalls { get; }

    /// <summary><c>transactions.scopes</c>: the project's own transaction wrappers (types or methods that begin a transaction).</summary>
    public ImmutableArray<NamePattern> Scopes { get; }
}

public enum MigrationProvider
{
    Auto,
    Postgres,
    SqlServer,
    Sqlite,
    MySql,
}

public sealed class MigrationsConfig
{
    public static readonly MigrationsConfig Default = new(MigrationProvider.Auto, null, checkDown: true);

    public MigrationsConfig(MigrationProvider provider, string? startAfter, bool checkDown)
        : this(provider, startAfter, checkDown, ImmutableDictionary<string, string>.Empty)
    {
    }

    public MigrationsConfig(MigrationProvider provider, string? startAfter, bool checkDown, ImmutableDictionary<string, string> startAfterByAssembly)
    {
        Provider = provider;
        StartAfter = startAfter;
        CheckDown = checkDown;
        StartAfterByAssembly = startAfterByAssembly;
    }

    public MigrationProvider Provider { get; }

    /// <summary>A migration id; migrations whose id sorts at or before it are not checked.</summary>
    public string? StartAfter { get; }

    /// <summary><c>startAfter</c> written as an object: a migration id per migrations assembly name.</summary>
    public ImmutableDictionary<string, string> StartAfterByAssembly { get; }

    /// <summary>The <c>startAfter</c> id for migrations compiled into <paramref name="assemblyName"/>, or null (every migration is checked).</summary>
    public string? StartAfterFor(string? assemblyName)
        => assemblyName is not null && StartAfterByAssembly.TryGetValue(assemblyName, out var id) ? id : StartAfter;

    public bool CheckDown { get; }
}

/// <summary>One entry of <c>restrictions</c>.</summary>
public sealed class RestrictionConfig
{
    public RestrictionConfig(int index, ImmutableArray<ApiSelector> apis, ScopeList allowedIn, string? because)
    {
        Index = index;
        Apis = apis;
        AllowedIn = allowedIn;
        Because = because;
    }

    public int Index { get; }

    public ImmutableArray<ApiSelector> Apis { get; }

    public ScopeList AllowedIn { get; }

    public string? Because { get; }

    public string ConfigPath => "restrictions[" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}

/// <summary><c>api</c>: how the endpoint rules recognise entity types.</summary>
public sealed class ApiConfig
{
    public static readonly ApiConfig Empty = new(PatternList.Empty);

    public ApiConfig(PatternList entityTypes) => EntityTypes = entityTypes;

    /// <summary><c>api.entityTypes</c>: type patterns of persistence entities.</summary>
    public PatternList EntityTypes { get; }
}
