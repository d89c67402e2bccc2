using System;
using System.Runtime.CompilerServices;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers;

/// <summary>What kind of database call an invocation is (<see cref="DataAccessFacts.Classify"/>).</summary>
internal enum DbCallKind
{
    None,

    /// <summary>An EF Core operator that executes a query (ToList, First, CountAsync, Load, ExecuteUpdate...).</summary>
    EfQuery,

    /// <summary><c>DbSet.Find</c> / <c>DbContext.Find</c> (+Async).</summary>
    EfFind,

    /// <summary>A save: <c>DbContext.SaveChanges</c> (+Async, and through a DbContext abstraction), or a <c>Save*</c>/<c>Commit*</c> of an approved repository or unit of work.</summary>
    Save,

    /// <summary><c>Database.ExecuteSql*</c> (+Async).</summary>
    EfRawSql,

    /// <summary>A Dapper <c>SqlMapper</c> call on a connection.</summary>
    Dapper,

    /// <summary><c>DbCommand.Execute*</c> / <c>IDbCommand.Execute*</c>.</summary>
    AdoCommand,

    /// <summary><c>DbConnection.Open</c> (+Async).</summary>
    AdoOpen,

    /// <summary>Another method of an approved repository interface / implementation (archgate.json: repositories).</summary>
    Repository,
}

/// <summary>How a transaction is begun, for messages and for what commits it.</summary>
internal enum TransactionKind
{
    None,

    /// <summary><c>Database.BeginTransaction(Async)</c> on EF Core's <c>DatabaseFacade</c> (relational extensions included).</summary>
    EFCore,

    /// <summary><c>BeginTransaction(Async)</c> on an ADO.NET connection (<c>DbConnection</c>, <c>IDbConnection</c>, any provider).</summary>
    AdoNet,

    /// <summary><c>new TransactionScope(...)</c>.</summary>
    TransactionScope,

    /// <summary>A project's own transaction wrapper (archgate.json: <c>transactions.scopes</c>).</summary>
    Wrapper,
}

/// <summary>
/// The one classification of data access shared by the query and transaction rules: is this call a
/// database round trip (and which kind), a save, a transaction begin; is this IQueryable rooted in the
/// database (a DbContext, or an approved repository's query). Calls through approved repositories
/// (archgate.json <c>repositories</c>) are database calls like the EF Core, Dapper and ADO.NET ones.
/// </summary>
internal sealed class DataAccessFacts
{
    private readonly SymbolMemo<IMethodSymbol, bool>? _repositoryMethods;
    private readonly SymbolMemo<INamedTypeSymbol, bool> _abstractions = new(256);
    private readonly Func<IMethodSymbol, bool> _computeRepositoryMethod;
    private readonly Func<INamedTypeSymbol, bool> _computeAbstraction;
    private readonly INamedTypeSymbol? _navigationEntry;

    public DataAccessFacts(KnownSymbols known, ArchGateContext context)
    {
        Known = known;
        Context = context;
        _navigationEntry = known.Get("Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry");
        _computeRepositoryMethod = ComputeRepositoryMethod;
        _repositoryMethods = HasRepositories ? new SymbolMemo<IMethodSymbol, bool>() : null; // most projects name none
        _computeAbstraction = ComputeAbstraction;
    }

    public KnownSymbols Known { get; }

    public ArchGateContext Context { get; }

    /// <summary>True when the compilation references EF Core, Dapper or ADO.NET.</summary>
    public bool HasDataAccess => Known.DbContext is not null || Known.SqlMapper is not null || Known.DbCommand is not null;

    /// <summary>True when archgate.json names approved repositories.</summary>
    public bool HasRepositories
        => !(Context.Config.Repositories.Interfaces.IsEmpty && Context.Config.Repositories.Implementations.IsEmpty);

    // ---- database calls --------------------------------------------------------------------

    /// <summary>Classifies a call: which kind of database call it is, or <see cref="DbCallKind.None"/>.</summary>
    [MethodImpl(Jit.Optimized)]
    public DbCallKind Classify(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var definition = method.ReducedFrom ?? method;
        var type = definition.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return DbCallKind.None;
        }

        var name = definition.Name;

        if (Same(type, Known.EntityFrameworkQueryableExtensions) || Same(type, Known.RelationalQueryableExtensions))
        {
            if (name is "Load" or "ExecuteUpdate" or "ExecuteDelete"
                || (name.EndsWith("Async", StringComparison.Ordinal) && name != "AsAsyncEnumerable"))
            {
                return DbCallKind.EfQuery;
            }

            return DbCallKind.None;
        }

        if (Same(type, Known.Queryable))
        {
            return ExecutingOperators.Contains(name) && IsDatabaseQuery(Operations.Receiver(invocation)) ? DbCallKind.EfQuery : DbCallKind.None;
        }

        if (Same(type, Known.Enumerable))
        {
            return (Materializers.Contains(name) || ExecutingOperators.Contains(name)) && IsDatabaseQuery(Operations.Receiver(invocation))
                ? DbCallKind.EfQuery
                : DbCallKind.None;
        }

        // Explicit loading: db.Entry(order).Collection(o => o.Lines).Load() / Reference(...).LoadAsync().
        if (name is "Load" or "LoadAsync" && KnownSymbols.IsOrInheritsFrom(type, _navigationEntry))
        {
            return DbCallKind.EfQuery;
        }

        if (name is "Find" or "FindAsync" && (Same(type, Known.DbSetOfT) || Known.IsDbContext(type)))
        {
            return DbCallKind.EfFind;
        }

        if (IsSave(method))
        {
            return DbCallKind.Save;
        }

        if (Same(type, Known.RelationalDatabaseFacadeExtensions))
        {
            return name.StartsWith("ExecuteSql", StringComparison.Ordinal) ? DbCallKind.EfRawSql : DbCallKind.None;
        }

        if (Known.IsDapperMethod(definition))
        {
            return definition.Parameters.Length > 0 && Known.IsAdoConnection(definition.Parameters[0].Type) ? DbCallKind.Dapper : DbCallKind.None;
        }

        if (name.StartsWith("Execute", StringComparison.Ordinal) && Known.IsAdoCommand(type))
        {
            return DbCallKind.AdoCommand;
        }

        if (name is "Open" or "OpenAsync" && Known.IsAdoConnection(type))
        {
            return DbCallKind.AdoOpen;
        }

        // A repository method returning IQueryable composes a query: the operator that runs it is the round trip.
        if (IsRepositoryMethod(definition) && !IsQueryable(method.ReturnType))
        {
            return DbCallKind.Repository;
        }

        return DbCallKind.None;
    }

    /// <summary>Queryable / Enumerable operators that execute the query they are applied to.</summary>
    public static readonly System.Collections.Immutable.ImmutableHashSet<string> ExecutingOperators = System.Collections.Immutable.ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
        "Count", "LongCount", "Any", "All", "Sum", "Min", "Max", "Average", "Contains",
        "ElementAt", "ElementAtOrDefault", "MinBy", "MaxBy", "Aggregate");

    /// <summary>Enumerable operators that materialize a sequence (and so run an IQueryable).</summary>
    public static readonly System.Collections.Immutable.ImmutableHashSet<string> Materializers = System.Collections.Immutable.ImmutableHashSet.Create(
        StringComparer.Ordinal, "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup");

    // ---- saves -----------------------------------------------------------------------------

    /// <summary>
    /// A save: <see cref="IsDbContextSave"/>, or a <c>Save*</c>/<c>Commit*</c> method of an approved
    /// repository or unit of work (archgate.json <c>repositories</c>).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsSave(IMethodSymbol? method)
    {
        if (method is null || method.IsStatic)
        {
            return false;
        }

        if (IsDbContextSave(method))
        {
            return true;
        }

        var name = method.Name;
        return (name.StartsWith("Save", StringComparison.Ordinal) || name.StartsWith("Commit", StringComparison.Ordinal))
               && IsRepositoryMethod(method.ReducedFrom ?? method);
    }

    /// <summary>
    /// <c>SaveChanges</c> / <c>SaveChangesAsync</c> of a DbContext (the user's subclasses and overrides
    /// included), or of an interface that abstracts a DbContext: one exposing a <c>DbSet&lt;T&gt;</c>
    /// (the <c>IApplicationDbContext</c> of Clean Architecture templates).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsDbContextSave(IMethodSymbol? method)
        => method is not null
           && (method.Name == "SaveChanges" || method.Name == "SaveChangesAsync")
           && !method.IsStatic
           && (Known.IsDbContext(method.ContainingType) || IsDbContextAbstraction(method.ContainingType));

    /// <summary>
    /// True for a DbContext's own save method — an override, an overload or an explicit interface
    /// implementation of SaveChanges(Async) — whose calls to other save overloads are the save itself.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsOwnDbContextSave(ISymbol? symbol)
    {
        if (symbol is not IMethodSymbol method)
        {
            return false;
        }

        if (!Known.IsDbContext(method.ContainingType))
        {
            return false;
        }

        if (method.Name == "SaveChanges" || method.Name == "SaveChangesAsync")
        {
            return true;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (implemented.Name == "SaveChanges" || implemented.Name == "SaveChangesAsync")
            {
                return true;
            }
        }

        return false;
    }

    private bool IsDbContextAbstraction(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind != TypeKind.Interface || Known.DbSetOfT is null)
        {
            return false;
        }

        return _abstractions.GetOrAdd(type.OriginalDefinition, _computeAbstraction);
    }

    private bool ComputeAbstraction(INamedTypeSymbol type)
    {
        foreach (var candidate in type.AllInterfaces.Add(type))
        {
            foreach (var member in candidate.GetMembers())
            {
                if (member is IPropertySymbol property && Known.IsDbSet(property.Type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // ---- transactions ----------------------------------------------------------------------

    /// <summary>The kind of transaction a <c>BeginTransaction(Async)</c> call begins; None for any other call.</summary>
    [MethodImpl(Jit.Optimized)]
    public TransactionKind BeginKind(IMethodSymbol? method)
    {
        if (method is null || (method.Name != "BeginTransaction" && method.Name != "BeginTransactionAsync"))
        {
            return TransactionKind.None;
        }

        var receiver = Operations.DeclaredReceiver(method);
        if (KnownSymbols.IsOrInheritsFrom(receiver, Known.DatabaseFacade))
        {
            return TransactionKind.EFCore;
        }

        return Known.IsAdoConnection(receiver) ? TransactionKind.AdoNet : TransactionKind.None;
    }

    [MethodImpl(Jit.Optimized)]
    public bool IsTransactionScope(ITypeSymbol? type) => KnownSymbols.IsOrInheritsFrom(type, Known.TransactionScope);

    /// <summary>
    /// True when the operation begins a transaction through the project's own wrapper: a call to a method,
    /// or the creation of a type, named by <c>transactions.scopes</c> in archgate.json; or (without
    /// configuration) a call or creation whose result is a <c>TransactionScope</c>-like disposable that
    /// commits on <c>Complete</c>/<c>Commit</c> (<c>using var scope = _uow.Begin(); ... scope.Complete();</c>).
    /// </summary>
    public bool IsWrapperBegin(IOperation operation) => IsConfiguredWrapper(operation) || IsCommittingDisposableResult(operation);

    /// <summary>True when archgate.json names transaction wrappers (<c>transactions.scopes</c>).</summary>
    public bool HasScopes => !Context.Config.Transactions.Scopes.IsDefaultOrEmpty;

    /// <summary>A call to a method, or the creation of a type, named in <c>transactions.scopes</c>.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsConfiguredWrapper(IOperation operation)
        => HasScopes && operation switch
        {
            IInvocationOperation invocation => MatchesAny(Context.Config.Transactions.Scopes, invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod),
            IObjectCreationOperation { Type: { } type } => MatchesAny(Context.Config.Transactions.Scopes, type),
            _ => false,
        };

    /// <summary>A call or creation whose result is a <c>TransactionScope</c>-like disposable committing on <c>Complete</c>/<c>Commit</c>.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsCommittingDisposableResult(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => IsCommittingDisposable(invocation.TargetMethod.ReturnType),
        IObjectCreationOperation creation => IsCommittingDisposable(creation.Type),
        _ => false,
    };

    private readonly SymbolMemo<INamedTypeSymbol, bool> _committingDisposables = new(256);

    /// <summary>A disposable (not a DbContext or connection) with a <c>Complete</c>/<c>Commit</c> method (async forms included): it commits its transaction there.</summary>
    [MethodImpl(Jit.Optimized)]
    private bool IsCommittingDisposable(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        // Task<TScope> of an async begin.
        if (IsTaskLike(named) && named.TypeArguments.Length == 1)
        {
            named = named.TypeArguments[0] as INamedTypeSymbol ?? named;
        }

        return _committingDisposables.GetOrAdd(named.OriginalDefinition, t =>
        {
            if (Known.IsDbContext(t) || Known.IsAdoConnection(t) || t.SpecialType != SpecialType.None)
            {
                return false;
            }

            var disposable = false;
            var commits = false;
            foreach (var candidate in t.TypeKind == TypeKind.Interface ? t.AllInterfaces.Add(t) : t.AllInterfaces)
            {
                disposable |= candidate.SpecialType == SpecialType.System_IDisposable || candidate.Name == "IAsyncDisposable";
                commits |= HasCommitMethod(candidate);
            }

            for (var current = t; current is not null && !commits; current = current.BaseType)
            {
                commits = HasCommitMethod(current);
            }

            return disposable && commits;
        });

        static bool HasCommitMethod(INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { Name: "Complete" or "CompleteAsync" or "Commit" or "CommitAsync", IsStatic: false })
                {
                    return true;
                }
            }

            return false;
        }
    }

    // ---- repositories ----------------------------------------------------------------------

    /// <summary>
    /// True when a method is a member of a type matched by <c>repositories.interfaces</c> or
    /// <c>repositories.implementations</c>, or of a class implementing a matched interface. Change-tracking
    /// methods (<c>Add*</c>, <c>Attach*</c>, <c>Remove*</c>, <c>Update*</c> returning no task) are not.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsRepositoryMethod(IMethodSymbol method)
    {
        if (_repositoryMethods is null || method.MethodKind != MethodKind.Ordinary || method.IsStatic)
        {
            return false;
        }

        // The answer depends on the method alone (and the configuration): computed once per method.
        return _repositoryMethods.GetOrAdd(method, _computeRepositoryMethod);
    }

    [MethodImpl(Jit.Optimized)]
    private bool ComputeRepositoryMethod(IMethodSymbol method)
    {
        var repositories = Context.Config.Repositories;

        if (!IsTaskLike(method.ReturnType)
            && (method.Name.StartsWith("Add", StringComparison.Ordinal) || method.Name.StartsWith("Attach", StringComparison.Ordinal)
                || method.Name.StartsWith("Remove", StringComparison.Ordinal) || method.Name.StartsWith("Update", StringComparison.Ordinal)))
        {
            return false;
        }

        if (MatchesAny(repositories.Interfaces, method) || MatchesAny(repositories.Implementations, method))
        {
            return true;
        }

        var type = method.ContainingType;
        if (type is null || type.TypeKind == TypeKind.Interface)
        {
            return false;
        }

        // A call through the implementation of an approved interface (only the interface's members).
        foreach (var @interface in type.AllInterfaces)
        {
            if (!MatchesAny(repositories.Interfaces, @interface))
            {
                continue;
            }

            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (type.FindImplementationForInterfaceMember(member) is { } implementation
                    && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool MatchesAny(PatternList list, ISymbol symbol) => MatchesAny(list.Patterns, symbol);

    [MethodImpl(Jit.Optimized)]
    private bool MatchesAny(System.Collections.Immutable.ImmutableArray<NamePattern> patterns, ISymbol symbol)
    {
        foreach (var pattern in patterns)
        {
            if (Context.Matches(pattern, symbol))
            {
                return true;
            }
        }

        return false;
    }

    // ---- async data access -----------------------------------------------------------------

    /// <summary>True when a method is an async data-access method (EF Core, Dapper, ADO.NET) returning a task.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsAsyncDataAccess(IMethodSymbol method)
    {
        if (!IsTaskLike(method.ReturnType))
        {
            return false;
        }

        var definition = method.ReducedFrom ?? method;
        var type = definition.ContainingType;
        if (type is null)
        {
            return false;
        }

        return KnownSymbols.IsInEFCoreNamespace(type)
            || Known.IsDbContext(type)
            || Known.IsDapperMethod(definition)
            || Known.IsAdoConnection(type)
            || Known.IsAdoCommand(type)
            || KnownSymbols.IsOrInheritsFrom(type, Known.DbDataReader)
            || KnownSymbols.IsOrInheritsFrom(type, Known.DbTransaction)
            || KnownSymbols.IsOrInheritsFrom(type, Known.DbDataAdapter);
    }

    /// <summary>True for Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsTaskLike(ITypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return definition is not null
            && (Same(definition, Known.Task) || Same(definition, Known.TaskOfT) || Same(definition, Known.ValueTask) || Same(definition, Known.ValueTaskOfT));
    }

    // ---- IQueryable roots ------------------------------------------------------------------

    /// <summary>
    /// True when <paramref name="operation"/> is an IQueryable whose rows come from the database: a
    /// DbSet (property, field, <c>Set&lt;T&gt;()</c>), a DbContext member returning IQueryable, an approved
    /// repository's method returning IQueryable (<c>_repo.Query()</c>), a query operator applied to one,
    /// or a local initialized with one (intra-procedural).
    /// </summary>
    public bool IsDatabaseQuery(IOperation? operation) => IsDatabaseQuery(operation, 0);

    [MethodImpl(Jit.Optimized)]
    private bool IsDatabaseQuery(IOperation? operation, int depth)
    {
        operation = Operations.Unwrap(operation, UnwrapOptions.Conversions);
        if (operation is null || depth > 8)
        {
            return false;
        }

        if (Known.IsDbSet(operation.Type))
        {
            return true;
        }

        switch (operation)
        {
            case IInvocationOperation invocation:
            {
                var method = invocation.TargetMethod;
                var definition = method.ReducedFrom ?? method;
                var type = definition.ContainingType?.OriginalDefinition;
                if (type is null || !IsQueryable(method.ReturnType))
                {
                    return false;
                }

                if (Same(type, Known.Queryable) || KnownSymbols.IsInEFCoreNamespace(type))
                {
                    // db.Set<T>()-like members of a DbContext, Database.SqlQuery<T>(), and EF Core
                    // instance members returning a query (CollectionEntry.Query()).
                    if (Known.IsDbContext(invocation.Instance?.Type) || Same(type, Known.RelationalDatabaseFacadeExtensions)
                        || (!method.IsStatic && KnownSymbols.IsInEFCoreNamespace(type)))
                    {
                        return true;
                    }

                    return IsDatabaseQuery(Operations.Receiver(invocation), depth + 1);
                }

                return IsRepositoryMethod(definition);
            }

            case IPropertyReferenceOperation property:
                return IsQueryable(property.Type) && Known.IsDbContext(property.Property.ContainingType);

            case ILocalReferenceOperation local:
                return IsQueryable(local.Type) && Operations.InitializerOf(local.Local, operation.SemanticModel) is { } initializer && IsDatabaseQuery(initializer, depth + 1);

            default:
                return false;
        }
    }

    /// <summary>True when the type is (or implements) IQueryable.</summary>
    public bool IsQueryable(ITypeSymbol? type) => KnownSymbols.IsOrInheritsFrom(type, Known.IQueryable);

    [MethodImpl(Jit.Optimized)]
    private static bool Same(ITypeSymbol? a, ITypeSymbol? b)
        => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition);
}
