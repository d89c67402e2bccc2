using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Transactions;

/// <summary>
/// AG5004: a transaction from <c>Database.BeginTransaction(Async)</c> or an ADO.NET connection's
/// <c>BeginTransaction(Async)</c> that is not disposed (no <c>using</c>/<c>await using</c>, no
/// <c>Dispose</c> in a <c>finally</c>), or on which the method never calls <c>Commit(Async)</c>.
/// "Not committed" needs a write in the member (a read-only snapshot transaction loses nothing).
/// A transaction returned or stored in a field/property/parameter belongs to its new owner (silent);
/// so does one passed to a method of this solution, which may commit it. An explicit
/// <c>Rollback</c> outside a <c>catch</c> marks a deliberate rollback-only transaction (silent).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TransactionLifetimeAnalyzer : ArchGateAnalyzer
{
    public const string ProblemProperty = "problem";
    public const string NotDisposed = "notDisposed";
    public const string NotCommitted = "notCommitted";

    /// <summary>Property naming the safe fix for <see cref="NotDisposed"/>: <c>using</c> or <c>awaitUsing</c>; absent when none is safe.</summary>
    public const string FixProperty = "fix";
    public const string FixUsing = "using";
    public const string FixAwaitUsing = "awaitUsing";

    public static readonly DiagnosticDescriptor TransactionNotDisposedOrCommitted = Rules.Create(
        RuleIdentifiers.TransactionNotDisposedOrCommitted,
        "Transaction not disposed or not committed",
        "Transaction {0} is never {1} in '{2}' (every transaction is committed when the work succeeds and disposed on every path; {3}); {4}",
        RuleCategories.Transactions,
        DiagnosticSeverity.Warning,
        "A transaction that is not disposed keeps its connection and its locks until the garbage collector finalizes it; one that is never committed is rolled back when it is disposed, silently discarding the work. Declare it with 'using' and call Commit after the last write.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(TransactionNotDisposedOrCommitted);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var apis = TransactionApis.Create(start);
            if (apis.Known.DatabaseFacade is null && apis.Known.DbConnection is null && apis.Known.IDbConnection is null)
            {
                return;
            }

            // Every transaction this rule checks comes from a BeginTransaction(Async) call, whose name is
            // spelled in the file that holds it.
            var filter = new TreeTextFilter("BeginTransaction");
            start.RegisterOperationBlockAction([MethodImpl(Jit.Optimized)] (c) =>
            {
                if (filter.MayContain(c.OperationBlocks))
                {
                    Analyze(c, apis);
                }
            });
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationBlockAnalysisContext context, TransactionApis apis)
    {
        List<IOperation>? all = null;
        foreach (var block in context.OperationBlocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation invocation && apis.Data.BeginKind(invocation.TargetMethod) != TransactionKind.None)
                {
                    all = TransactionOperations.AllOperations(context.OperationBlocks).ToList();
                    break;
                }
            }

            if (all is not null)
            {
                break;
            }
        }

        if (all is null)
        {
            return;
        }

        foreach (var start in TransactionStart.Find(all, apis))
        {
            if (start.Kind is TransactionKind.EFCore or TransactionKind.AdoNet)
            {
                Check(context, apis, start, all);
            }
        }
    }

    [MethodImpl(Jit.Optimized)]
    private static void Check(OperationBlockAnalysisContext context, TransactionApis apis, TransactionStart start, List<IOperation> all)
    {
        var use = start.Local is null ? default : Uses.Of(start.Local, all, apis);
        if (use.Transferred)
        {
            return;
        }

        var efCommit = false;
        var efRollback = false;
        if (start.Kind == TransactionKind.EFCore)
        {
            foreach (var operation in all)
            {
                if (operation is IInvocationOperation invocation
                    && KnownSymbols.IsOrInheritsFrom(Operations.DeclaredReceiver(invocation.TargetMethod), apis.Known.DatabaseFacade))
                {
                    switch (invocation.TargetMethod.Name)
                    {
                        case "CommitTransaction" or "CommitTransactionAsync":
                            efCommit = true;
                            break;
                        case "RollbackTransaction" or "RollbackTransactionAsync" when !TransactionOperations.IsInCatch(invocation):
                            efRollback = true;
                            break;
                    }
                }
            }
        }

        bool disposed;
        bool committed;
        switch (start.Holder)
        {
            case TransactionHolder.UsingDeclaration:
            case TransactionHolder.UsingStatement:
                disposed = true;
                committed = use.Committed || use.RolledBackOnPurpose || efCommit || efRollback;
                break;
            case TransactionHolder.Local:
                disposed = use.Disposed;
                committed = use.Committed || use.RolledBackOnPurpose || efCommit || efRollback;
                break;
            case TransactionHolder.Discarded when start.Kind == TransactionKind.EFCore:
                // The context owns the current transaction and disposes it; only the commit is the caller's.
                disposed = true;
                committed = efCommit || efRollback;
                break;
            case TransactionHolder.Discarded:
                disposed = true; // one diagnostic is enough: nothing can commit (or dispose) a discarded ADO.NET transaction
                committed = false;
                break;
            default:
                return;
        }

        var display = TransactionApis.Display((IInvocationOperation)start.Operation);
        var name = start.Local is null
            ? "from '" + display + "' (result " + (start.Holder == TransactionHolder.Discarded ? "discarded" : "not kept") + ")"
            : "'" + start.Local.Name + "' from '" + display + "'";
        var owner = TransactionOperations.MemberName(context.OwningSymbol);

        if (!disposed)
        {
            var properties = BaseProperties(start, display, owner);
            properties[ProblemProperty] = NotDisposed;
            var fix = FixFor(context, apis, start, use);
            if (fix is not null)
            {
                properties[FixProperty] = fix;
            }

            context.ReportDiagnostic(DiagnosticProperties.Create(TransactionNotDisposedOrCommitted, start.Operation.Syntax.GetLocation(), properties,
                name, "disposed", owner,
                "an undisposed transaction keeps its connection and locks until the garbage collector finalizes it",
                "declare it with 'using' ('await using' in async code) or dispose it in a finally block"));
        }

        if (!committed && !use.MaybeCommittedElsewhere && Writes(all, apis))
        {
            var properties = BaseProperties(start, display, owner);
            properties[ProblemProperty] = NotCommitted;
            var what = start.Local is null && start.Kind == TransactionKind.AdoNet
                ? "keep the transaction in a 'using' variable and call Commit()/CommitAsync() on it after the last write"
                : start.Kind == TransactionKind.EFCore && start.Local is null
                    ? "call Database.CommitTransaction()/CommitTransactionAsync() after the last write"
                    : "call Commit()/CommitAsync() on it after the last write (roll back in the catch), or return it to a caller that commits";
            context.ReportDiagnostic(DiagnosticProperties.Create(TransactionNotDisposedOrCommitted, start.Operation.Syntax.GetLocation(), properties,
                name, "committed", owner,
                "an uncommitted transaction is rolled back when it is disposed, silently losing the work",
                what));
        }
    }

    /// <summary>
    /// True when the member writes, so a missing commit loses work: SaveChanges, an <c>Execute*</c>
    /// command (not a reader; EF <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>/<c>ExecuteSql*</c>, ADO.NET
    /// <c>ExecuteNonQuery</c>/<c>ExecuteScalar</c>, Dapper <c>Execute*</c>), or a method of this solution
    /// whose name says it writes (<c>Save*</c>, <c>Commit*</c>, <c>Insert*</c>, <c>Update*</c>,
    /// <c>Delete*</c>, <c>Remove*</c>, <c>Add*</c>, <c>Upsert*</c>, <c>Write*</c>, <c>Persist*</c>,
    /// <c>Store*</c>, <c>Execute*</c>). A read-only transaction (a consistent snapshot for reports) that
    /// is never committed loses nothing.
    /// </summary>
    private static bool Writes(List<IOperation> all, TransactionApis apis)
    {
        foreach (var operation in all)
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            var method = invocation.TargetMethod;
            var name = method.Name;
            if (apis.Data.IsDbContextSave(method))
            {
                return true;
            }

            if (name.StartsWith("Execute", System.StringComparison.Ordinal)
                && name.IndexOf("Reader", System.StringComparison.Ordinal) < 0
                && !apis.Repetition.IsExecutionStrategyRun(method))
            {
                return true;
            }

            if (method.Locations.Any(l => l.IsInSource) && WriteVerbs.Any(v => name.StartsWith(v, System.StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] WriteVerbs =
    {
        "Save", "Commit", "Insert", "Update", "Delete", "Remove", "Add", "Upsert", "Write", "Persist", "Store",
    };

    private static ImmutableDictionary<string, string?>.Builder BaseProperties(TransactionStart start, string display, string owner)
    {
        var properties = DiagnosticProperties.For(TransactionNotDisposedOrCommitted, symbol: start.Operation is IInvocationOperation call ? Operations.SymbolText(call.TargetMethod) : display);
        properties["method"] = display;
        properties["transaction"] = start.Local?.Name;
        properties["containingMember"] = owner;
        properties["transactionKind"] = start.Kind == TransactionKind.EFCore ? "efcore" : "adonet";
        return properties;
    }

    /// <summary>
    /// <c>using</c> / <c>awaitUsing</c> when adding the keyword to the declaration is safe: a single
    /// declarator in a local declaration directly in a block, never reassigned.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static string? FixFor(OperationBlockAnalysisContext context, TransactionApis apis, TransactionStart start, Uses use)
    {
        if (start.Declarator?.Syntax is not VariableDeclaratorSyntax
            {
                Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement },
            }
            || use.Reassigned
            || statement.UsingKeyword != default
            || !(statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax))
        {
            return null;
        }

        if (!apis.IsAsyncDisposable(start.Local!.Type))
        {
            return FixUsing;
        }

        var function = Operations.EnclosingFunction(start.Operation);
        var isAsync = function switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
            ILocalFunctionOperation local => local.Symbol.IsAsync,
            _ => context.OwningSymbol is IMethodSymbol { IsAsync: true },
        };
        if (!isAsync && function is null && statement.Parent is GlobalStatementSyntax)
        {
            isAsync = TransactionOperations.ValueOf(start.Operation) is IAwaitOperation;
        }

        return isAsync ? FixAwaitUsing : FixUsing;
    }

    /// <summary>What a method does with a transaction local.</summary>
    private struct Uses
    {
        public bool Committed;
        public bool Disposed;
        public bool Transferred;
        public bool RolledBackOnPurpose;
        public bool MaybeCommittedElsewhere;
        public bool Reassigned;

        public static Uses Of(ILocalSymbol local, List<IOperation> all, TransactionApis apis)
        {
            var uses = default(Uses);
            var writes = 0;
            foreach (var operation in all)
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                IOperation value = reference;
                while (value.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    value = value.Parent;
                }

                var parent = value.Parent;
                if (parent is IConditionalAccessOperation conditional && conditional.Operation == value)
                {
                    // tx?.Dispose(): the call is the WhenNotNull part, on the conditional instance.
                    parent = conditional.WhenNotNull;
                    value = parent is IInvocationOperation { Instance: { } instance } ? instance : value;
                }

                switch (parent)
                {
                    case IInvocationOperation invocation when invocation.Instance == value:
                        switch (invocation.TargetMethod.Name)
                        {
                            case "Commit" or "CommitAsync":
                                uses.Committed = true;
                                break;
                            case "Dispose" or "DisposeAsync" when TransactionOperations.IsInFinally(invocation):
                                uses.Disposed = true;
                                break;
                            case "Rollback" or "RollbackAsync" when !TransactionOperations.IsInCatch(invocation):
                                uses.RolledBackOnPurpose = true;
                                break;
                        }

                        break;

                    case IReturnOperation:
                        uses.Transferred = true;
                        break;

                    case ISimpleAssignmentOperation assignment when assignment.Target == value:
                        writes++;
                        break;

                    case ISimpleAssignmentOperation assignment when assignment.Value == value:
                        if (Operations.Unwrap(assignment.Target, UnwrapOptions.Implicit) is IFieldReferenceOperation or IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } or IParameterReferenceOperation or ILocalReferenceOperation)
                        {
                            uses.Transferred = true;
                        }

                        break;

                    case IUsingOperation:
                        uses.Disposed = true;
                        break;

                    case IVariableInitializerOperation:
                        uses.Transferred = true; // aliased by another local (using var t = tx; ...): not followed
                        break;

                    case IArgumentOperation argument:
                        if (argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out })
                        {
                            writes++;
                        }

                        switch (argument.Parent)
                        {
                            case IObjectCreationOperation creation when !apis.Known.IsAdoCommand(creation.Type):
                                uses.Transferred = true;
                                break;
                            case IInvocationOperation call when call.TargetMethod.Locations.Any(l => l.IsInSource):
                                uses.MaybeCommittedElsewhere = true;
                                break;
                        }

                        break;

                    case ITupleOperation or IArrayInitializerOperation or IAnonymousObjectCreationOperation or IPropertyInitializerOperation or IMemberInitializerOperation:
                        uses.Transferred = true;
                        break;
                }
            }

            uses.Reassigned = writes > 0;
            return uses;
        }
    }
}
