using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Transactions;

/// <summary>
/// What the transaction rules ask, resolved once per compilation from the real EF Core, ADO.NET,
/// System.Transactions and System.Net.Http metadata: the shared data-access classification
/// (<see cref="Data"/>: saves, transaction begins, approved repositories), the shared repetition model
/// (<see cref="Repetition"/>), and the family's own questions (an HTTP request, an explicit transaction
/// other than a begin call, a disposable to await).
/// </summary>
internal sealed class TransactionApis
{
    private readonly INamedTypeSymbol? _httpMessageInvoker;
    private readonly INamedTypeSymbol? _asyncDisposable;

    private TransactionApis(ArchGateContext context)
    {
        var known = context.Data.Known;
        Known = known;
        Data = context.Data;
        Repetition = context.Repetition;
        _httpMessageInvoker = known.Get("System.Net.Http.HttpMessageInvoker");
        _asyncDisposable = known.Get("System.IAsyncDisposable");
    }

    public KnownSymbols Known { get; }

    /// <summary>The shared classification of saves, transaction begins and repository calls.</summary>
    public DataAccessFacts Data { get; }

    /// <summary>The shared "runs once per element" model.</summary>
    public RepetitionModel Repetition { get; }

    /// <summary>True when the compilation references EF Core (the SaveChanges rules have something to find).</summary>
    public bool HasEFCore => Known.DbContext is not null;

    /// <summary>True when EF Core is referenced or archgate.json names repositories (whose saves the save rules count).</summary>
    public bool HasSaves => HasEFCore || Data.HasRepositories;

    /// <summary>True when any transaction API is referenced.</summary>
    public bool HasTransactions => Known.DatabaseFacade is not null || Known.DbConnection is not null || Known.IDbConnection is not null || Known.TransactionScope is not null;

#pragma warning disable RS1012 // Only the options are read; the caller registers the actions.
    public static TransactionApis Create(CompilationStartAnalysisContext start) => new(ArchGateContext.Create(start));
#pragma warning restore RS1012

    /// <summary>
    /// Calls that give a method an explicit transaction besides <c>BeginTransaction</c>:
    /// <c>Database.UseTransaction</c> / <c>EnlistTransaction</c>, and running the work through an
    /// EF Core execution strategy (<c>Execute*</c> / <c>ExecuteInTransaction*</c>).
    /// </summary>
    public bool IsOtherExplicitTransaction(IMethodSymbol method)
    {
        if ((method.Name == "UseTransaction" || method.Name == "UseTransactionAsync" || method.Name == "EnlistTransaction")
            && KnownSymbols.IsOrInheritsFrom(Operations.DeclaredReceiver(method), Known.DatabaseFacade))
        {
            return true;
        }

        return Repetition.IsExecutionStrategyRun(method);
    }

    /// <summary>An <c>HttpClient</c> (or <c>HttpMessageInvoker</c>) request: <c>Send*</c>, <c>Get*</c>, <c>Post*</c>, <c>Put*</c>, <c>Delete*</c>, <c>Patch*</c>, extensions included.</summary>
    public bool IsHttpCall(IMethodSymbol method)
    {
        if (_httpMessageInvoker is null)
        {
            return false;
        }

        var m = method.ReducedFrom ?? method;
        if (!KnownSymbols.IsOrInheritsFrom(Operations.DeclaredReceiver(m), _httpMessageInvoker))
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
        var receiverType = Operations.Receiver(invocation, UnwrapOptions.Implicit)?.Type;
        if (receiverType is null || receiverType.TypeKind == TypeKind.Error)
        {
            return Display(invocation.TargetMethod);
        }

        return receiverType.Name + "." + (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).Name;
    }
}
