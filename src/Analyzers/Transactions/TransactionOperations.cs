using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Transactions;

/// <summary>Operation-tree helpers shared by the transaction rules (intra-procedural, no data flow).</summary>
internal static class TransactionOperations
{
    /// <summary>Every operation of a member's bodies, nested lambdas and local functions included.</summary>
    public static IEnumerable<IOperation> AllOperations(IEnumerable<IOperation> blocks)
    {
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                yield return operation;
            }
        }
    }

    /// <summary>
    /// How many operations of the blocks (lambdas and local functions included: the operations
    /// <see cref="AllOperations"/> yields) match, counting up to <paramref name="enough"/>. No iterator, no
    /// allocation: the cheap first pass that lets most members skip a rule's real analysis.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static int Count<TState>(ImmutableArray<IOperation> blocks, Func<IOperation, TState, bool> match, TState state, int enough)
    {
        // Pooled: it runs for every member of the compilation, and a stack allocated per member cost this pass
        // 0.16 s in a traced build, against 0.004 s reused (docs/performance.md, seventh round).
        var stack = s_stacks.Rent();
        foreach (var block in blocks)
        {
            stack.Push(block);
        }

        var count = 0;
        while (stack.Count > 0)
        {
            var operation = stack.Pop();
            if (match(operation, state) && ++count >= enough)
            {
                break;
            }

            foreach (var child in operation.ChildOperations)
            {
                stack.Push(child);
            }
        }

        stack.Clear(); // no operation (nor its compilation) stays reachable from the pool
        s_stacks.Return(stack);
        return count;
    }

    private static readonly Pool<Stack<IOperation>> s_stacks = new(static () => new Stack<IOperation>(64), capacity: 16);

    /// <summary>
    /// Climbs from a call to the operation that consumes its value: through <c>await</c>,
    /// <c>ConfigureAwait</c>, implicit conversions and parentheses.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static IOperation ValueOf(IOperation call)
    {
        var current = call;
        while (current.Parent is { } parent)
        {
            if (parent is IAwaitOperation
                || parent is IConversionOperation { IsImplicit: true }
                || parent is IParenthesizedOperation
                || (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == current))
            {
                current = parent;
                continue;
            }

            return current;
        }

        return current;
    }

    /// <summary>True when the operation lies in a <c>catch</c> clause of its own function.</summary>
    public static bool IsInCatch(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ICatchClauseOperation)
            {
                return true;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>True when the operation lies in a <c>finally</c> block.</summary>
    public static bool IsInFinally(IOperation operation)
    {
        IOperation child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is ITryOperation tryOperation && child == tryOperation.Finally)
            {
                return true;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The local a method is called on: <c>tx.Commit()</c> and <c>tx?.Commit()</c>; null otherwise.</summary>
    public static ILocalSymbol? InstanceLocal(IInvocationOperation invocation)
    {
        var instance = invocation.Instance;
        if (instance is IConditionalAccessInstanceOperation)
        {
            for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation conditional)
                {
                    instance = conditional.Operation;
                    break;
                }
            }
        }

        return instance is null ? null : (Operations.Unwrap(instance, UnwrapOptions.Implicit) as ILocalReferenceOperation)?.Local;
    }

    /// <summary>The member's name for messages; "top-level statements" for the synthesized entry point.</summary>
    public static string MemberName(ISymbol symbol)
        => symbol.Name == "<Main>$" ? "top-level statements" : symbol.Name;

    /// <summary>The 1-based line of an operation, for messages.</summary>
    public static int Line(IOperation operation)
        => operation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
}
