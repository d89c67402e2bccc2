using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Transactions;

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
}

/// <summary>
/// The APIs the transaction rules recognise, resolved once per compilation from the real
/// EF Core, ADO.NET, System.Transactions and System.Net.Http metadata. Methods are classified by
/// their declared receiver (the containing type of an instance method, the <c>this</c> parameter
/// of an extension method), so overrides, provider subclasses and the user's own DbContext match.
/// </summary>
internal sealed class TransactionApis
{
    private readonly INamedTypeSymbol? _httpMessageInvoker;
    private readonly INamedTypeSymbol? _executionStrategy;
    private readonly INamedTypeSymbol? _executionStrategyExtensions;
    private readonly INamedTypeSymbol? _list;
    private readonly INamedTypeSymbol? _array;
    private readonly INamedTypeSymbol? _parallel;
    private readonly INamedTypeSymbol? _asyncEnumerable;
    private readonly INamedTypeSymbol? _asyncDisposable;

    private TransactionApis(KnownSymbols known)
    {
        Known = known;
        _httpMessageInvoker = known.Get("System.Net.Http.HttpMessageInvoker");
        _executionStrategy = known.Get("Microsoft.EntityFrameworkCore.Storage.IExecutionStrategy");
        _executionStrategyExtensions = known.Get("Microsoft.EntityFrameworkCore.ExecutionStrategyExtensions");
        _list = known.Get("System.Collections.Generic.List`1");
        _array = known.Get("System.Array");
        _parallel = known.Get("System.Threading.Tasks.Parallel");
        _asyncEnumerable = known.Get("System.Linq.AsyncEnumerable");
        _asyncDisposable = known.Get("System.IAsyncDisposable");
    }

    public KnownSymbols Known { get; }

    /// <summary>True when the compilation references EF Core (the SaveChanges rules have something to find).</summary>
    public bool HasEFCore => Known.DbContext is not null;

    /// <summary>True when any transaction API is referenced.</summary>
    public bool HasTransactions => Known.DatabaseFacade is not null || Known.DbConnection is not null || Known.IDbConnection is not null || Known.TransactionScope is not null;

    public static TransactionApis Create(Compilation compilation) => new(KnownSymbols.For(compilation));

    /// <summary>The type a method is called on as written: containing type, or the <c>this</c> parameter's type of an extension.</summary>
    [MethodImpl(Jit.Optimized)]
    public static ITypeSymbol? DeclaredReceiver(IMethodSymbol method)
    {
        var m = method.ReducedFrom ?? method;
        if (m.IsExtensionMethod && m.Parameters.Length > 0)
        {
            return m.Parameters[0].Type;
        }

        return m.ContainingType;
    }

    /// <summary>
    /// <c>SaveChanges</c> / <c>SaveChangesAsync</c> of a DbContext (the user's subclasses and overrides
    /// included), or of an interface that abstracts a DbContext: one exposing a <c>DbSet&lt;T&gt;</c>
    /// (the <c>IApplicationDbContext</c> of Clean Architecture templates).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsSaveChanges(IMethodSymbol? method)
        => method is not null
           && (method.Name == "SaveChanges" || method.Name == "SaveChangesAsync")
           && !method.IsStatic
           && (Known.IsDbContext(method.ContainingType) || IsDbContextAbstraction(method.ContainingType));

    /// <summary>
    /// True for a DbContext's own save method — an override, an overload or an explicit interface
    /// implementation of SaveChanges(Async) — whose calls to other save overloads are the save itself.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsOwnSaveChanges(ISymbol? symbol)
    {
        if (symbol is not IMethodSymbol method || !Known.IsDbContext(method.ContainingType))
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

    private readonly SymbolMemo<INamedTypeSymbol, bool> _abstractions = new();

    private bool IsDbContextAbstraction(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind != TypeKind.Interface || Known.DbSetOfT is null)
        {
            return false;
        }

        return _abstractions.GetOrAdd(type.OriginalDefinition, t =>
        {
            foreach (var candidate in t.AllInterfaces.Add(t))
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
        });
    }

    /// <summary>The kind of transaction a <c>BeginTransaction(Async)</c> call begins; None for any other call.</summary>
    [MethodImpl(Jit.Optimized)]
    public TransactionKind BeginKind(IMethodSymbol? method)
    {
        if (method is null || (method.Name != "BeginTransaction" && method.Name != "BeginTransactionAsync"))
        {
            return TransactionKind.None;
        }

        var receiver = DeclaredReceiver(method);
        if (KnownSymbols.IsOrInheritsFrom(receiver, Known.DatabaseFacade))
        {
            return TransactionKind.EFCore;
        }

        return Known.IsAdoConnection(receiver) ? TransactionKind.AdoNet : TransactionKind.None;
    }

    public bool IsTransactionScope(ITypeSymbol? type) => KnownSymbols.IsOrInheritsFrom(type, Known.TransactionScope);

    /// <summary>
    /// Calls that give a method an explicit transaction besides <c>BeginTransaction</c>:
    /// <c>Database.UseTransaction</c> / <c>EnlistTransaction</c>, and running the work through an
    /// EF Core execution strategy (<c>Execute*</c> / <c>ExecuteInTransaction*</c>).
    /// </summary>
    public bool IsOtherExplicitTransaction(IMethodSymbol method)
    {
        if ((method.Name == "UseTransaction" || method.Name == "UseTransactionAsync" || method.Name == "EnlistTransaction")
            && KnownSymbols.IsOrInheritsFrom(DeclaredReceiver(method), Known.DatabaseFacade))
        {
            return true;
        }

        return IsExecutionStrategyRun(method);
    }

    /// <summary><c>Execute</c>/<c>ExecuteAsync</c>/<c>ExecuteInTransaction(Async)</c> of an EF Core execution strategy: the lambda runs right away.</summary>
    public bool IsExecutionStrategyRun(IMethodSymbol method)
    {
        if (!method.Name.StartsWith("Execute", StringComparison.Ordinal))
        {
            return false;
        }

        var m = method.ReducedFrom ?? method;
        return SymbolEqualityComparer.Default.Equals(m.ContainingType?.OriginalDefinition, _executionStrategyExtensions)
               || KnownSymbols.IsOrInheritsFrom(m.ContainingType, _executionStrategy);
    }

    /// <summary>Methods that call their delegate argument once per element: LINQ, <c>List.ForEach</c>, <c>Array.ForEach</c>, <c>Parallel.*</c>.</summary>
    public string? PerElementMethodName(IMethodSymbol method)
    {
        var m = method.ReducedFrom ?? method;
        var type = m.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return null;
        }

        if (SymbolEqualityComparer.Default.Equals(type, Known.Enumerable)
            || SymbolEqualityComparer.Default.Equals(type, _asyncEnumerable)
            || SymbolEqualityComparer.Default.Equals(type, _parallel)
            || (m.Name == "ForEach" && (SymbolEqualityComparer.Default.Equals(type, _list) || SymbolEqualityComparer.Default.Equals(type, _array))))
        {
            return type.Name + "." + m.Name;
        }

        return null;
    }

    /// <summary>An <c>HttpClient</c> (or <c>HttpMessageInvoker</c>) request: <c>Send*</c>, <c>Get*</c>, <c>Post*</c>, <c>Put*</c>, <c>Delete*</c>, <c>Patch*</c>, extensions included.</summary>
    public bool IsHttpCall(IMethodSymbol method)
    {
        if (_httpMessageInvoker is null)
        {
            return false;
        }

        var m = method.ReducedFrom ?? method;
        if (!KnownSymbols.IsOrInheritsFrom(DeclaredReceiver(m), _httpMessageInvoker))
        {
            return false;
        }

        // Object's own members (GetType, GetHashCode) are declared on object, not on the client.
        if (!m.IsExtensionMethod && !KnownSymbols.IsOrInheritsFrom(m.ContainingType, _httpMessageInvoker))
        {
            return false;
        }

        var name = m.Name;
        return name.StartsWith("Send", StringComparison.Ordinal)
               || name.StartsWith("Get", StringComparison.Ordinal)
               || name.StartsWith("Post", StringComparison.Ordinal)
               || name.StartsWith("Put", StringComparison.Ordinal)
               || name.StartsWith("Delete", StringComparison.Ordinal)
               || name.StartsWith("Patch", StringComparison.Ordinal);
    }

    public bool IsAsyncDisposable(ITypeSymbol? type) => KnownSymbols.IsOrInheritsFrom(type, _asyncDisposable);

    /// <summary>Short display name for messages: <c>AppDbContext.SaveChangesAsync</c>.</summary>
    public static string Display(IMethodSymbol method)
    {
        var m = method.ReducedFrom ?? method;
        return (m.ContainingType is null ? string.Empty : m.ContainingType.Name + ".") + m.Name;
    }

    /// <summary>
    /// Display name of a call for messages, named after the receiver's static type when known:
    /// <c>ShopDbContext.SaveChangesAsync</c>, <c>SqlConnection.BeginTransaction</c>.
    /// </summary>
    public static string Display(IInvocationOperation invocation)
    {
        var receiverType = Receiver(invocation)?.Type;
        if (receiverType is null || receiverType.TypeKind == TypeKind.Error)
        {
            return Display(invocation.TargetMethod);
        }

        return receiverType.Name + "." + (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).Name;
    }

    /// <summary>The receiver operation of a call: the instance, or the first argument of an extension method.</summary>
    public static IOperation? Receiver(IInvocationOperation invocation)
    {
        if (invocation.Instance is not null)
        {
            return Unwrap(invocation.Instance);
        }

        if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
        {
            return Unwrap(invocation.Arguments[0].Value);
        }

        return null;
    }

    /// <summary>Skips implicit conversions and parentheses.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }
}
