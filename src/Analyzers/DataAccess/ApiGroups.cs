using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.DataAccess;

/// <summary>The built-in API groups a type belongs to (a type can be in several).</summary>
[Flags]
internal enum ApiGroupMask
{
    None = 0,

    /// <summary><c>@efcore.context</c>: every EF Core type that is in none of the three other EF Core groups.</summary>
    EFCoreContext = 1,
    AdoNet = 2,
    Dapper = 4,

    /// <summary><c>@efcore.query</c>: the queryable extension operators, <c>EF</c>, <c>DbFunctions</c>, the <c>Query</c> namespace.</summary>
    EFCoreQuery = 8,

    /// <summary><c>@efcore.model</c>: model building and metadata, value converters and generators.</summary>
    EFCoreModel = 16,

    /// <summary><c>@efcore.migrations</c>: the <c>Migrations</c> and <c>Design</c> namespaces and the migration-builder extensions.</summary>
    EFCoreMigrations = 32,

    /// <summary><c>@efcore</c>: the union of its four parts.</summary>
    EFCore = EFCoreContext | EFCoreQuery | EFCoreModel | EFCoreMigrations,
}

/// <summary>
/// Membership of the built-in API groups (<c>@efcore</c>, <c>@adonet</c>, <c>@dapper</c>), the one place
/// that defines them (docs/rules/AG2001.md lists the members). Answered once per type definition and
/// cached for the compilation; create one per compilation start.
/// <list type="bullet">
/// <item><c>@efcore</c>: every type in <c>Microsoft.EntityFrameworkCore</c> and its sub-namespaces (so
/// also the extension classes: <c>Include</c>, <c>ToListAsync</c>, <c>FromSql…</c>, provider <c>Use…</c>),
/// and every class deriving from <c>DbContext</c> (the user's own contexts); attribute classes excluded.
/// It is the union of four disjoint parts, each a group of its own (<see cref="EFCorePartOf"/>):
/// <c>@efcore.query</c>, <c>@efcore.model</c>, <c>@efcore.migrations</c>, and <c>@efcore.context</c>
/// (the rest: <c>DbContext</c> and subclasses, <c>DbSet</c>, <c>Database</c>, <c>ChangeTracker</c>,
/// transactions, options).</item>
/// <item><c>@adonet</c>: the <c>System.Data.Common</c> connection, command, reader, parameter,
/// parameter collection, transaction, provider factory, data adapter, command builder, data source and
/// batch types; the <c>System.Data</c> interfaces <c>IDbConnection</c>, <c>IDbCommand</c>,
/// <c>IDataReader</c>, <c>IDbTransaction</c>, <c>IDataAdapter</c>, <c>IDataParameter</c>,
/// <c>IDataParameterCollection</c>; and every type deriving from or implementing one of them
/// (<c>SqlConnection</c>, <c>NpgsqlCommand</c>, <c>SqliteDataReader</c>, …).</item>
/// <item><c>@dapper</c>: every type in the <c>Dapper</c> namespace and its sub-namespaces
/// (<c>SqlMapper</c> and its extension methods, <c>DynamicParameters</c>, <c>CommandDefinition</c>, …).</item>
/// </list>
/// </summary>
internal sealed class ApiGroups
{
    private readonly SymbolMemo<INamedTypeSymbol, ApiGroupMask> _cache = new();
    private readonly Func<INamedTypeSymbol, ApiGroupMask> _compute;
    private readonly INamedTypeSymbol? _dbContext;
    private readonly INamedTypeSymbol? _attribute;
    private readonly ImmutableArray<INamedTypeSymbol> _adoClasses;
    private readonly ImmutableArray<INamedTypeSymbol> _adoInterfaces;

    public ApiGroups(KnownSymbols known, Compilation? compilation = null)
    {
        _compute = Compute;
        Available = compilation is null ? ApiGroupMask.EFCore | ApiGroupMask.AdoNet | ApiGroupMask.Dapper : FindAvailable(known, compilation);
        _dbContext = known.DbContext;
        _attribute = known.Attribute;
        _adoClasses = NonNull(
            known.DbConnection, known.DbCommand, known.DbDataReader, known.DbParameter, known.DbParameterCollection,
            known.DbTransaction, known.DbProviderFactory, known.DbDataAdapter, known.DbCommandBuilder,
            known.DbDataSource, known.DbBatch, known.DbBatchCommand, known.DbBatchCommandCollection);
        _adoInterfaces = NonNull(
            known.IDbConnection, known.IDbCommand, known.IDataReader, known.IDbTransaction, known.IDataAdapter,
            known.IDataParameter, known.IDataParameterCollection);
    }

    /// <summary>
    /// The groups that can have a member in this compilation (the compilation or a reference declares the
    /// namespace or the key types): a rule whose groups are all absent cannot report and is not run.
    /// </summary>
    public ApiGroupMask Available { get; }

    private static ApiGroupMask FindAvailable(KnownSymbols known, Compilation compilation)
    {
        var available = ApiGroupMask.None;
        INamespaceSymbol? microsoft = null;
        foreach (var ns in compilation.GlobalNamespace.GetNamespaceMembers())
        {
            switch (ns.Name)
            {
                case "Microsoft":
                    microsoft = ns;
                    break;
                case "Dapper":
                    available |= ApiGroupMask.Dapper;
                    break;
            }
        }

        if (microsoft is not null)
        {
            foreach (var ns in microsoft.GetNamespaceMembers())
            {
                if (ns.Name == "EntityFrameworkCore")
                {
                    available |= ApiGroupMask.EFCore;
                    break;
                }
            }
        }

        if (known.DbConnection is not null || known.IDbConnection is not null || known.DbCommand is not null || known.IDbCommand is not null)
        {
            available |= ApiGroupMask.AdoNet;
        }

        return available;
    }

    /// <summary>The mask of a selector's group (<see cref="ApiGroupMask.None"/> for a pattern).</summary>
    public static ApiGroupMask MaskOf(BuiltInApiGroup group) => group switch
    {
        BuiltInApiGroup.EFCore => ApiGroupMask.EFCore,
        BuiltInApiGroup.EFCoreContext => ApiGroupMask.EFCoreContext,
        BuiltInApiGroup.EFCoreQuery => ApiGroupMask.EFCoreQuery,
        BuiltInApiGroup.EFCoreModel => ApiGroupMask.EFCoreModel,
        BuiltInApiGroup.EFCoreMigrations => ApiGroupMask.EFCoreMigrations,
        BuiltInApiGroup.AdoNet => ApiGroupMask.AdoNet,
        BuiltInApiGroup.Dapper => ApiGroupMask.Dapper,
        _ => ApiGroupMask.None,
    };

    /// <summary>The groups of a type (its definition: <c>DbSet&lt;Order&gt;</c> is <c>DbSet&lt;T&gt;</c>).</summary>
    [MethodImpl(Jit.Optimized)]
    public ApiGroupMask GroupsOf(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        if (definition.TypeKind == TypeKind.Error)
        {
            return ApiGroupMask.None;
        }

        return _cache.GetOrAdd(definition, _compute);
    }

    [MethodImpl(Jit.Optimized)]
    private ApiGroupMask Compute(INamedTypeSymbol type)
    {
        var mask = ApiGroupMask.None;
        if (IsInNamespace(type.ContainingNamespace, "Microsoft", "EntityFrameworkCore") && !IsAttribute(type))
        {
            mask |= EFCorePartOf(type);
        }
        else if (type.TypeKind == TypeKind.Class && _dbContext is not null && DerivesFrom(type, _dbContext))
        {
            mask |= ApiGroupMask.EFCoreContext;
        }

        if (IsInNamespace(type.ContainingNamespace, "Dapper", null))
        {
            mask |= ApiGroupMask.Dapper;
        }

        if (IsAdoNet(type))
        {
            mask |= ApiGroupMask.AdoNet;
        }

        return mask;
    }

    /// <summary>
    /// The part of <c>@efcore</c> an EF Core type (in <c>Microsoft.EntityFrameworkCore</c> or below) belongs to,
    /// decided by its namespace below <c>Microsoft.EntityFrameworkCore</c> and, for the types directly in
    /// it, by its name (the outermost type decides for nested types):
    /// <list type="bullet">
    /// <item>migrations: namespaces <c>Migrations</c> and <c>Design</c>; <c>*MigrationBuilderExtensions</c>.</item>
    /// <item>query: namespace <c>Query</c>; <c>EF</c>, <c>DbFunctions</c>, <c>*QueryableExtensions</c>
    /// (<c>Include</c>, <c>AsNoTracking</c>, <c>ToListAsync</c>, <c>FromSql…</c>, <c>ExecuteUpdate…</c>),
    /// <c>*DbFunctionsExtensions</c>, <c>*LinqExtensions</c>.</item>
    /// <item>model: namespaces <c>Metadata</c>, <c>ValueGeneration</c> and <c>Storage.ValueConversion</c>;
    /// <c>ModelBuilder</c>, <c>ModelConfigurationBuilder</c>, <c>IEntityTypeConfiguration&lt;T&gt;</c>,
    /// <c>*BuilderExtensions</c> (except <c>*DbContextOptionsBuilderExtensions</c>) and the metadata
    /// extensions <c>*EntityTypeExtensions</c>, <c>*PropertyExtensions</c>, <c>*ModelExtensions</c>,
    /// <c>*KeyExtensions</c>, <c>*IndexExtensions</c>, <c>*ForeignKeyExtensions</c>, <c>*TriggerExtensions</c>,
    /// <c>*TableExtensions</c>, <c>*ElementTypeExtensions</c>, <c>*TypeBaseExtensions</c>,
    /// <c>*MappingFragmentExtensions</c>.</item>
    /// <item>context: everything else (<c>DbContext</c>, <c>DbSet</c>, <c>DatabaseFacade</c> and its
    /// extensions, <c>ChangeTracker</c>, <c>IDbContextTransaction</c>, execution strategies, options and
    /// the provider <c>Use…</c> extensions).</item>
    /// </list>
    /// </summary>
    internal static ApiGroupMask EFCorePartOf(INamedTypeSymbol type)
    {
        var outer = type;
        while (outer.ContainingType is { } containing)
        {
            outer = containing;
        }

        // The namespace right below Microsoft.EntityFrameworkCore, if any.
        string? sub = null;
        string? subSub = null;
        for (var ns = outer.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.ContainingNamespace is { Name: "EntityFrameworkCore" } efcore
                && efcore.ContainingNamespace is { Name: "Microsoft" } microsoft
                && microsoft.ContainingNamespace is { IsGlobalNamespace: true })
            {
                sub = ns.Name;
                break;
            }

            subSub = ns.Name;
        }

        switch (sub)
        {
            case null:
                return PartOfRootType(outer.Name);
            case "Migrations" or "Design":
                return ApiGroupMask.EFCoreMigrations;
            case "Query":
                return ApiGroupMask.EFCoreQuery;
            case "Metadata" or "ValueGeneration":
                return ApiGroupMask.EFCoreModel;
            case "Storage" when subSub == "ValueConversion":
                return ApiGroupMask.EFCoreModel;
            default:
                return ApiGroupMask.EFCoreContext;
        }
    }

    private static ApiGroupMask PartOfRootType(string name)
    {
        if (name.EndsWith("MigrationBuilderExtensions", StringComparison.Ordinal))
        {
            return ApiGroupMask.EFCoreMigrations;
        }

        if (name is "EF" or "DbFunctions"
            || name.EndsWith("QueryableExtensions", StringComparison.Ordinal)
            || name.EndsWith("DbFunctionsExtensions", StringComparison.Ordinal)
            || name.EndsWith("LinqExtensions", StringComparison.Ordinal))
        {
            return ApiGroupMask.EFCoreQuery;
        }

        if (name is "ModelBuilder" or "ModelConfigurationBuilder" or "IEntityTypeConfiguration")
        {
            return ApiGroupMask.EFCoreModel;
        }

        if (name.EndsWith("BuilderExtensions", StringComparison.Ordinal))
        {
            return name.EndsWith("DbContextOptionsBuilderExtensions", StringComparison.Ordinal)
                ? ApiGroupMask.EFCoreContext
                : ApiGroupMask.EFCoreModel;
        }

        foreach (var suffix in ModelExtensionSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return ApiGroupMask.EFCoreModel;
            }
        }

        return ApiGroupMask.EFCoreContext;
    }

    private static readonly string[] ModelExtensionSuffixes =
    {
        "EntityTypeExtensions", "PropertyExtensions", "ModelExtensions", "KeyExtensions", "IndexExtensions",
        "ForeignKeyExtensions", "TriggerExtensions", "TableExtensions", "ElementTypeExtensions", "TypeBaseExtensions",
        "MappingFragmentExtensions", "NavigationExtensions",
    };

    [MethodImpl(Jit.Optimized)]
    private bool IsAdoNet(INamedTypeSymbol type)
    {
        foreach (var c in _adoClasses)
        {
            if (DerivesFrom(type, c))
            {
                return true;
            }
        }

        if (_adoInterfaces.IsEmpty)
        {
            return false;
        }

        foreach (var i in _adoInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(type, i))
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            foreach (var i in _adoInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, i))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsAttribute(INamedTypeSymbol type)
        => _attribute is not null && type.TypeKind == TypeKind.Class && DerivesFrom(type, _attribute);

    [MethodImpl(Jit.Optimized)]
    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="ns"/> is <c>first.second</c> (or <c>first</c> when second is null) or below it; no allocation.</summary>
    [MethodImpl(Jit.Optimized)]
    internal static bool IsInNamespace(INamespaceSymbol? ns, string first, string? second)
    {
        var depth = 0;
        for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            depth++;
        }

        var wanted = second is null ? 1 : 2;
        if (depth < wanted)
        {
            return false;
        }

        var top = ns!;
        for (var i = depth; i > wanted; i--)
        {
            top = top.ContainingNamespace;
        }

        if (second is not null)
        {
            if (top.Name != second)
            {
                return false;
            }

            top = top.ContainingNamespace;
        }

        return top.Name == first;
    }

    private static ImmutableArray<INamedTypeSymbol> NonNull(params INamedTypeSymbol?[] types)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(types.Length);
        foreach (var t in types)
        {
            if (t is not null)
            {
                builder.Add(t);
            }
        }

        return builder.ToImmutable();
    }
}
