using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Transactions;

/// <summary>
/// AG5002: <c>SaveChanges(Async)</c> inside the body of a <c>for</c>/<c>foreach</c>/<c>while</c>/<c>do</c>
/// loop, or inside a lambda run once per element (LINQ, <c>List.ForEach</c>, <c>Parallel.*</c>), in the
/// same method. Silent for the patterns where each iteration is deliberately its own unit of work:
/// a retry loop (the save sits in a <c>try</c> with a <c>catch</c>, in a non-foreach loop), a save
/// followed by leaving the loop, batching (<c>if (++n % 500 == 0)</c>, <c>if (batch.Count &gt;= N)</c>),
/// a DbContext created inside the loop body, and polling/consumer loops (<c>while (true)</c>,
/// <c>for (;;)</c>, <c>while (!token.IsCancellationRequested)</c>, <c>PeriodicTimer</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SaveChangesInLoopAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Rules.Create(
        RuleIdentifiers.SaveChangesInLoop,
        "SaveChanges inside a loop",
        "'{0}' is called inside {1}, so every element is committed on its own: one round trip and one transaction per element, and a failure leaves the earlier elements saved (a unit of work commits once); stage the changes in the loop and call {0} once after it (in batches of N if the set is large)",
        RuleCategories.Transactions,
        DiagnosticSeverity.Warning,
        "Each SaveChanges is a database round trip and its own transaction. Inside a loop that is N round trips and N commits: slow, and a failure at element k leaves elements 1..k-1 committed. Add or modify the entities in the loop and save once afterwards.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var apis = TransactionApis.Create(start.Compilation);
            if (!apis.HasEFCore)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, apis), OperationKind.Invocation);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, TransactionApis apis)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!apis.IsSaveChanges(invocation.TargetMethod))
        {
            return;
        }

        var where = FindLoop(invocation, apis);
        if (where is null)
        {
            return;
        }

        var method = TransactionApis.Display(invocation);
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add("rule", "saveChangesInLoop")
            .Add("method", method)
            .Add("loop", where);
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), properties, method, where));
    }

    /// <summary>A description of the per-element construct around the call ("a foreach loop"), or null.</summary>
    private static string? FindLoop(IInvocationOperation call, TransactionApis apis)
    {
        IOperation child = call;
        for (var parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILocalFunctionOperation:
                    return null;

                case IAnonymousFunctionOperation lambda:
                    var invoked = InvokedWith(lambda);
                    if (invoked is null)
                    {
                        return null;
                    }

                    var perElement = apis.PerElementMethodName(invoked);
                    if (perElement is not null)
                    {
                        return IsOwnUnitOfWork(call, lambda, apis) ? null : "a lambda run per element by '" + perElement + "'";
                    }

                    // An execution strategy runs its lambda right away: keep looking outside it.
                    if (!apis.IsExecutionStrategyRun(invoked))
                    {
                        return null;
                    }

                    break;

                case ILoopOperation loop:
                    if (!IsPerIteration(loop, child))
                    {
                        break;
                    }

                    if (IsExempt(call, loop, apis))
                    {
                        return null;
                    }

                    return Describe(loop);
            }
        }

        return null;
    }

    private static IMethodSymbol? InvokedWith(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        if (parent is IDelegateCreationOperation)
        {
            parent = parent.Parent;
        }

        if (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation invocation } ? invocation.TargetMethod : null;
    }

    /// <summary>True when <paramref name="child"/> runs on every iteration (not the foreach collection, not the for initializers).</summary>
    private static bool IsPerIteration(ILoopOperation loop, IOperation child)
    {
        switch (loop)
        {
            case IForEachLoopOperation forEach:
                return child != forEach.Collection && child != forEach.LoopControlVariable;
            case IForLoopOperation forLoop:
                foreach (var before in forLoop.Before)
                {
                    if (child == before)
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static string Describe(ILoopOperation loop) => loop switch
    {
        IForEachLoopOperation { IsAsynchronous: true } => "an 'await foreach' loop",
        IForEachLoopOperation => "a 'foreach' loop",
        IForLoopOperation => "a 'for' loop",
        IWhileLoopOperation { ConditionIsTop: false } => "a 'do' loop",
        IWhileLoopOperation => "a 'while' loop",
        _ => "a loop",
    };

    private static bool IsExempt(IInvocationOperation call, ILoopOperation loop, TransactionApis apis)
    {
        if (loop is IWhileLoopOperation whileLoop && IsPollingLoop(whileLoop))
        {
            return true;
        }

        if (loop is IForLoopOperation { Condition: null })
        {
            return true; // for (;;): a consumer loop, like while (true)
        }

        if (loop is IForEachLoopOperation forEach && IsOverBatches(forEach))
        {
            return true;
        }

        if (loop is not IForEachLoopOperation && IsInTryWithCatch(call, loop))
        {
            return true; // retry loop: save, catch the concurrency/transient failure, try again
        }

        return LeavesLoopAfter(call, loop) || IsBatched(call, loop) || IsOwnUnitOfWork(call, loop, apis);
    }

    /// <summary><c>while (true)</c>, <c>while (!token.IsCancellationRequested)</c>, <c>while (await timer.WaitForNextTickAsync())</c>: each pass is a new unit of work.</summary>
    private static bool IsPollingLoop(IWhileLoopOperation loop)
    {
        var condition = loop.Condition;
        if (condition is null)
        {
            return true;
        }

        if (condition.ConstantValue is { HasValue: true, Value: true })
        {
            return true;
        }

        foreach (var node in condition.DescendantsAndSelf())
        {
            if (node is IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" })
            {
                return true;
            }

            if (node is IInvocationOperation { TargetMethod.Name: "WaitForNextTickAsync" or "WaitToReadAsync" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>foreach (var batch in items.Chunk(500))</c>: each iteration saves one batch.</summary>
    private static bool IsOverBatches(IForEachLoopOperation loop)
    {
        foreach (var node in loop.Collection.DescendantsAndSelf())
        {
            if (node is IInvocationOperation { TargetMethod.Name: "Chunk" or "Batch" or "Buffer" or "Partition" })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInTryWithCatch(IOperation call, IOperation loop)
    {
        IOperation child = call;
        for (var parent = call.Parent; parent is not null && parent != loop; child = parent, parent = parent.Parent)
        {
            if (parent is ITryOperation tryOperation && child == tryOperation.Body && !tryOperation.Catches.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a <c>break</c>/<c>return</c>/<c>throw</c> follows the save in its block: the loop saves at most once.</summary>
    private static bool LeavesLoopAfter(IOperation call, ILoopOperation loop)
    {
        // A return inside a lambda leaves the lambda, not the loop: start above the outermost lambda.
        IOperation start = call;
        for (var parent = call.Parent; parent is not null && parent != loop; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation)
            {
                start = parent;
            }
        }

        IOperation child = start;
        for (var parent = start.Parent; parent is not null && parent != loop; child = parent, parent = parent.Parent)
        {
            if (parent is IReturnOperation)
            {
                return true;
            }

            if (parent is IBlockOperation block)
            {
                var seen = false;
                foreach (var statement in block.Operations)
                {
                    if (seen && IsExit(statement, loop))
                    {
                        return true;
                    }

                    seen |= statement == child;
                }
            }
        }

        return false;
    }

    private static bool IsExit(IOperation statement, ILoopOperation loop) => !statement.IsImplicit && statement switch
    {
        IReturnOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IThrowOperation => true,
        IBranchOperation { BranchKind: BranchKind.Break } branch => SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel),
        _ => false,
    };

    /// <summary>Saving every N elements: the save is under an <c>if</c> testing a remainder or a Count/Length.</summary>
    private static bool IsBatched(IOperation call, IOperation loop)
    {
        IOperation child = call;
        for (var parent = call.Parent; parent is not null && parent != loop; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && child != conditional.Condition)
            {
                foreach (var node in conditional.Condition.DescendantsAndSelf())
                {
                    switch (node)
                    {
                        case IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder }:
                        case IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength" }:
                        case IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" }:
                            return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>True when the DbContext saved is a local declared inside the loop (or lambda): each pass has its own context.</summary>
    private static bool IsOwnUnitOfWork(IInvocationOperation call, IOperation loop, TransactionApis apis)
    {
        if (TransactionApis.Receiver(call) is not ILocalReferenceOperation local)
        {
            return false;
        }

        var body = loop switch
        {
            ILoopOperation l => l.Body,
            IAnonymousFunctionOperation f => f.Body,
            _ => null,
        };
        if (body is null)
        {
            return false;
        }

        foreach (var syntaxReference in local.Local.DeclaringSyntaxReferences)
        {
            if (body.Syntax.Span.Contains(syntaxReference.Span))
            {
                return apis.Known.IsDbContext(local.Local.Type);
            }
        }

        return false;
    }
}
