using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Queries;

/// <summary>
/// AG4001: a call that goes to the database (EF Core executing operator, Find, ExecuteUpdate/Delete,
/// ExecuteSql, Dapper, DbCommand.Execute*, an approved repository's method) inside a loop body or a
/// lambda applied per element of an in-memory sequence: one round trip per element (N+1).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RoundTripInLoopAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = Rules.Create(
        RuleIdentifiers.RoundTripInLoop,
        "Database round trip inside a loop (N+1)",
        "'{0}' goes to the database once per iteration of {1}: N+1 round trips; query shape forbids a round trip per element (ArchGate.Queries, AG4001). Instead, {2}.",
        RuleCategories.Queries,
        DiagnosticSeverity.Warning,
        "A query, command or repository call inside a loop, or inside a lambda applied to each element of an in-memory sequence, costs one database round trip per element. Load all the rows in one query before the loop (Contains over the keys, a join or Include, a projection) and look them up in memory.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var archGate = ArchGateContext.Create(start);
            var facts = new QueryFacts(KnownSymbols.For(start.Compilation), archGate);
            if (!facts.HasDataAccess && archGate.Config.Repositories.Interfaces.IsEmpty && archGate.Config.Repositories.Implementations.IsEmpty)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, facts), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeForEach(c, facts), OperationKind.Loop);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeInvocation(OperationAnalysisContext context, QueryFacts facts)
    {
        var invocation = (IInvocationOperation)context.Operation;

        // Cheap early rejection: without a loop or lambda between the call and its enclosing
        // function, EnclosingRepetition can only return null, so there is nothing to classify.
        if (!MayRepeat(invocation))
        {
            return;
        }

        var kind = facts.Classify(invocation);

        // SaveChanges in a loop belongs to ArchGate.Transactions; opening a connection is not a query.
        if (kind is DbCallKind.None or DbCallKind.SaveChanges or DbCallKind.AdoOpen)
        {
            return;
        }

        var loop = EnclosingRepetition(invocation, facts, out var isConditionLoop);
        if (loop is null || (isConditionLoop && IsBatched(invocation)))
        {
            return;
        }

        Report(context, QueryFacts.NameAndArgumentsLocation(invocation), QueryFacts.Display(invocation.TargetMethod), kind, loop);
    }

    /// <summary>An <c>await foreach</c> / <c>foreach</c> over a database query, itself inside a loop.</summary>
    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeForEach(OperationAnalysisContext context, QueryFacts facts)
    {
        if (context.Operation is not IForEachLoopOperation forEach)
        {
            return;
        }

        var collection = QueryFacts.Unwrap(forEach.Collection);
        if (collection is IInvocationOperation { TargetMethod.Name: "AsAsyncEnumerable" } asAsync)
        {
            collection = QueryFacts.FirstArgument(asAsync);
        }

        if (!facts.IsEfRooted(collection))
        {
            return;
        }

        var loop = EnclosingRepetition(forEach, facts, out _);
        if (loop is null || collection is null)
        {
            return;
        }

        Report(context, forEach.Collection.Syntax.GetLocation(), "foreach over " + QueryFacts.Compact(collection.Syntax), DbCallKind.EfQuery, loop);
    }

    private static void Report(OperationAnalysisContext context, Location location, string call, DbCallKind kind, string loop)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add("rule", RuleIdentifiers.RoundTripInLoop);
        properties.Add("method", call);
        properties.Add("kind", kind.ToString());
        properties.Add("loop", loop);
        if (kind == DbCallKind.Repository)
        {
            properties.Add("configPath", "repositories");
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, location, properties.ToImmutable(), call, loop, Advice(kind, call)));
    }

    private static string Advice(DbCallKind kind, string call)
    {
        if (call.StartsWith("ExecuteUpdate", StringComparison.Ordinal) || call.StartsWith("ExecuteDelete", StringComparison.Ordinal))
        {
            return "run one set-based ExecuteUpdate/ExecuteDelete over a query that selects all the rows (Contains over the keys)";
        }

        return kind switch
        {
            DbCallKind.Repository => "add a repository method that loads all the rows in one call (for example taking the list of keys) and call it once before the loop (approved repositories: archgate.json repositories)",
            DbCallKind.Dapper or DbCallKind.AdoCommand or DbCallKind.EfRawSql => "run one statement for all the keys before the loop (WHERE Id IN @ids with Dapper, a table-valued parameter or a join) and look the rows up in memory",
            _ => "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory",
        };
    }

    /// <summary>
    /// Describes the repetition that runs <paramref name="operation"/> once per element: a loop body
    /// (<c>foreach loop</c>...) or a lambda applied per element (<c>lambda passed to 'Select'</c>);
    /// null when there is none in the same function, or the code is in an expression tree.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static string? EnclosingRepetition(IOperation operation, QueryFacts facts, out bool isConditionLoop)
    {
        isConditionLoop = false;
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IForEachLoopOperation forEach:
                    if (child == forEach.Collection)
                    {
                        continue;
                    }

                    // foreach over ids.Chunk(500): one query per batch is the batched form.
                    if (QueryFacts.Unwrap(forEach.Collection) is IInvocationOperation { TargetMethod.Name: "Chunk" or "Batch" })
                    {
                        return null;
                    }

                    return RunsOncePerLoop(operation.Syntax, forEach.Syntax) ? null : forEach.IsAsynchronous ? "an 'await foreach' loop" : "a 'foreach' loop";
                case IForLoopOperation forLoop:
                    if (forLoop.Before.Contains(child))
                    {
                        continue;
                    }

                    return RunsOncePerLoop(operation.Syntax, forLoop.Syntax) ? null : "a 'for' loop";
                case IWhileLoopOperation whileLoop:
                    isConditionLoop = true;

                    // A polling or worker loop (timer ticks, `while (true)`, until cancelled) repeats in
                    // time, not per element: only a loop that drains data (reader, enumerator, queue) counts.
                    if (!DrainsData(whileLoop.Condition))
                    {
                        return null;
                    }

                    return RunsOncePerLoop(operation.Syntax, whileLoop.Syntax) ? null : whileLoop.ConditionIsTop ? "a 'while' loop" : "a 'do' loop";
                case ILoopOperation loop:
                    return RunsOncePerLoop(operation.Syntax, loop.Syntax) ? null : "a loop";
                case IAnonymousFunctionOperation lambda:
                    if (facts.IsExpressionTree(lambda))
                    {
                        return null;
                    }

                    var target = PerElementCall(lambda);
                    return target is null ? null : "the lambda passed to '" + target + "'";
                case ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// False when no loop or anonymous function encloses <paramref name="operation"/> before a local
    /// function or the root: <see cref="EnclosingRepetition"/> then returns null whatever the call is.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static bool MayRepeat(IOperation operation)
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

    /// <summary>
    /// True when a while/do condition reads elements: it calls Read/ReadAsync/MoveNext(Async)/
    /// TryDequeue/TryPop/TryTake/TryRead/Dequeue/Pop, or tests a Count/Length.
    /// </summary>
    private static bool DrainsData(IOperation? condition)
    {
        if (condition is null)
        {
            return false;
        }

        foreach (var operation in condition.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "Read" or "ReadAsync" or "MoveNext" or "MoveNextAsync" or "TryDequeue" or "TryPop" or "TryTake" or "TryRead" or "Dequeue" or "Pop" }:
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length" }:
                case IInvocationOperation { TargetMethod.Name: "Count" or "Any" }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the call leaves the loop right after it runs, so it runs once per loop, not per
    /// element: it is part of a <c>return</c>/<c>throw</c>, or its statement is followed by
    /// <c>break</c>/<c>return</c>/<c>throw</c> (retry loops, find-the-first loops).
    /// </summary>
    private static bool RunsOncePerLoop(SyntaxNode call, SyntaxNode loop)
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax? statement = null;
        for (var node = call.Parent; node is not null && node != loop; node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ThrowStatementSyntax)
            {
                return true;
            }

            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax s)
            {
                statement = s;
                break;
            }
        }

        if (statement?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax block)
        {
            var index = block.Statements.IndexOf(statement);
            if (index >= 0 && index + 1 < block.Statements.Count
                && block.Statements[index + 1] is Microsoft.CodeAnalysis.CSharp.Syntax.BreakStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ThrowStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name of the in-memory per-element operator a lambda is passed to (<c>Select</c>, <c>ForEach</c>), or null.</summary>
    private static string? PerElementCall(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (parent is not IArgumentOperation { Parent: IInvocationOperation invocation })
        {
            return null;
        }

        var method = invocation.TargetMethod;
        var type = (method.ReducedFrom ?? method).ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return null;
        }

        var typeName = type.ToDisplayString();
        switch (typeName)
        {
            case "System.Linq.Enumerable":
            case "System.Linq.AsyncEnumerable":
            case "System.Linq.ParallelEnumerable":
                return method.Name;
            case "System.Collections.Generic.List<T>":
                return method.Name is "ForEach" or "ConvertAll" or "FindAll" or "Find" or "FindLast" or "Exists" or "TrueForAll" or "RemoveAll" ? "List." + method.Name : null;
            case "System.Array":
                return method.Name is "ForEach" or "ConvertAll" or "FindAll" or "Find" or "Exists" or "TrueForAll" ? "Array." + method.Name : null;
            case "System.Threading.Tasks.Parallel":
                return method.Name is "ForEach" or "ForEachAsync" or "For" or "ForAsync" ? "Parallel." + method.Name : null;
            default:
                return null;
        }
    }

    /// <summary>True when the executed query is paged (Take/Skip in its chain): a batch loop, not N+1.</summary>
    private static bool IsBatched(IInvocationOperation invocation)
    {
        IOperation? current = invocation;
        for (var depth = 0; depth < 32 && QueryFacts.Unwrap(current) is IInvocationOperation call; depth++)
        {
            if (call.TargetMethod.Name is "Take" or "Skip" or "TakeWhile" or "SkipWhile")
            {
                return true;
            }

            current = QueryFacts.FirstArgument(call);
        }

        return false;
    }
}
