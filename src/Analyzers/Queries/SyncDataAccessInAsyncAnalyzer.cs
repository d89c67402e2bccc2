using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Queries;

/// <summary>
/// AG4002: a synchronous database call (EF Core operator, SaveChanges, Find, Dapper, DbCommand.Execute*,
/// DbConnection.Open) inside an async method, lambda or local function when an async counterpart exists.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncDataAccessInAsyncAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor SyncDataAccessInAsync = Rules.Create(
        RuleIdentifiers.SyncDataAccessInAsync,
        "Synchronous data access in an async method",
        "'{0}' is a synchronous database call inside async {1} and blocks a thread while the database answers; async code uses the async data-access API (ArchGate.Queries, AG4002). Use 'await {2}'{3} instead.",
        RuleCategories.Queries,
        DiagnosticSeverity.Warning,
        "A synchronous EF Core operator, SaveChanges, Find, Dapper call, DbCommand.Execute* or DbConnection.Open inside an async method holds a thread-pool thread for the whole round trip. Await the async counterpart and pass the CancellationToken in scope.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SyncDataAccessInAsync);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var facts = new QueryFacts(ArchGateContext.Create(start));
            if (!facts.HasDataAccess)
            {
                return;
            }

            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => Analyze(c, facts), OperationKind.Invocation);
            if (facts.Known.EntityFrameworkQueryableExtensions is not null)
            {
                start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => AnalyzeForEach(c, facts), OperationKind.Loop);
            }
        });
    }

    /// <summary>Key of the property that marks a synchronous <c>foreach</c> over a query (fixed to <c>await foreach</c>).</summary>
    public const string EnumerationKey = "enumeration";

    /// <summary>A synchronous <c>foreach</c> over an EF Core query inside async code.</summary>
    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeForEach(OperationAnalysisContext context, QueryFacts facts)
    {
        if (context.Operation is not IForEachLoopOperation { IsAsynchronous: false } forEach
            || !facts.Data.IsDatabaseQuery(forEach.Collection))
        {
            return;
        }

        var function = Operations.EnclosingFunctionSymbol(forEach, context.ContainingSymbol);
        if (function is null || !function.IsAsync)
        {
            return;
        }

        var token = facts.TokenInScope(forEach, context.ContainingSymbol);
        var collection = Operations.Unwrap(forEach.Collection, UnwrapOptions.Conversions) ?? forEach.Collection;
        var properties = DiagnosticProperties.For(SyncDataAccessInAsync, symbol: "foreach over " + QueryFacts.Compact(collection.Syntax));
        properties.Add("method", "foreach");
        properties.Add("kind", DbCallKind.EfQuery.ToString());
        properties.Add(EnumerationKey, "true");
        properties.Add(AsyncCounterpart.AsyncNameKey, "AsAsyncEnumerable");
        properties.Add(AsyncCounterpart.UsingKey, "Microsoft.EntityFrameworkCore");
        properties.Add(AsyncCounterpart.FixableKey, QueryFacts.CanAwaitAt(forEach.Syntax) ? "true" : "false");
        if (token is not null)
        {
            properties.Add(AsyncCounterpart.TokenKey, token.Name);
        }

        context.ReportDiagnostic(DiagnosticProperties.Create(
            SyncDataAccessInAsync,
            collection.Syntax.GetLocation(),
            properties,
            "foreach over " + QueryFacts.Compact(collection.Syntax),
            QueryFacts.DescribeFunction(function, context.ContainingSymbol),
            "foreach (... in " + QueryFacts.Compact(collection.Syntax) + ".AsAsyncEnumerable())",
            token is null ? string.Empty : " with WithCancellation(" + token.Name + ")"));
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, QueryFacts facts)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;

        // Cheapest tests first: most invocations are async already or outside async code, and the
        // classification below looks at symbols (bench/Profile measured it at four times the rule's cost).
        if (method.Name.EndsWith("Async", System.StringComparison.Ordinal))
        {
            return;
        }

        var function = Operations.EnclosingFunctionSymbol(invocation, context.ContainingSymbol);
        if (function is null || !function.IsAsync)
        {
            return;
        }

        var kind = facts.Data.Classify(invocation);
        // Repository methods and repository saves have no known async counterpart contract.
        if (kind is DbCallKind.None or DbCallKind.Repository || (kind is DbCallKind.Save && !facts.Data.IsDbContextSave(invocation.TargetMethod)))
        {
            return;
        }

        var token = facts.TokenInScope(invocation, context.ContainingSymbol);
        var counterpart = AsyncCounterpart.Find(invocation, facts, token is not null);
        if (counterpart is null)
        {
            return;
        }

        var properties = DiagnosticProperties.For(SyncDataAccessInAsync, symbol: Operations.SymbolText(method));
        properties.Add("method", QueryFacts.Display(method));
        properties.Add("kind", kind.ToString());
        properties.Add(AsyncCounterpart.AsyncNameKey, counterpart.Method.Name);
        properties.Add(AsyncCounterpart.FixableKey, QueryFacts.CanAwaitAt(invocation.Syntax) ? "true" : "false");
        if (counterpart.Method.IsExtensionMethod && counterpart.Method.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            properties.Add(AsyncCounterpart.UsingKey, ns.ToDisplayString());
        }

        var tokenText = string.Empty;
        if (counterpart.TokenParameter is not null && token is not null)
        {
            properties.Add(AsyncCounterpart.TokenKey, token.Name);
            properties.Add(AsyncCounterpart.TokenParameterKey, counterpart.TokenParameter.Name);
            properties.Add(AsyncCounterpart.TokenPositionalKey, counterpart.TokenPositional ? "true" : "false");
            if (counterpart.WrapParamsArray)
            {
                properties.Add(AsyncCounterpart.ParamsIndexKey, counterpart.ParamsIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            tokenText = " passing '" + token.Name + "'";
        }

        var where = QueryFacts.DescribeFunction(function, context.ContainingSymbol);

        context.ReportDiagnostic(DiagnosticProperties.Create(
            SyncDataAccessInAsync,
            QueryFacts.NameAndArgumentsLocation(invocation),
            properties,
            QueryFacts.Display(method),
            where,
            counterpart.Method.Name,
            tokenText));
    }
}
