using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Transactions;

/// <summary>
/// AG5003: two or more <c>SaveChanges(Async)</c> calls in one method body (calls in different lambdas
/// or local functions are counted separately) and no explicit transaction anywhere in the member:
/// <c>Database.BeginTransaction(Async)</c>, <c>DbConnection.BeginTransaction(Async)</c>,
/// <c>new TransactionScope(...)</c>, <c>Database.UseTransaction</c>, or an execution strategy's
/// <c>Execute*</c>. Reported once per body, on the second call. Calls on exclusive paths
/// (<c>if</c>/<c>else</c>, switch sections, try/catch, a save followed by <c>return</c>) do not count.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SeveralSaveChangesAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor SeveralSaveChangesWithoutTransaction = Rules.Create(
        RuleIdentifiers.SeveralSaveChangesWithoutTransaction,
        "Several SaveChanges in one method without an explicit transaction",
        "'{0}' is the second save in '{1}' (the first is at line {2}) and no explicit transaction spans them, so a failure here leaves the changes saved at line {2} committed and the use case half done (one use case, one commit); save once at the end, or wrap both in a transaction (Database.BeginTransaction inside an execution strategy, or a TransactionScope)",
        RuleCategories.Transactions,
        DiagnosticSeverity.Warning,
        "Every SaveChanges is its own transaction. Two of them in one operation commit in two steps: when the second fails, the first stays committed. Save once, or make the transaction explicit.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SeveralSaveChangesWithoutTransaction);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var apis = TransactionApis.Create(start);
            if (!apis.HasSaves)
            {
                return;
            }

            // A save call spells its method name in the file that holds it: members of files that never
            // mention SaveChanges (or, with approved repositories, Save*/Commit*) cannot have two saves.
            var filter = apis.Data.HasRepositories ? new TreeTextFilter("Save", "Commit") : new TreeTextFilter("SaveChanges");
            start.RegisterOperationBlockAction([MethodImpl(Jit.Optimized)] (c) =>
            {
                // Only a body with two saves can be reported: most bodies of those files have one or none.
                if (filter.MayContain(c.OperationBlocks)
                    && TransactionOperations.Count(c.OperationBlocks, [MethodImpl(Jit.Optimized)] static (operation, apis) => operation is IInvocationOperation invocation && apis.Data.IsSave(invocation.TargetMethod), apis, enough: 2) >= 2)
                {
                    Analyze(c, apis);
                }
            });
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationBlockAnalysisContext context, TransactionApis apis)
    {
        // Saves grouped by the body they run in: the member itself (key: the block) or a lambda/local function.
        Dictionary<IOperation, List<IInvocationOperation>>? groups = null;
        foreach (var operation in TransactionOperations.AllOperations(context.OperationBlocks))
        {
            switch (operation)
            {
                case IInvocationOperation invocation when apis.Data.IsSave(invocation.TargetMethod):
                    if (apis.Data.IsOwnDbContextSave(context.OwningSymbol))
                    {
                        return; // a DbContext's own SaveChanges override
                    }

                    var key = Operations.EnclosingFunction(invocation) ?? Operations.Root(invocation);
                    groups ??= new Dictionary<IOperation, List<IInvocationOperation>>();
                    if (!groups.TryGetValue(key, out var list))
                    {
                        groups[key] = list = new List<IInvocationOperation>();
                    }

                    list.Add(invocation);
                    break;

                case IInvocationOperation invocation when apis.Data.BeginKind(invocation.TargetMethod) != TransactionKind.None
                                                          || apis.IsOtherExplicitTransaction(invocation.TargetMethod):
                    return;

                case IObjectCreationOperation creation when apis.Data.IsTransactionScope(creation.Type):
                    return;

                // The project's own transaction wrapper (transactions.scopes, or a disposable committing on Complete/Commit).
                case IInvocationOperation or IObjectCreationOperation when apis.Data.IsWrapperBegin(operation):
                    return;
            }
        }

        if (groups is null)
        {
            return;
        }

        foreach (var pair in groups)
        {
            var calls = pair.Value;
            if (calls.Count < 2)
            {
                continue;
            }

            calls.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
            Report(context, calls, apis);
        }
    }

    [MethodImpl(Jit.Optimized)]
    private static void Report(OperationBlockAnalysisContext context, List<IInvocationOperation> calls, TransactionApis apis)
    {
        for (var j = 1; j < calls.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (AreExclusive(calls[i], calls[j]) || IsNoOpSave(calls[i]) || NothingStagedBetween(calls[i], calls[j], apis))
                {
                    continue;
                }

                var first = calls[i];
                var second = calls[j];
                var method = TransactionApis.Display(second);
                var owner = TransactionOperations.MemberName(context.OwningSymbol);
                var firstLine = TransactionOperations.Line(first).ToString(CultureInfo.InvariantCulture);
                var properties = DiagnosticProperties.For(SeveralSaveChangesWithoutTransaction, symbol: Operations.SymbolText(second.TargetMethod));
                properties["method"] = method;
                properties["containingMember"] = owner;
                properties["firstCallLine"] = firstLine;
                context.ReportDiagnostic(DiagnosticProperties.Create(SeveralSaveChangesWithoutTransaction, second.Syntax.GetLocation(), properties,
                    ImmutableArray.Create(first.Syntax.GetLocation()), method, owner, firstLine));
                return;
            }
        }
    }

    /// <summary>
    /// True for a first save on a context created in this method with nothing done to it before the save
    /// (<c>using var db = factory.CreateDbContext(); db.SaveChanges();</c>): it commits nothing.
    /// </summary>
    private static bool IsNoOpSave(IInvocationOperation save)
    {
        if (Operations.Receiver(save, UnwrapOptions.Implicit) is not ILocalReferenceOperation receiver
            || receiver.Local.DeclaringSyntaxReferences.Length != 1
            || Operations.InitializerOf(receiver.Local, save.SemanticModel) is not { } initializer)
        {
            return false;
        }

        var created = Operations.Unwrap(initializer, UnwrapOptions.Conversions);
        if (created is IAwaitOperation awaited)
        {
            created = Operations.Unwrap(awaited.Operation, UnwrapOptions.Conversions);
        }

        if (created is not (IObjectCreationOperation or IInvocationOperation { TargetMethod.Name: "CreateDbContext" or "CreateDbContextAsync" }))
        {
            return false;
        }

        var declared = receiver.Local.DeclaringSyntaxReferences[0].Span.End;
        foreach (var operation in Operations.Root(save).Descendants())
        {
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, receiver.Local)
                && reference.Syntax.SpanStart > declared
                && reference.Syntax.SpanStart < receiver.Syntax.SpanStart)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when nothing between two saves on the same receiver can stage a change: no reference to the
    /// receiver, no assignment to a field or property (a tracked entity), and no call into the solution's
    /// own code, EF Core or a repository. The second save then commits nothing.
    /// </summary>
    private static bool NothingStagedBetween(IInvocationOperation first, IInvocationOperation second, TransactionApis apis)
    {
        var receiver = Operations.ReferencedSymbol(Operations.Receiver(first, UnwrapOptions.Implicit));
        if (receiver is null
            || !SymbolEqualityComparer.Default.Equals(receiver, Operations.ReferencedSymbol(Operations.Receiver(second, UnwrapOptions.Implicit)))
            || Operations.EnclosingFunction(first) != Operations.EnclosingFunction(second))
        {
            return false;
        }

        var start = first.Syntax.Span.End;
        var end = second.Syntax.SpanStart;
        foreach (var operation in Operations.Root(first).Descendants())
        {
            var at = operation.Syntax.SpanStart;
            if (at <= start || at >= end || Operations.IsWithin(operation, first) || Operations.IsWithin(operation, second))
            {
                continue;
            }

            switch (operation)
            {
                case IAssignmentOperation { Target: IMemberReferenceOperation }:
                case IIncrementOrDecrementOperation { Target: IMemberReferenceOperation }:
                    return false;
                case IInvocationOperation call:
                    var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
                    if (method.Locations.Any(l => l.IsInSource) || KnownSymbols.IsInEFCoreNamespace(method) || apis.Data.Classify(call) != DbCallKind.None)
                    {
                        return false;
                    }

                    break;
                default:
                    if (SymbolEqualityComparer.Default.Equals(Operations.ReferencedSymbol(operation), receiver))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// True when at most one of two saves can run: different branches of an <c>if</c>/<c>switch</c>,
    /// a try body against its catch, or the first followed by <c>return</c>/<c>throw</c>/<c>break</c>/<c>continue</c>.
    /// </summary>
    private static bool AreExclusive(IOperation first, IOperation second)
    {
        var ancestors = new HashSet<IOperation>();
        for (var current = first; current is not null; current = current.Parent)
        {
            ancestors.Add(current);
        }

        IOperation? secondChild = second;
        var common = second.Parent;
        while (common is not null && !ancestors.Contains(common))
        {
            secondChild = common;
            common = common.Parent;
        }

        if (common is null)
        {
            return false;
        }

        IOperation? firstChild = null;
        for (IOperation current = first; current != common; current = current.Parent!)
        {
            firstChild = current;
            if (current.Parent is IReturnOperation)
            {
                return true;
            }

            if (current.Parent is IBlockOperation block && block != common && HasExitAfter(block, current, null))
            {
                return true;
            }
        }

        switch (common)
        {
            case IConditionalOperation conditional:
                return firstChild != conditional.Condition && secondChild != conditional.Condition;
            case ISwitchOperation:
            case ISwitchExpressionOperation:
            case ITryOperation:
                return true;
            case IBlockOperation block when firstChild is not null:
                return HasExitAfter(block, firstChild, secondChild);
            default:
                return false;
        }
    }

    private static bool HasExitAfter(IBlockOperation block, IOperation after, IOperation? before)
    {
        var seen = false;
        foreach (var statement in block.Operations)
        {
            if (statement == before)
            {
                return false;
            }

            if (seen && !statement.IsImplicit && statement is IReturnOperation or IBranchOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation })
            {
                return true;
            }

            seen |= statement == after;
        }

        return false;
    }
}
