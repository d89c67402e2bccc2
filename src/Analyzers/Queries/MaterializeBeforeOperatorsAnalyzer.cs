using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Queries;

/// <summary>
/// AG4004: an EF Core query materialized (<c>ToList()</c>, <c>ToArray()</c>, <c>AsEnumerable()</c>,
/// awaited <c>ToListAsync()</c>/<c>ToArrayAsync()</c>) and then filtered, projected, sorted, paged or
/// aggregated in memory by a LINQ operator that EF Core could have translated to SQL.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MaterializeBeforeOperatorsAnalyzer : ArchGateAnalyzer
{
    /// <summary>How many composable operators the fix moves before the materialization.</summary>
    public const string MoveCountKey = "moveCount";

    /// <summary><c>keep</c>: re-apply the materialization after the moved operators; <c>next</c>: the next call (a terminal operator or another materialization) replaces it.</summary>
    public const string ModeKey = "mode";

    public static readonly DiagnosticDescriptor MaterializeBeforeOperators = Rules.Create(
        RuleIdentifiers.MaterializeBeforeOperators,
        "Query materialized before query operators",
        "'{0}' loads every row of the query into memory before '{1}' runs on the result; query shape keeps filtering, projection, sorting, paging and aggregates in the database (ArchGate.Queries, AG4004). Move '{1}' before '{0}' so that it is translated to SQL.",
        RuleCategories.Queries,
        DiagnosticSeverity.Warning,
        "Materializing an EF Core query (ToList, ToArray, AsEnumerable, an awaited ToListAsync) and then applying Where/Select/OrderBy/Skip/Take/Count/Any/First/Sum... loads the whole result set into memory. Apply the operators to the IQueryable so that they run in SQL. Not reported when an operator uses something EF Core cannot translate (a call to your own method, a local function, a statement lambda): that is the deliberate use of AsEnumerable.");

    private static readonly ImmutableHashSet<string> Composable = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Where", "Select", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Skip", "Take", "Distinct");

    private static readonly ImmutableHashSet<string> Terminal = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Count", "LongCount", "Any", "All", "First", "FirstOrDefault", "Single", "SingleOrDefault",
        "Last", "LastOrDefault", "Sum", "Min", "Max", "Average", "Contains");

    private static readonly ImmutableHashSet<string> SyncMaterializers = ImmutableHashSet.Create(StringComparer.Ordinal, "ToList", "ToArray", "AsEnumerable");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(MaterializeBeforeOperators);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var facts = new QueryFacts(ArchGateContext.Create(start));
            if (facts.Known.DbContext is null || facts.Known.Enumerable is null)
            {
                return;
            }

            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => Analyze(c, facts), OperationKind.Invocation);
        });
    }

    /// <summary>
    /// True when the operator runs inside a loop or a lambda that does not contain the local's declaration:
    /// the list is materialized once and searched many times (a lookup table). Moving the operator into SQL
    /// would run one query per element. A deferred <c>AsEnumerable()</c> is not a lookup table: each search
    /// runs the query again, so it stays reported.
    /// </summary>
    private static bool IsReusedLookup(IInvocationOperation op, ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length != 1
            || Operations.InitializerOf(local, op.SemanticModel) is not { } initializer
            || IsDeferred(initializer))
        {
            return false;
        }

        var declaration = local.DeclaringSyntaxReferences[0].Span;
        for (var parent = op.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Syntax.Span.Contains(declaration))
            {
                return false;
            }

            if (parent is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;

        static bool IsDeferred(IOperation value)
            => Operations.Unwrap(value, UnwrapOptions.Conversions) is IInvocationOperation { TargetMethod.Name: "AsEnumerable" };
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, QueryFacts facts)
    {
        var op = (IInvocationOperation)context.Operation;
        if (!IsEnumerableOperator(op, facts) || facts.IsInsideExpressionTree(op))
        {
            return;
        }

        var source = Operations.Unwrap(Operations.Receiver(op), UnwrapOptions.Conversions);
        var chained = true;
        if (source is ILocalReferenceOperation local)
        {
            if (Operations.CountReferences(local) != 1 || IsReusedLookup(op, local.Local))
            {
                return;
            }

            chained = false;
            source = Operations.Unwrap(Operations.InitializerOf(local.Local, local.SemanticModel), UnwrapOptions.Conversions);
        }

        IInvocationOperation? materializer;
        var awaited = false;
        if (source is IAwaitOperation await)
        {
            awaited = true;
            materializer = Operations.Unwrap(await.Operation, UnwrapOptions.Conversions) as IInvocationOperation;
            if (materializer is null
                || materializer.TargetMethod.Name is not ("ToListAsync" or "ToArrayAsync")
                || !SymbolEqualityComparer.Default.Equals(materializer.TargetMethod.ContainingType, facts.Known.EntityFrameworkQueryableExtensions)
                || !facts.Data.IsDatabaseQuery(Operations.Receiver(materializer)))
            {
                return;
            }
        }
        else
        {
            materializer = source as IInvocationOperation;
            if (materializer is null
                || !SyncMaterializers.Contains(materializer.TargetMethod.Name)
                || !SymbolEqualityComparer.Default.Equals(materializer.TargetMethod.ContainingType, facts.Known.Enumerable)
                || !facts.Data.IsDatabaseQuery(Operations.Receiver(materializer)))
            {
                return;
            }
        }

        if (!IsTranslatable(op))
        {
            return;
        }

        var properties = DiagnosticProperties.For(MaterializeBeforeOperators, symbol: Operations.SymbolText(op.TargetMethod));
        properties.Add("materializer", materializer.TargetMethod.Name);
        properties.Add("operator", op.TargetMethod.Name);
        if (chained && !awaited && FixPlan(op, materializer, facts) is { } plan)
        {
            properties.Add(MoveCountKey, plan.MoveCount.ToString(CultureInfo.InvariantCulture));
            properties.Add(ModeKey, plan.Mode);
        }

        context.ReportDiagnostic(DiagnosticProperties.Create(
            MaterializeBeforeOperators,
            // Through a local, the diagnostic stays on the operator (inside the analyzed operation).
            QueryFacts.NameAndArgumentsLocation(chained ? materializer : op),
            properties,
            materializer.TargetMethod.Name + "()",
            op.TargetMethod.Name));
    }

    private static bool IsEnumerableOperator(IInvocationOperation invocation, QueryFacts facts)
        => SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, facts.Known.Enumerable)
           && (Composable.Contains(invocation.TargetMethod.Name) || Terminal.Contains(invocation.TargetMethod.Name));

    /// <summary>
    /// What the fix does for <c>q.ToList().Op1().Op2()...</c>: how many composable operators move
    /// before the materialization, and whether the next call (a terminal operator, or another
    /// ToList/ToArray) takes the materialization's place. Null when the syntax is not a plain chain.
    /// </summary>
    private static (int MoveCount, string Mode)? FixPlan(IInvocationOperation first, IInvocationOperation materializer, QueryFacts facts)
    {
        if (!IsChainLink(materializer.Syntax, first.Syntax) || materializer.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax })
        {
            return null;
        }

        var moved = 0;
        var current = first;
        while (true)
        {
            if (Terminal.Contains(current.TargetMethod.Name))
            {
                return (moved, "next");
            }

            moved++;
            var next = NextInChain(current);
            if (next is null)
            {
                return (moved, "keep");
            }

            if (SymbolEqualityComparer.Default.Equals(next.TargetMethod.ContainingType, facts.Known.Enumerable)
                && next.TargetMethod.Name is "ToList" or "ToArray" && next.Arguments.Length == 1)
            {
                return (moved, "next");
            }

            if (!IsEnumerableOperator(next, facts) || !IsTranslatable(next))
            {
                return (moved, "keep");
            }

            current = next;
        }
    }

    /// <summary>The invocation that takes <paramref name="invocation"/> as its receiver (<c>x.Where(...).Next(...)</c>).</summary>
    private static IInvocationOperation? NextInChain(IInvocationOperation invocation)
    {
        var parent = invocation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation next } && IsChainLink(invocation.Syntax, next.Syntax)
            ? next
            : null;
    }

    private static bool IsChainLink(SyntaxNode receiver, SyntaxNode call)
        => call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } && member.Expression == receiver;

    /// <summary>
    /// False when an argument of the operator uses what EF Core cannot translate: a method group, a
    /// statement or indexed lambda, a call to a method or local function declared in source, a
    /// delegate invocation, a computed property declared in source, a comparer, or syntax an
    /// expression tree cannot hold.
    /// </summary>
    private static bool IsTranslatable(IInvocationOperation op)
    {
        foreach (var argument in op.Arguments)
        {
            if (argument.Parameter is null || argument.Parameter.Ordinal == 0 || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (argument.Parameter.Type.Name.IndexOf("Comparer", StringComparison.Ordinal) >= 0)
            {
                return false;
            }

            var value = Operations.Unwrap(argument.Value, UnwrapOptions.Conversions);
            if (value is IDelegateCreationOperation creation)
            {
                if (creation.Target is not IAnonymousFunctionOperation lambda || !IsTranslatableLambda(lambda))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsTranslatableLambda(IAnonymousFunctionOperation lambda)
    {
        if (lambda.Syntax is not LambdaExpressionSyntax { ExpressionBody: { } body } || lambda.Symbol.Parameters.Length != 1 || lambda.Symbol.IsAsync)
        {
            return false;
        }

        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (node is LambdaExpressionSyntax { Block: not null })
            {
                return false;
            }

            switch (node.Kind())
            {
                case SyntaxKind.ConditionalAccessExpression:
                case SyntaxKind.SwitchExpression:
                case SyntaxKind.ThrowExpression:
                case SyntaxKind.IsPatternExpression:
                case SyntaxKind.TupleExpression:
                case SyntaxKind.IndexExpression:
                case SyntaxKind.RangeExpression:
                case SyntaxKind.AnonymousMethodExpression:
                case SyntaxKind.DefaultLiteralExpression:
                case SyntaxKind.WithExpression:
                case SyntaxKind.CollectionExpression:
                case SyntaxKind.AwaitExpression:
                case SyntaxKind.RefExpression:
                case SyntaxKind.DeclarationExpression:
                case SyntaxKind.InterpolatedStringExpression:
                    return false;
            }
        }

        foreach (var operation in lambda.Body.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation call:
                    var method = call.TargetMethod;
                    if (method.MethodKind is MethodKind.LocalFunction or MethodKind.DelegateInvoke || IsInSource(method))
                    {
                        return false;
                    }

                    break;
                case IPropertyReferenceOperation property when IsComputedInSource(property.Property):
                    return false;
                case IArgumentOperation { Parameter.Type.Name: "StringComparison" or "CultureInfo" or "IFormatProvider" }:
                    // string.Equals(a, b, StringComparison...) and culture-specific overloads are not translated.
                    return false;
                case IDynamicInvocationOperation:
                case IDynamicMemberReferenceOperation:
                    return false;
            }
        }

        return true;
    }

    private static bool IsInSource(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A property declared in source with a body (not an auto-property): EF Core cannot map it.</summary>
    private static bool IsComputedInSource(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is PropertyDeclarationSyntax declaration)
            {
                if (declaration.ExpressionBody is not null)
                {
                    return true;
                }

                foreach (var accessor in declaration.AccessorList?.Accessors ?? default)
                {
                    if (accessor.Body is not null || accessor.ExpressionBody is not null)
                    {
                        return true;
                    }
                }
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
