using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Queries;

/// <summary>
/// AG4003: <c>.Result</c>, <c>.Wait()</c> or <c>.GetAwaiter().GetResult()</c> on a task returned by
/// an EF Core, Dapper or ADO.NET async call (directly or through a local initialized with it).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingOnAsyncDataAccessAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor BlockingOnAsyncDataAccess = Rules.Create(
        RuleIdentifiers.BlockingOnAsyncDataAccess,
        "Blocking on async data access",
        "'{0}' blocks the thread until the async database call '{1}' completes; never block on async data access, it starves the thread pool and can deadlock (ArchGate.Queries, AG4003). {2}.",
        RuleCategories.Queries,
        DiagnosticSeverity.Warning,
        "Blocking on a task from EF Core, Dapper or ADO.NET (.Result, .Wait(), .GetAwaiter().GetResult()) holds a thread for the whole round trip and can deadlock under a synchronization context. Await the task, making the caller async if needed.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(BlockingOnAsyncDataAccess);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var facts = new QueryFacts(ArchGateContext.Create(start));
            if (!facts.HasDataAccess)
            {
                return;
            }

            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => AnalyzeResult(c, facts), OperationKind.PropertyReference);
            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => AnalyzeCall(c, facts), OperationKind.Invocation);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeResult(OperationAnalysisContext context, QueryFacts facts)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        if (reference.Property.Name != "Result" || !facts.Data.IsTaskLike(reference.Property.ContainingType) || reference.Instance is null)
        {
            return;
        }

        Report(context, facts, reference, reference.Instance, ".Result", fixableShape: true);
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeCall(OperationAnalysisContext context, QueryFacts facts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (invocation.Instance is null)
        {
            return;
        }

        if (method.Name == "Wait" && facts.Data.IsTaskLike(method.ContainingType))
        {
            Report(context, facts, invocation, invocation.Instance, ".Wait()", fixableShape: method.Parameters.Length == 0);
            return;
        }

        if (method.Name == "GetResult"
            && Operations.Unwrap(invocation.Instance, UnwrapOptions.Conversions) is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited })
        {
            var task = Operations.Unwrap(awaited, UnwrapOptions.Conversions);
            if (task is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                task = configured;
            }

            if (task is not null && facts.Data.IsTaskLike(task.Type))
            {
                Report(context, facts, invocation, awaited, ".GetAwaiter().GetResult()", fixableShape: true, taskForCheck: task);
            }
        }
    }

    [MethodImpl(Jit.Optimized)]
    private static void Report(OperationAnalysisContext context, QueryFacts facts, IOperation blocking, IOperation task, string how, bool fixableShape, IOperation? taskForCheck = null)
    {
        var call = DataAccessCall(facts, taskForCheck ?? task);
        if (call is null)
        {
            return;
        }

        var function = Operations.EnclosingFunctionSymbol(blocking, context.ContainingSymbol);
        var isAsync = function is { IsAsync: true };
        var fixable = isAsync && fixableShape && QueryFacts.CanAwaitAt(blocking.Syntax);
        var advice = isAsync
            ? "Await the task instead"
            : function is null
                ? "Await the task from an async method instead"
                : "Make " + QueryFacts.DescribeFunction(function, context.ContainingSymbol) + " async and await the task instead";

        var properties = DiagnosticProperties.For(BlockingOnAsyncDataAccess, symbol: Operations.SymbolText(call.TargetMethod));
        properties.Add("method", QueryFacts.Display(call.TargetMethod));
        properties.Add("blocking", how);
        properties.Add("fixable", fixable ? "true" : "false");

        context.ReportDiagnostic(DiagnosticProperties.Create(
            BlockingOnAsyncDataAccess,
            blocking.Syntax.GetLocation(),
            properties,
            how,
            QueryFacts.Display(call.TargetMethod),
            advice));
    }

    /// <summary>The async data-access call that produced the task, directly or through a local's initializer.</summary>
    private static IInvocationOperation? DataAccessCall(QueryFacts facts, IOperation task)
    {
        var value = Operations.Unwrap(task, UnwrapOptions.Conversions);
        if (value is ILocalReferenceOperation local)
        {
            // A task stored in a local and also awaited or passed on (Task.WhenAll) is completed
            // by the time .Result runs: only a local used once, here, is a blocking wait.
            if (Operations.CountReferences(local) != 1)
            {
                return null;
            }

            value = Operations.Unwrap(Operations.InitializerOf(local.Local, local.SemanticModel), UnwrapOptions.Conversions);
        }

        if (value is IInvocationOperation { TargetMethod.Name: "AsTask", Instance: { } inner })
        {
            value = Operations.Unwrap(inner, UnwrapOptions.Conversions);
        }

        return value is IInvocationOperation invocation && facts.Data.IsAsyncDataAccess(invocation.TargetMethod) ? invocation : null;
    }
}
