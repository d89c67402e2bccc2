using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers;

/// <summary>
/// The construct that runs an operation once per element: a loop body, or a lambda that an in-memory
/// per-element operator calls (<c>Select</c>, <c>List.ForEach</c>, <c>Parallel.ForEach</c>...).
/// Found by <see cref="RepetitionModel.Find"/>.
/// </summary>
internal sealed class Repetition
{
    private Repetition(ILoopOperation? loop, IAnonymousFunctionOperation? lambda, IInvocationOperation? perElementCall)
    {
        Loop = loop;
        Lambda = lambda;
        PerElementCall = perElementCall;
    }

    /// <summary>The loop whose body repeats the operation (null for a per-element lambda).</summary>
    public ILoopOperation? Loop { get; }

    /// <summary>The lambda run per element (null for a loop).</summary>
    public IAnonymousFunctionOperation? Lambda { get; }

    /// <summary>The per-element operator the lambda is passed to.</summary>
    public IInvocationOperation? PerElementCall { get; }

    /// <summary>The body that runs once per element.</summary>
    public IOperation? Body => Loop?.Body ?? Lambda?.Body;

    /// <summary><c>Enumerable.Select</c>, <c>List.ForEach</c>, <c>Parallel.ForEach</c>; null for a loop.</summary>
    public string? Operator
    {
        get
        {
            if (PerElementCall is null)
            {
                return null;
            }

            var method = PerElementCall.TargetMethod.ReducedFrom ?? PerElementCall.TargetMethod;
            return method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;
        }
    }

    /// <summary><c>a 'foreach' loop</c>, <c>an 'await foreach' loop</c>, <c>a 'for' loop</c>, <c>a 'while' loop</c>, <c>a 'do' loop</c>; null for a lambda.</summary>
    public string? LoopDescription => Loop switch
    {
        null => null,
        IForEachLoopOperation { IsAsynchronous: true } => "an 'await foreach' loop",
        IForEachLoopOperation => "a 'foreach' loop",
        IForLoopOperation => "a 'for' loop",
        IWhileLoopOperation { ConditionIsTop: false } => "a 'do' loop",
        IWhileLoopOperation => "a 'while' loop",
        _ => "a loop",
    };

    internal static Repetition OfLoop(ILoopOperation loop) => new(loop, null, null);

    internal static Repetition OfLambda(IAnonymousFunctionOperation lambda, IInvocationOperation call) => new(null, lambda, call);
}

/// <summary>
/// The one answer to "does this operation run once per element?", used by every rule that cares
/// (AG4001 round trips, AG5002 saves). Per element:
/// <list type="bullet">
/// <item>the body of a <c>foreach</c>/<c>await foreach</c> (not its collection), of a <c>for</c> loop with a
/// condition (not its initializers), of a <c>while</c>/<c>do</c> loop whose condition drains data
/// (<c>reader.Read()</c>, <c>MoveNext</c>, <c>TryDequeue</c>, a <c>Count</c>/<c>Length</c>) or counts
/// (<c>i &lt; n</c>, <c>++n &lt; 3</c>);</item>
/// <item>a lambda passed to an in-memory per-element operator: LINQ to objects (<c>Enumerable</c>,
/// <c>AsyncEnumerable</c>, <c>ParallelEnumerable</c>: <c>Select</c>, and <c>Task.WhenAll(items.Select(...))</c>
/// through it), <c>List</c>/<c>Array</c> <c>ForEach</c>, <c>ConvertAll</c>, <c>Find*</c>, <c>Exists</c>...,
/// <c>Parallel.For/ForEach(Async)</c>. A lambda an EF Core execution strategy runs right away is seen through.</item>
/// </list>
/// Not per element (the operation runs at most once per loop, or per batch, or per tick):
/// <list type="bullet">
/// <item>polling and worker loops: <c>while (true)</c>, <c>for (;;)</c>, <c>while (!token.IsCancellationRequested)</c>,
/// <c>while (await timer.WaitForNextTickAsync())</c>, <c>WaitToReadAsync</c>; and state loops whose condition
/// neither drains nor counts (<c>while (!saved)</c>, <c>while (hasMore)</c>): retry and paging loops;</item>
/// <item>batching: a <c>foreach</c> over <c>Chunk</c>/<c>Batch</c>/<c>Buffer</c>/<c>Partition</c>; an operation under
/// <c>if (++n % 500 == 0)</c> or <c>if (batch.Count &gt;= 100)</c> (a batch declared outside the loop); a query
/// paged with <c>Take</c>/<c>Skip</c> in a <c>while</c>/<c>do</c> loop;</item>
/// <item>leaving the loop right after: part of a <c>return</c>/<c>throw</c>, or followed by <c>break</c>/<c>return</c>/<c>throw</c>;
/// inside a <c>try</c> with a <c>catch</c> in a non-foreach loop (a retry loop);</item>
/// <item>memoized: <c>x ??= await ...</c>, or <c>if (x == null) x = await ...</c> with <c>x</c> declared outside the loop;</item>
/// <item>inside an expression tree, a local function, or a lambda that is not run per element (stored, run later).</item>
/// </list>
/// The innermost loop or lambda decides.
/// </summary>
internal sealed class RepetitionModel
{
    private readonly INamedTypeSymbol? _enumerable;
    private readonly INamedTypeSymbol? _asyncEnumerable;
    private readonly INamedTypeSymbol? _parallelEnumerable;
    private readonly INamedTypeSymbol? _list;
    private readonly INamedTypeSymbol? _array;
    private readonly INamedTypeSymbol? _parallel;
    private readonly INamedTypeSymbol? _executionStrategy;
    private readonly INamedTypeSymbol? _executionStrategyExtensions;

    public RepetitionModel(KnownSymbols known)
    {
        _enumerable = known.Enumerable;
        _asyncEnumerable = known.Get("System.Linq.AsyncEnumerable");
        _parallelEnumerable = known.Get("System.Linq.ParallelEnumerable");
        _list = known.Get("System.Collections.Generic.List`1");
        _array = known.Get("System.Array");
        _parallel = known.Get("System.Threading.Tasks.Parallel");
        _executionStrategy = known.Get("Microsoft.EntityFrameworkCore.Storage.IExecutionStrategy");
        _executionStrategyExtensions = known.Get("Microsoft.EntityFrameworkCore.ExecutionStrategyExtensions");
        LambdaExpression = known.Get("System.Linq.Expressions.LambdaExpression");
    }

    /// <summary><c>System.Linq.Expressions.LambdaExpression</c>: a lambda converted to it is an expression tree.</summary>
    public INamedTypeSymbol? LambdaExpression { get; }

    /// <summary>
    /// Cheap pre-check: false when no loop or lambda encloses the operation in its own function, so
    /// <see cref="Find"/> would return null.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool MayRepeat(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case ILoopOperation:
                case IAnonymousFunctionOperation:
                    return true;
                case ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The construct that runs <paramref name="operation"/> once per element, or null (see the class summary).</summary>
    [MethodImpl(Jit.Optimized)]
    public Repetition? Find(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILocalFunctionOperation:
                    return null;

                case IAnonymousFunctionOperation lambda:
                {
                    if (Operations.IsExpressionTree(lambda, LambdaExpression))
                    {
                        return null;
                    }

                    var invoked = Operations.InvokedWith(lambda);
                    if (invoked is null)
                    {
                        return null;
                    }

                    if (IsPerElementOperator(invoked.TargetMethod))
                    {
                        return IsMemoized(operation, lambda, lambda.Body) ? null : Repetition.OfLambda(lambda, invoked);
                    }

                    // An execution strategy runs its lambda right away: keep looking outside it.
                    if (IsExecutionStrategyRun(invoked.TargetMethod))
                    {
                        continue;
                    }

                    return null;
                }

                case ILoopOperation loop:
                    if (!IsPerIteration(loop, child))
                    {
                        continue;
                    }

                    return RepeatsPerElement(operation, loop) ? Repetition.OfLoop(loop) : null;
            }
        }

        return null;
    }

    /// <summary><c>Execute</c>/<c>ExecuteAsync</c>/<c>ExecuteInTransaction(Async)</c> of an EF Core execution strategy: the lambda runs right away.</summary>
    public bool IsExecutionStrategyRun(IMethodSymbol method)
    {
        if (!method.Name.StartsWith("Execute", StringComparison.Ordinal))
        {
            return false;
        }

        var m = method.ReducedFrom ?? method;
        return Same(m.ContainingType, _executionStrategyExtensions) || KnownSymbols.IsOrInheritsFrom(m.ContainingType, _executionStrategy);
    }

    /// <summary>Methods that call their delegate argument once per element of an in-memory sequence.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsPerElementOperator(IMethodSymbol method)
    {
        var m = method.ReducedFrom ?? method;
        var type = m.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return false;
        }

        if (Same(type, _enumerable) || Same(type, _asyncEnumerable) || Same(type, _parallelEnumerable))
        {
            return true;
        }

        if (Same(type, _list))
        {
            return m.Name is "ForEach" or "ConvertAll" or "FindAll" or "Find" or "FindLast" or "FindIndex" or "FindLastIndex" or "Exists" or "TrueForAll" or "RemoveAll";
        }

        if (Same(type, _array))
        {
            return m.Name is "ForEach" or "ConvertAll" or "FindAll" or "Find" or "FindLast" or "FindIndex" or "FindLastIndex" or "Exists" or "TrueForAll";
        }

        return Same(type, _parallel) && m.Name is "ForEach" or "ForEachAsync" or "For" or "ForAsync";
    }

    private static bool IsPerIteration(ILoopOperation loop, IOperation child) => loop switch
    {
        IForEachLoopOperation forEach => child != forEach.Collection && child != forEach.LoopControlVariable,
        IForLoopOperation forLoop => !Operations.IsAnyOf(child, forLoop.Before),
        _ => true,
    };

    private static bool RepeatsPerElement(IOperation operation, ILoopOperation loop)
    {
        switch (loop)
        {
            case IForEachLoopOperation forEach when IsOverBatches(forEach):
            case IForLoopOperation { Condition: null }:
            case IWhileLoopOperation whileLoop when !DrainsOrCounts(whileLoop.Condition):
                return false;
        }

        if (LeavesLoopAfter(operation, loop)
            || (loop is not IForEachLoopOperation && IsInTryWithCatch(operation, loop))
            || IsBatchGuarded(operation, loop)
            || IsMemoized(operation, loop, loop.Body))
        {
            return false;
        }

        return !(loop is IWhileLoopOperation && IsPaged(operation));
    }

    /// <summary>
    /// True when a while/do condition reads elements (<c>Read</c>, <c>MoveNext</c>, <c>TryDequeue</c>...,
    /// a <c>Count</c>/<c>Length</c>) or counts (a relational comparison, an increment), and is not a
    /// polling condition (<c>true</c>, <c>IsCancellationRequested</c>, <c>WaitForNextTickAsync</c>, <c>WaitToReadAsync</c>).
    /// </summary>
    private static bool DrainsOrCounts(IOperation? condition)
    {
        if (condition is null || condition.ConstantValue is { HasValue: true, Value: true })
        {
            return false;
        }

        var drains = false;
        foreach (var node in condition.DescendantsAndSelf())
        {
            switch (node)
            {
                case IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" }:
                case IInvocationOperation { TargetMethod.Name: "WaitForNextTickAsync" or "WaitToReadAsync" }:
                    return false;
                case IInvocationOperation { TargetMethod.Name: "Read" or "ReadAsync" or "MoveNext" or "MoveNextAsync" or "TryDequeue" or "TryPop" or "TryTake" or "TryRead" or "Dequeue" or "Pop" or "Count" or "Any" }:
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length" }:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual }:
                case IIncrementOrDecrementOperation:
                    drains = true;
                    break;
            }
        }

        return drains;
    }

    /// <summary><c>foreach (var batch in items.Chunk(500))</c>: each iteration handles one batch.</summary>
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

    /// <summary>True when the operation is part of a return/throw, or a <c>break</c>/<c>return</c>/<c>throw</c> follows it in its block.</summary>
    private static bool LeavesLoopAfter(IOperation operation, ILoopOperation loop)
    {
        // A return inside a lambda leaves the lambda, not the loop: start above the outermost lambda.
        var start = operation;
        for (var parent = operation.Parent; parent is not null && parent != loop; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation)
            {
                start = parent;
            }
        }

        var child = start;
        for (var parent = start.Parent; parent is not null && parent != loop; child = parent, parent = parent.Parent)
        {
            if (parent is IReturnOperation or IThrowOperation)
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

    private static bool IsInTryWithCatch(IOperation operation, IOperation loop)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null && parent != loop; child = parent, parent = parent.Parent)
        {
            if (parent is ITryOperation tryOperation && child == tryOperation.Body && !tryOperation.Catches.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every N elements: the operation is under an <c>if</c> whose condition takes a remainder
    /// (<c>++n % 500 == 0</c>) or tests the Count/Length of a batch declared outside the loop body.
    /// </summary>
    private static bool IsBatchGuarded(IOperation operation, ILoopOperation loop)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null && parent != loop; child = parent, parent = parent.Parent)
        {
            if (parent is not IConditionalOperation conditional || child == conditional.Condition)
            {
                continue;
            }

            foreach (var node in conditional.Condition.DescendantsAndSelf())
            {
                switch (node)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder }:
                        return true;
                    case IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength" } property
                        when IsDeclaredOutside(Operations.ReferencedSymbol(property.Instance), loop.Body):
                        return true;
                    case IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" } count
                        when IsDeclaredOutside(Operations.ReferencedSymbol(Operations.Receiver(count)), loop.Body):
                        return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when the operation's value is cached in a variable that outlives the loop and it only runs
    /// while that variable is empty: <c>x ??= await ...</c>, or <c>if (x == null) { x = await ...; }</c>.
    /// </summary>
    private static bool IsMemoized(IOperation operation, IOperation repetition, IOperation? body)
    {
        ISymbol? cached = null;
        var child = operation;
        for (var parent = operation.Parent; parent is not null && parent != repetition; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ICoalesceAssignmentOperation coalesce when child == coalesce.Value:
                    return IsDeclaredOutside(CacheVariable(coalesce.Target), body);
                case ISimpleAssignmentOperation assignment when child == assignment.Value && cached is null:
                    cached = CacheVariable(assignment.Target);
                    break;
                case IConditionalOperation conditional when cached is not null && child == conditional.WhenTrue:
                    if (TestsIsNull(conditional.Condition, cached))
                    {
                        return IsDeclaredOutside(cached, body);
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// The variable an assignment caches into, when it is the same storage on every iteration: a local, a
    /// parameter, or a field/property of <c>this</c> or a static one (not <c>order.Customer</c>: one per element).
    /// </summary>
    private static ISymbol? CacheVariable(IOperation target) => Operations.Unwrap(target, UnwrapOptions.Conversions) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => property.Property,
        _ => null,
    };

    /// <summary><c>x == null</c>, <c>x is null</c>, <c>null == x</c>, <c>x == default</c> (possibly in an <c>||</c>).</summary>
    private static bool TestsIsNull(IOperation condition, ISymbol symbol)
    {
        switch (Operations.Unwrap(condition, UnwrapOptions.Implicit))
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                return TestsIsNull(or.LeftOperand, symbol) || TestsIsNull(or.RightOperand, symbol);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                return (IsNull(equals.RightOperand) && SameSymbol(Operations.ReferencedSymbol(equals.LeftOperand), symbol))
                       || (IsNull(equals.LeftOperand) && SameSymbol(Operations.ReferencedSymbol(equals.RightOperand), symbol));
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern:
                return IsNull(constant.Value) && SameSymbol(Operations.ReferencedSymbol(pattern.Value), symbol);
            default:
                return false;
        }

        static bool IsNull(IOperation value)
            => Operations.Unwrap(value, UnwrapOptions.Conversions) is { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation;

        static bool SameSymbol(ISymbol? a, ISymbol b) => SymbolEqualityComparer.Default.Equals(a, b);
    }

    /// <summary>A field, property or parameter, or a local declared outside <paramref name="body"/>: it keeps its value across iterations.</summary>
    private static bool IsDeclaredOutside(ISymbol? symbol, IOperation? body)
    {
        switch (symbol)
        {
            case IFieldSymbol or IPropertySymbol or IParameterSymbol:
                return true;
            case ILocalSymbol local when body is not null:
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == body.Syntax.SyntaxTree && body.Syntax.Span.Contains(reference.Span))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>True when the query the operation runs is paged (<c>Take</c>/<c>Skip</c> in its chain): a batch loop.</summary>
    private static bool IsPaged(IOperation operation)
    {
        var current = operation;
        for (var depth = 0; depth < 32 && Operations.Unwrap(current, UnwrapOptions.Conversions) is IInvocationOperation call; depth++)
        {
            if (call.TargetMethod.Name is "Take" or "Skip" or "TakeWhile" or "SkipWhile")
            {
                return true;
            }

            current = Operations.Receiver(call);
        }

        return false;
    }

    [MethodImpl(Jit.Optimized)]
    private static bool Same(ITypeSymbol? a, ITypeSymbol? b)
        => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition);
}
