using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>
/// Well-known types of EF Core, ADO.NET, Dapper, ASP.NET Core and the BCL, resolved once per
/// compilation by metadata name with <see cref="WellKnownTypes"/> (a duplicate name in another reference
/// does not hide them), null when the compilation does not reference them: rules bail out early. Get the compilation's instance with <see cref="For"/>: all ArchGate analyzers share it.
/// </summary>
public sealed class KnownSymbols
{
    private static readonly PerCompilation<KnownSymbols> s_shared = new();

    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _cache = new(StringComparer.Ordinal);
    private readonly Func<string, INamedTypeSymbol?> _resolve;

    public KnownSymbols(Compilation compilation)
    {
        // Not Compilation.GetTypeByMetadataName: a second, internal definition of a name in any reference
        // would make it null and silently switch the rules off (WellKnownTypes).
        _resolve = name => WellKnownTypes.Resolve(compilation, name);
    }

    /// <summary>The instance shared by every analyzer of this compilation (each type is looked up once).</summary>
    public static KnownSymbols For(Compilation compilation)
        => s_shared.GetOrCreate(compilation, 0, static (_, _) => true, static (c, _) => new KnownSymbols(c));

    /// <summary>Any type by metadata name (<c>System.Data.Common.DbCommand</c>, <c>Ns.Generic`1</c>), cached.</summary>
    [MethodImpl(Jit.Optimized)]
    public INamedTypeSymbol? Get(string metadataName)
        => _cache.TryGetValue(metadataName, out var type) ? type : _cache.GetOrAdd(metadataName, _resolve);

    // ---- BCL -------------------------------------------------------------------------------
    public INamedTypeSymbol? Task => Get("System.Threading.Tasks.Task");
    public INamedTypeSymbol? TaskOfT => Get("System.Threading.Tasks.Task`1");
    public INamedTypeSymbol? ValueTask => Get("System.Threading.Tasks.ValueTask");
    public INamedTypeSymbol? ValueTaskOfT => Get("System.Threading.Tasks.ValueTask`1");
    public INamedTypeSymbol? CancellationToken => Get("System.Threading.CancellationToken");
    public INamedTypeSymbol? IQueryable => Get("System.Linq.IQueryable");
    public INamedTypeSymbol? IQueryableOfT => Get("System.Linq.IQueryable`1");
    public INamedTypeSymbol? Queryable => Get("System.Linq.Queryable");
    public INamedTypeSymbol? Enumerable => Get("System.Linq.Enumerable");
    public INamedTypeSymbol? IEnumerableOfT => Get("System.Collections.Generic.IEnumerable`1");
    public INamedTypeSymbol? StringBuilder => Get("System.Text.StringBuilder");
    public INamedTypeSymbol? HttpClient => Get("System.Net.Http.HttpClient");
    public INamedTypeSymbol? TransactionScope => Get("System.Transactions.TransactionScope");
    public INamedTypeSymbol? Attribute => Get("System.Attribute");

    // ---- EF Core ---------------------------------------------------------------------------
    public INamedTypeSymbol? DbContext => Get("Microsoft.EntityFrameworkCore.DbContext");
    public INamedTypeSymbol? DbSetOfT => Get("Microsoft.EntityFrameworkCore.DbSet`1");
    public INamedTypeSymbol? DatabaseFacade => Get("Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade");
    public INamedTypeSymbol? EntityFrameworkQueryableExtensions => Get("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
    public INamedTypeSymbol? RelationalQueryableExtensions => Get("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
    public INamedTypeSymbol? RelationalDatabaseFacadeExtensions => Get("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
    public INamedTypeSymbol? IDbContextTransaction => Get("Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction");
    public INamedTypeSymbol? IDbContextFactoryOfT => Get("Microsoft.EntityFrameworkCore.IDbContextFactory`1");
    public INamedTypeSymbol? Migration => Get("Microsoft.EntityFrameworkCore.Migrations.Migration");
    public INamedTypeSymbol? MigrationBuilder => Get("Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder");
    public INamedTypeSymbol? ModelSnapshot => Get("Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot");
    public INamedTypeSymbol? IEntityTypeConfigurationOfT => Get("Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");

    // ---- ADO.NET ---------------------------------------------------------------------------
    public INamedTypeSymbol? DbConnection => Get("System.Data.Common.DbConnection");
    public INamedTypeSymbol? DbCommand => Get("System.Data.Common.DbCommand");
    public INamedTypeSymbol? DbDataReader => Get("System.Data.Common.DbDataReader");
    public INamedTypeSymbol? DbParameter => Get("System.Data.Common.DbParameter");
    public INamedTypeSymbol? DbTransaction => Get("System.Data.Common.DbTransaction");
    public INamedTypeSymbol? DbDataAdapter => Get("System.Data.Common.DbDataAdapter");
    public INamedTypeSymbol? DbProviderFactory => Get("System.Data.Common.DbProviderFactory");
    public INamedTypeSymbol? IDbConnection => Get("System.Data.IDbConnection");
    public INamedTypeSymbol? IDbCommand => Get("System.Data.IDbCommand");
    public INamedTypeSymbol? IDataReader => Get("System.Data.IDataReader");
    public INamedTypeSymbol? IDbTransaction => Get("System.Data.IDbTransaction");
    public INamedTypeSymbol? IDataAdapter => Get("System.Data.IDataAdapter");
    public INamedTypeSymbol? IDbDataParameter => Get("System.Data.IDbDataParameter");
    public INamedTypeSymbol? IDataParameter => Get("System.Data.IDataParameter");
    public INamedTypeSymbol? IDataParameterCollection => Get("System.Data.IDataParameterCollection");
    public INamedTypeSymbol? DbParameterCollection => Get("System.Data.Common.DbParameterCollection");
    public INamedTypeSymbol? DbDataSource => Get("System.Data.Common.DbDataSource");
    public INamedTypeSymbol? DbBatch => Get("System.Data.Common.DbBatch");
    public INamedTypeSymbol? DbBatchCommand => Get("System.Data.Common.DbBatchCommand");
    public INamedTypeSymbol? DbBatchCommandCollection => Get("System.Data.Common.DbBatchCommandCollection");
    public INamedTypeSymbol? DbCommandBuilder => Get("System.Data.Common.DbCommandBuilder");

    // ---- Dapper ----------------------------------------------------------------------------
    public INamedTypeSymbol? SqlMapper => Get("Dapper.SqlMapper");
    public INamedTypeSymbol? CommandDefinition => Get("Dapper.CommandDefinition");

    // ---- ASP.NET Core / DI -----------------------------------------------------------------
    public INamedTypeSymbol? ControllerBase => Get("Microsoft.AspNetCore.Mvc.ControllerBase");
    public INamedTypeSymbol? IServiceCollection => Get("Microsoft.Extensions.DependencyInjection.IServiceCollection");
    public INamedTypeSymbol? IHostedService => Get("Microsoft.Extensions.Hosting.IHostedService");
    public INamedTypeSymbol? IEndpointRouteBuilder => Get("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");

    // ---- helpers ---------------------------------------------------------------------------

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it (classes), or implements it (interfaces).</summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsOrInheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (type is null || baseType is null)
        {
            return false;
        }

        if (baseType.TypeKind == TypeKind.Interface)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, baseType))
            {
                return true;
            }

            foreach (var i in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the type is a <c>DbContext</c> (the user's own subclasses included).</summary>
    public bool IsDbContext(ITypeSymbol? type) => IsOrInheritsFrom(type, DbContext);

    /// <summary>True for EF Core's <c>DbSet&lt;T&gt;</c> or a subclass.</summary>
    public bool IsDbSet(ITypeSymbol? type) => IsOrInheritsFrom(type, DbSetOfT);

    /// <summary>True for an ADO.NET connection (<c>DbConnection</c> or <c>IDbConnection</c>, any provider).</summary>
    public bool IsAdoConnection(ITypeSymbol? type) => IsOrInheritsFrom(type, DbConnection) || IsOrInheritsFrom(type, IDbConnection);

    /// <summary>True for an ADO.NET command (<c>DbCommand</c> or <c>IDbCommand</c>, any provider).</summary>
    public bool IsAdoCommand(ITypeSymbol? type) => IsOrInheritsFrom(type, DbCommand) || IsOrInheritsFrom(type, IDbCommand);

    /// <summary>True when the method is declared in Dapper's <c>SqlMapper</c> (its extension methods).</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsDapperMethod(IMethodSymbol method)
    {
        var m = method.ReducedFrom ?? method;
        return SqlMapper is not null && SymbolEqualityComparer.Default.Equals(m.ContainingType?.OriginalDefinition, SqlMapper);
    }

    /// <summary>True when the symbol is declared in EF Core (namespace <c>Microsoft.EntityFrameworkCore</c> or below).</summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsInEFCoreNamespace(ISymbol symbol)
    {
        for (var ns = symbol.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.Name == "EntityFrameworkCore" && ns.ContainingNamespace is { Name: "Microsoft" } parent && parent.ContainingNamespace.IsGlobalNamespace)
            {
                return true;
            }
        }

        return false;
    }
}
