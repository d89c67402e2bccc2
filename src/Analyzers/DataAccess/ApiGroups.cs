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
    EFCore = 1,
    AdoNet = 2,
    Dapper = 4,
}

/// <summary>
/// Membership of the built-in API groups (<c>@efcore</c>, <c>@adonet</c>, <c>@dapper</c>), the one place
/// that defines them (docs/rules/AG2001.md lists the members). Answered once per type definition and
/// cached for the compilation; create one per compilation start.
/// <list type="bullet">
/// <item><c>@efcore</c>: every type in <c>Microsoft.EntityFrameworkCore</c> and its sub-namespaces (so
/// also the extension classes: <c>Include</c>, <c>ToListAsync</c>, <c>FromSql…</c>, provider <c>Use…</c>),
/// and every class deriving from <c>DbContext</c> (the user's own contexts); attribute classes excluded.</item>
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

    public ApiGroups(KnownSymbols known)
    {
        _compute = Compute;
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

    /// <summary>The mask of a selector's group (<see cref="ApiGroupMask.None"/> for a pattern).</summary>
    public static ApiGroupMask MaskOf(BuiltInApiGroup group) => group switch
    {
        BuiltInApiGroup.EFCore => ApiGroupMask.EFCore,
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
            mask |= ApiGroupMask.EFCore;
        }
        else if (type.TypeKind == TypeKind.Class && _dbContext is not null && DerivesFrom(type, _dbContext))
        {
            mask |= ApiGroupMask.EFCore;
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
