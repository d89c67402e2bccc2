using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using System.Runtime.CompilerServices;

namespace ArchGate.Analyzers.Transactions;

/// <summary>What the code does with the transaction object a begin call returns.</summary>
internal enum TransactionHolder
{
    /// <summary>Consumed in a way the rules do not follow (an argument, a conditional...): the rules stay silent.</summary>
    Unknown,

    /// <summary><c>using var tx = ...;</c> / <c>await using var tx = ...;</c></summary>
    UsingDeclaration,

    /// <summary><c>using (var tx = ...) { }</c> or <c>using (BeginTransaction()) { }</c>.</summary>
    UsingStatement,

    /// <summary>A plain local: <c>var tx = ...;</c> or <c>tx = ...;</c>.</summary>
    Local,

    /// <summary>The result is thrown away: <c>db.Database.BeginTransaction();</c></summary>
    Discarded,

    /// <summary>Returned, or stored in a field, property or parameter: its new owner commits and disposes it.</summary>
    Transferred,
}

/// <summary>One place where a transaction begins, and how its result is held.</summary>
internal sealed class TransactionStart
{
    private TransactionStart(IOperation operation, TransactionKind kind, TransactionHolder holder, ILocalSymbol? local, IOperation? usingOperation, IOperation? declarator)
    {
        Operation = operation;
        Kind = kind;
        Holder = holder;
        Local = local;
        UsingOperation = usingOperation;
        Declarator = declarator;
    }

    /// <summary>The begin call or the <c>new TransactionScope(...)</c>.</summary>
    public IOperation Operation { get; }

    public TransactionKind Kind { get; }

    public TransactionHolder Holder { get; }

    public ILocalSymbol? Local { get; }

    /// <summary>The <c>using</c> statement or declaration that disposes it, when there is one.</summary>
    public IOperation? UsingOperation { get; }

    /// <summary>The declarator of <see cref="Local"/> when the begin call is its initializer.</summary>
    public IOperation? Declarator { get; }

    /// <summary>True when the operation begins a transaction (what <see cref="Find"/> collects), without describing it.</summary>
    [MethodImpl(Jit.Optimized)]
    public static bool IsStart(IOperation operation, TransactionApis apis) => operation switch
    {
        IInvocationOperation invocation => apis.Data.BeginKind(invocation.TargetMethod) != TransactionKind.None || IsWrapperStart(invocation, apis),
        IObjectCreationOperation creation => apis.Data.IsTransactionScope(creation.Type) || IsWrapperStart(creation, apis),
        _ => false,
    };

    /// <summary>
    /// The project's own transaction wrapper: a call or creation named in <c>transactions.scopes</c>, or, without
    /// configuration, a <c>TransactionScope</c>-like disposable (committing on <c>Complete</c>/<c>Commit</c>) that a
    /// <c>using</c> holds. This runs on every call of every member, so the syntax test comes before the type's.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static bool IsWrapperStart(IOperation operation, TransactionApis apis)
        => apis.Data.IsConfiguredWrapper(operation) || (IsHeldByUsing(operation) && apis.Data.IsCommittingDisposableResult(operation));

    /// <summary><c>using var x = begin;</c>, <c>using (var x = begin)</c>, <c>using (begin)</c>, awaited or not.</summary>
    [MethodImpl(Jit.Optimized)]
    private static bool IsHeldByUsing(IOperation begin)
    {
        var parent = TransactionOperations.ValueOf(begin).Parent;
        if (parent is IUsingOperation)
        {
            return true;
        }

        // initializer -> declarator -> declaration -> declaration group -> using
        return parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
               && declarator.Parent?.Parent?.Parent is IUsingDeclarationOperation or IUsingOperation;
    }

    /// <summary>True when some operation of the blocks (lambdas and local functions included) begins a transaction.</summary>
    [MethodImpl(Jit.Optimized)]
    public static bool AnyStart(ImmutableArray<IOperation> blocks, TransactionApis apis)
        => TransactionOperations.Count(blocks, [MethodImpl(Jit.Optimized)] static (operation, apis) => IsStart(operation, apis), apis, enough: 1) > 0;

    /// <summary>
    /// The transaction starts of a member: begin calls, <c>TransactionScope</c> creations, and the project's own
    /// transaction wrappers (<see cref="IsWrapperStart"/>), kind <see cref="TransactionKind.Wrapper"/>.
    /// </summary>
    public static List<TransactionStart> Find(IEnumerable<IOperation> operations, TransactionApis apis)
    {
        var starts = new List<TransactionStart>();
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var kind = apis.Data.BeginKind(invocation.TargetMethod);
                    if (kind != TransactionKind.None)
                    {
                        starts.Add(Create(invocation, kind));
                    }
                    else if (IsWrapperStart(invocation, apis))
                    {
                        starts.Add(Create(invocation, TransactionKind.Wrapper));
                    }

                    break;
                case IObjectCreationOperation creation when apis.Data.IsTransactionScope(creation.Type):
                    starts.Add(Create(creation, TransactionKind.TransactionScope));
                    break;
                case IObjectCreationOperation creation when IsWrapperStart(creation, apis):
                    starts.Add(Create(creation, TransactionKind.Wrapper));
                    break;
            }
        }

        return starts;
    }

    private static TransactionStart Create(IOperation begin, TransactionKind kind)
    {
        var value = TransactionOperations.ValueOf(begin);
        switch (value.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                var group = declarator.Parent?.Parent;
                return group?.Parent switch
                {
                    IUsingDeclarationOperation usingDeclaration => new(begin, kind, TransactionHolder.UsingDeclaration, declarator.Symbol, usingDeclaration, declarator),
                    IUsingOperation usingStatement => new(begin, kind, TransactionHolder.UsingStatement, declarator.Symbol, usingStatement, declarator),
                    _ => new(begin, kind, TransactionHolder.Local, declarator.Symbol, null, declarator),
                };

            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                return Operations.Unwrap(assignment.Target, UnwrapOptions.Implicit) switch
                {
                    ILocalReferenceOperation local => new(begin, kind, TransactionHolder.Local, local.Local, null, null),
                    IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation => new(begin, kind, TransactionHolder.Transferred, null, null, null),
                    _ => new(begin, kind, TransactionHolder.Unknown, null, null, null),
                };

            case IReturnOperation:
                return new(begin, kind, TransactionHolder.Transferred, null, null, null);

            case IExpressionStatementOperation:
                return new(begin, kind, TransactionHolder.Discarded, null, null, null);

            case IUsingOperation usingStatement:
                return new(begin, kind, TransactionHolder.UsingStatement, null, usingStatement, null);

            default:
                return new(begin, kind, TransactionHolder.Unknown, null, null, null);
        }
    }
}
