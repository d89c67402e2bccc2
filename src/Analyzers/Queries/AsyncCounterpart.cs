using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Queries;

/// <summary>
/// The async counterpart of a synchronous data-access call: a method named <c>NameAsync</c> on the
/// same type (or, for LINQ operators, on EF Core's <c>EntityFrameworkQueryableExtensions</c>) that
/// accepts the arguments the call passes, by name and type, plus optionally a CancellationToken.
/// </summary>
internal sealed class AsyncCounterpart
{
    private AsyncCounterpart(IMethodSymbol method, IParameterSymbol? tokenParameter, bool tokenPositional, bool wrapParamsArray, int paramsIndex)
    {
        ParamsIndex = paramsIndex;
        Method = method;
        TokenParameter = tokenParameter;
        TokenPositional = tokenPositional;
        WrapParamsArray = wrapParamsArray;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The counterpart's CancellationToken parameter the fix fills, when a token is in scope.</summary>
    public IParameterSymbol? TokenParameter { get; }

    /// <summary>True when the token can be passed positionally (it follows the passed arguments).</summary>
    public bool TokenPositional { get; }

    /// <summary>True when a params argument list must become an explicit array (<c>Find(a, b)</c> → <c>FindAsync(new object?[] { a, b }, ct)</c>).</summary>
    public bool WrapParamsArray { get; }

    /// <summary>Index, in the written argument list, of the first argument that goes into the params array.</summary>
    public int ParamsIndex { get; }

    // Property keys shared with the code fix.
    public const string AsyncNameKey = "asyncMethod";
    public const string TokenKey = "cancellationToken";
    public const string TokenParameterKey = "tokenParameter";
    public const string TokenPositionalKey = "tokenPositional";
    public const string WrapParamsKey = "wrapParamsArray";
    public const string FixableKey = "fixable";
    public const string ParamsIndexKey = "paramsIndex";
    public const string UsingKey = "usingNamespace";

    /// <summary>Finds the best counterpart (one that takes the token when <paramref name="tokenInScope"/>), or null.</summary>
    public static AsyncCounterpart? Find(IInvocationOperation invocation, QueryFacts facts, bool tokenInScope)
    {
        var method = invocation.TargetMethod;
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.Name.EndsWith("Async", StringComparison.Ordinal))
        {
            return null;
        }

        var asyncName = definition.Name + "Async";
        var crossType = false;
        IEnumerable<IMethodSymbol> candidates;
        var containing = definition.ContainingType;
        if (SymbolEqualityComparer.Default.Equals(containing, facts.Known.Queryable) || SymbolEqualityComparer.Default.Equals(containing, facts.Known.Enumerable))
        {
            var extensions = facts.Known.EntityFrameworkQueryableExtensions;
            if (extensions is null)
            {
                return null;
            }

            crossType = true;
            candidates = QueryFacts.MethodsNamed(extensions, asyncName);
        }
        else if (definition.IsStatic)
        {
            candidates = QueryFacts.MethodsNamed(containing, asyncName);
        }
        else
        {
            candidates = QueryFacts.MethodsNamed(invocation.Instance?.Type ?? containing, asyncName);
        }

        AsyncCounterpart? withoutToken = null;
        foreach (var candidate in candidates)
        {
            var match = TryMatch(invocation, definition, candidate.OriginalDefinition, facts, crossType, tokenInScope);
            if (match is null)
            {
                continue;
            }

            if (match.TokenParameter is not null)
            {
                return match;
            }

            withoutToken ??= match;
        }

        return withoutToken;
    }

    private static AsyncCounterpart? TryMatch(IInvocationOperation invocation, IMethodSymbol sync, IMethodSymbol candidate, QueryFacts facts, bool crossType, bool tokenInScope)
    {
        if (candidate.IsStatic != sync.IsStatic
            || candidate.IsExtensionMethod != sync.IsExtensionMethod
            || candidate.TypeParameters.Length != sync.TypeParameters.Length
            || !facts.Data.IsTaskLike(candidate.ReturnType)
            || candidate.DeclaredAccessibility != Accessibility.Public)
        {
            return null;
        }

        var used = new bool[candidate.Parameters.Length];
        var wrapParams = false;
        var paramsIndex = -1;
        var lastPositional = -1;
        var anyNamed = false;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
            {
                continue;
            }

            // An empty params array (`ExecuteSqlRaw(sql)`) passes nothing.
            if (argument.ArgumentKind == ArgumentKind.ParamArray
                && argument.Value is IArrayCreationOperation { Initializer.ElementValues.Length: 0 })
            {
                continue;
            }

            var parameter = sync.Parameters.Length > argument.Parameter.Ordinal ? sync.Parameters[argument.Parameter.Ordinal] : null;
            if (parameter is null)
            {
                return null;
            }

            var target = FindParameter(candidate, parameter.Name);
            if (target is null)
            {
                return null;
            }

            var receiver = parameter.Ordinal == 0 && sync.IsExtensionMethod;
            if (!(receiver && crossType) && !SameType(parameter.Type, target.Type))
            {
                return null;
            }

            var named = argument.Syntax is ArgumentSyntax { NameColon: not null };
            anyNamed |= named;
            if (!named && !receiver && target.Ordinal != parameter.Ordinal)
            {
                return null;
            }

            if (argument.ArgumentKind == ArgumentKind.ParamArray && !target.IsParams)
            {
                wrapParams = true;
                var reducedReceiver = sync.IsExtensionMethod && FirstArgumentIsReceiver(invocation);
                paramsIndex = parameter.Ordinal - (reducedReceiver ? 1 : 0);
            }

            if (!named)
            {
                lastPositional = Math.Max(lastPositional, target.Ordinal);
            }

            used[target.Ordinal] = true;
        }

        IParameterSymbol? token = null;
        for (var i = 0; i < candidate.Parameters.Length; i++)
        {
            if (used[i])
            {
                continue;
            }

            var parameter = candidate.Parameters[i];
            if (facts.IsCancellationToken(parameter.Type))
            {
                if (!tokenInScope && !parameter.IsOptional)
                {
                    return null;
                }

                token = tokenInScope ? parameter : null;
                continue;
            }

            if (!parameter.IsOptional && !parameter.IsParams)
            {
                return null;
            }
        }

        if (wrapParams && token is null)
        {
            return null;
        }

        var tokenPositional = token is not null && !anyNamed && token.Ordinal == lastPositional + 1;
        return new AsyncCounterpart(candidate, token, tokenPositional, wrapParams, paramsIndex);
    }

    private static bool FirstArgumentIsReceiver(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Syntax is not ArgumentSyntax;
            }
        }

        return false;
    }

    private static IParameterSymbol? FindParameter(IMethodSymbol method, string name)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }

    private static bool SameType(ITypeSymbol a, ITypeSymbol b)
        => string.Equals(a.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), b.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), StringComparison.Ordinal);
}
