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
    public static readonly DiagnosticDescriptor RoundTripInLoop = Rules.Create(
        RuleIdentifiers.RoundTripInLoop,
        "Database round trip inside a loop (N+1)",
        "'{0}' goes to the database once per iteration of {1}: N+1 round trips; query shape forbids a round trip per element (ArchGate.Queries, AG4001). Instead, {2}.",
        RuleCategories.Queries,
        DiagnosticSeverity.Warning,
        "A query, command or repository call inside a loop, or inside a lambda applied to each element of an in-memory sequence, costs one database round trip per element. Load all the rows in one query before the loop (Contains over the keys, a join or Include, a projection) and look them up in memory.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RoundTripInLoop);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var archGate = ArchGateContext.Create(start);
            var facts = new QueryFacts(archGate);
            if (!facts.HasDataAccess && !facts.Data.HasRepositories)
            {
                return;
            }

            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => AnalyzeInvocation(c, facts), OperationKind.Invocation);
            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => AnalyzeForEach(c, facts), OperationKind.Loop);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeInvocation(OperationAnalysisContext context, QueryFacts facts)
    {
        var invocation = (IInvocationOperation)context.Operation;

        // Cheap early rejection: without a loop or lambda around the call in its own function, nothing repeats it.
        if (!RepetitionModel.MayRepeat(invocation))
        {
            return;
        }

        var kind = facts.Data.Classify(invocation);

        // A save in a loop belongs to ArchGate.Transactions (AG5002); opening a connection is not a query.
        if (kind is DbCallKind.None or DbCallKind.Save or DbCallKind.AdoOpen)
        {
            return;
        }

        // The one repetition model shared with AG5002 decides whether the call runs once per element.
        var repetition = facts.Repetition.Find(invocation);
        if (repetition is null)
        {
            return;
        }

        // A message processor (outbox, inbox, queued commands): per element, the body does the element's own
        // I/O and then writes its status. That write is not an N+1 read, and one write for all keys before the
        // loop would change what a crash re-runs.
        if (IsWrite(invocation, kind) && DoesOtherAwaitedWork(repetition.Body, invocation, facts))
        {
            return;
        }

        Report(context, QueryFacts.NameAndArgumentsLocation(invocation), QueryFacts.Display(invocation.TargetMethod), Operations.SymbolText(invocation.TargetMethod), kind, repetition);
    }

    /// <summary>An <c>await foreach</c> / <c>foreach</c> over a database query, itself inside a loop.</summary>
    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeForEach(OperationAnalysisContext context, QueryFacts facts)
    {
        if (context.Operation is not IForEachLoopOperation forEach || !RepetitionModel.MayRepeat(forEach))
        {
            return;
        }

        var collection = Operations.Unwrap(forEach.Collection, UnwrapOptions.Conversions);
        if (collection is IInvocationOperation { TargetMethod.Name: "AsAsyncEnumerable" } asAsync)
        {
            collection = Operations.Receiver(asAsync);
        }

        if (collection is null || !facts.Data.IsDatabaseQuery(collection))
        {
            return;
        }

        var repetition = facts.Repetition.Find(forEach);
        if (repetition is null)
        {
            return;
        }

        var call = "foreach over " + QueryFacts.Compact(collection.Syntax);
        Report(context, forEach.Collection.Syntax.GetLocation(), call, call, DbCallKind.EfQuery, repetition);
    }

    [MethodImpl(Jit.Optimized)]
    private static void Report(OperationAnalysisContext context, Location location, string call, string symbol, DbCallKind kind, Repetition repetition)
    {
        var loop = Describe(repetition);
        var properties = DiagnosticProperties.For(RoundTripInLoop, kind == DbCallKind.Repository ? "repositories" : null, symbol);
        properties["method"] = call;
        properties["kind"] = kind.ToString();
        properties["loop"] = loop;
        context.ReportDiagnostic(DiagnosticProperties.Create(RoundTripInLoop, location, properties, call, loop, Advice(kind, call)));
    }

    /// <summary><c>a 'foreach' loop</c>, <c>the lambda passed to 'Select'</c>, <c>the lambda passed to 'List.ForEach'</c>.</summary>
    private static string Describe(Repetition repetition)
    {
        if (repetition.LoopDescription is { } loop)
        {
            return loop;
        }

        var method = repetition.PerElementCall!.TargetMethod;
        var type = (method.ReducedFrom ?? method).ContainingType?.Name;

        // LINQ operators are named alone (Select); the other per-element methods with their type (List.ForEach).
        return "the lambda passed to '" + (type is "Enumerable" or "AsyncEnumerable" or "ParallelEnumerable" ? method.Name : repetition.Operator) + "'";
    }

    /// <summary>
    /// A call that writes rather than reads: <c>ExecuteUpdate/ExecuteDelete(Async)</c>, <c>Database.ExecuteSql*</c>,
    /// Dapper <c>Execute(Async)</c>, <c>ExecuteNonQuery(Async)</c>, or an approved repository's method named as a write
    /// (<c>Update*</c>, <c>Mark*</c>, <c>Set*</c>, <c>Delete*</c>, <c>Remove*</c>, <c>Insert*</c>, <c>Add*</c>, <c>Upsert*</c>, <c>Complete*</c>).
    /// </summary>
    private static bool IsWrite(IInvocationOperation invocation, DbCallKind kind)
    {
        var name = (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).Name;
        return kind switch
        {
            DbCallKind.EfQuery => name.StartsWith("ExecuteUpdate", StringComparison.Ordinal) || name.StartsWith("ExecuteDelete", StringComparison.Ordinal),
            DbCallKind.EfRawSql => true,
            DbCallKind.Dapper => name is "Execute" or "ExecuteAsync",
            DbCallKind.AdoCommand => name.StartsWith("ExecuteNonQuery", StringComparison.Ordinal),
            DbCallKind.Repository => StartsWithAny(name, WriteVerbs),
            _ => false,
        };
    }

    private static readonly string[] WriteVerbs = { "Update", "Mark", "Set", "Delete", "Remove", "Insert", "Add", "Upsert", "Complete" };

    private static bool StartsWithAny(string name, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the repeated body also awaits something other than this call and other database writes (the element's own work).</summary>
    private static bool DoesOtherAwaitedWork(IOperation? body, IInvocationOperation write, QueryFacts facts)
    {
        if (body is null)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is not IAwaitOperation awaited || Operations.IsWithin(write, awaited))
            {
                continue;
            }

            var value = Operations.Unwrap(awaited.Operation, UnwrapOptions.Conversions);
            if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure)
            {
                value = Operations.Unwrap(configure.Instance, UnwrapOptions.Conversions);
            }

            if (value is not IInvocationOperation call)
            {
                return true;
            }

            var kind = facts.Data.Classify(call);
            if (kind is DbCallKind.None || !IsWrite(call, kind))
            {
                return true;
            }
        }

        return false;
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
}
