using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Queries;

/// <summary>
/// AG4005 (opt-in): a controller action or minimal-API handler returns every row of a DbSet — the
/// set itself, or a query over it with no filter, Take or paging, materialized or not.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedEndpointQueryAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor UnboundedEndpointQuery = Rules.Create(
        RuleIdentifiers.UnboundedEndpointQuery,
        "Unbounded query returned from an endpoint",
        "Endpoint {0} returns every row of '{1}' with no filter, Take or paging; endpoints return bounded result sets (ArchGate.Queries, AG4005). Page the query (Skip/Take with a maximum page size) or limit it with Take.",
        RuleCategories.Queries,
        DiagnosticSeverity.Warning,
        "A controller action or minimal-API handler that returns all rows of a table works with test data and times out, or exhausts memory, once the table grows. Return a page (Skip/Take with a maximum page size) or a bounded Take. Disabled by default: enable it with dotnet_diagnostic.AG4005.severity.",
        isEnabledByDefault: false);

    /// <summary>Operators that neither filter nor bound the rows of a query.</summary>
    private static readonly ImmutableHashSet<string> Unbounding = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "AsNoTracking", "AsNoTrackingWithIdentityResolution", "AsTracking", "Include", "ThenInclude",
        "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Select", "AsSplitQuery", "AsSingleQuery",
        "IgnoreQueryFilters", "IgnoreAutoIncludes", "TagWith", "TagWithCallSite", "AsQueryable", "Distinct",
        "ToList", "ToArray", "AsEnumerable", "ToListAsync", "ToArrayAsync", "AsAsyncEnumerable");

    private static readonly ImmutableHashSet<string> ResultWrappers = ImmutableHashSet.Create(StringComparer.Ordinal, "Ok", "Json");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UnboundedEndpointQuery);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var facts = new QueryFacts(ArchGateContext.Create(start));
            if (facts.Known.DbContext is null || (!facts.Controllers.MayExist && facts.Known.IEndpointRouteBuilder is null))
            {
                return;
            }

            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => Analyze(c, facts), OperationKind.Return);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, QueryFacts facts)
    {
        var returned = ((IReturnOperation)context.Operation).ReturnedValue;
        if (returned is null)
        {
            return;
        }

        var endpoint = EndpointName(context.Operation, context.ContainingSymbol, facts);
        if (endpoint is null)
        {
            return;
        }

        var value = UnwrapResult(returned);
        var location = value?.Syntax.GetLocation() ?? returned.Syntax.GetLocation();
        if (value is ILocalReferenceOperation local && Operations.CountReferences(local) == 1)
        {
            location = local.Syntax.GetLocation();
            value = UnwrapResult(Operations.InitializerOf(local.Local, local.SemanticModel));
        }

        var set = UnboundedSet(value, facts);
        if (set is null || value is null)
        {
            return;
        }

        var properties = DiagnosticProperties.For(UnboundedEndpointQuery, symbol: set);
        properties.Add("endpoint", endpoint);
        properties.Add("set", set);
        context.ReportDiagnostic(DiagnosticProperties.Create(UnboundedEndpointQuery, location, properties, endpoint, set));
    }

    /// <summary>Strips conversions, <c>await</c>, and result wrappers (<c>Ok(x)</c>, <c>Results.Ok(x)</c>, <c>TypedResults.Json(x)</c>).</summary>
    private static IOperation? UnwrapResult(IOperation? operation)
    {
        for (var i = 0; i < 8; i++)
        {
            operation = Operations.Unwrap(operation, UnwrapOptions.Conversions);
            switch (operation)
            {
                case IAwaitOperation await:
                    operation = await.Operation;
                    continue;
                case IInvocationOperation call when ResultWrappers.Contains(call.TargetMethod.Name) && call.Arguments.Length >= 1:
                    operation = call.Arguments[0].Value;
                    continue;
                case IObjectCreationOperation creation when creation.Type?.Name is "OkObjectResult" or "JsonResult" && creation.Arguments.Length >= 1:
                    operation = creation.Arguments[0].Value;
                    continue;
            }

            return operation;
        }

        return operation;
    }

    /// <summary>The name of the DbSet whose every row <paramref name="operation"/> returns, or null.</summary>
    private static string? UnboundedSet(IOperation? operation, QueryFacts facts)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            operation = Operations.Unwrap(operation, UnwrapOptions.Conversions);
            if (operation is null)
            {
                return null;
            }

            if (facts.Known.IsDbSet(operation.Type))
            {
                return operation switch
                {
                    IPropertyReferenceOperation property => property.Property.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    _ => operation.Type is INamedTypeSymbol { TypeArguments.Length: 1 } set ? "Set<" + set.TypeArguments[0].Name + ">()" : operation.Syntax.ToString(),
                };
            }

            if (operation is not IInvocationOperation call || !Unbounding.Contains(call.TargetMethod.Name))
            {
                return null;
            }

            var type = call.TargetMethod.ContainingType;
            if (!SymbolEqualityComparer.Default.Equals(type, facts.Known.Queryable)
                && !SymbolEqualityComparer.Default.Equals(type, facts.Known.Enumerable)
                && !SymbolEqualityComparer.Default.Equals(type, facts.Known.EntityFrameworkQueryableExtensions)
                && !SymbolEqualityComparer.Default.Equals(type, facts.Known.RelationalQueryableExtensions))
            {
                return null;
            }

            operation = Operations.Receiver(call);
        }

        return null;
    }

    /// <summary>
    /// <c>'OrdersController.GetAll'</c> for a public action of a controller, <c>'GET /orders'</c>-like
    /// text for a minimal-API handler lambda; null when the return is not an endpoint's.
    /// </summary>
    private static string? EndpointName(IOperation operation, ISymbol containingSymbol, QueryFacts facts)
    {
        var function = Operations.EnclosingFunction(operation);
        if (function is null)
        {
            if (containingSymbol is IMethodSymbol action && facts.Controllers.IsAction(action))
            {
                return "'" + action.ContainingType.Name + "." + action.Name + "'";
            }

            return null;
        }

        if (function is not IAnonymousFunctionOperation lambda)
        {
            return null;
        }

        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (parent is IArgumentOperation { Parent: IInvocationOperation map }
            && map.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal)
            && map.TargetMethod.Parameters.Length > 0
            && KnownSymbols.IsOrInheritsFrom(map.TargetMethod.Parameters[0].Type, facts.Known.IEndpointRouteBuilder))
        {
            var route = string.Empty;
            foreach (var argument in map.Arguments)
            {
                if (argument.Value.ConstantValue is { HasValue: true, Value: string pattern })
                {
                    route = " " + pattern;
                    break;
                }
            }

            return "'" + map.TargetMethod.Name + route + "'";
        }

        return null;
    }
}
