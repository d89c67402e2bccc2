using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Queries;

/// <summary>
/// What the query-shape rules ask besides the shared facts: the data-access classification
/// (<see cref="Data"/>: is this call a database call, is this IQueryable rooted in the database), the
/// repetition model (<see cref="Repetition"/>), and the query family's own questions (is this code in an
/// expression tree, which CancellationToken is in scope, can <c>await</c> go here, how to name a call in
/// a message). Created once per compilation.
/// </summary>
internal sealed class QueryFacts
{
    private readonly INamedTypeSymbol? _cancellationToken;

    public QueryFacts(ArchGateContext context)
    {
        var known = context.Data.Known;
        Known = known;
        Data = context.Data;
        Repetition = context.Repetition;
        Controllers = context.Controllers;
        _cancellationToken = known.CancellationToken;
    }

    /// <summary>The shared MVC controller/action classification.</summary>
    public Controllers Controllers { get; }

    public KnownSymbols Known { get; }

    /// <summary>The shared classification of database calls, saves and database-rooted queries.</summary>
    public DataAccessFacts Data { get; }

    /// <summary>The shared "runs once per element" model.</summary>
    public RepetitionModel Repetition { get; }

    /// <summary>True when the compilation references something the query rules look at.</summary>
    public bool HasDataAccess => Data.HasDataAccess;

    public bool IsCancellationToken(ITypeSymbol? type) => type is not null && Same(type, _cancellationToken);

    /// <summary><c>method 'Get'</c>, <c>local function 'Load'</c>, <c>lambda in 'Get'</c>.</summary>
    public static string DescribeFunction(IMethodSymbol function, ISymbol containingSymbol)
    {
        return function.MethodKind switch
        {
            MethodKind.AnonymousFunction => "lambda in '" + containingSymbol.Name + "'",
            MethodKind.LocalFunction => "local function '" + function.Name + "'",
            _ => "method '" + function.Name + "'",
        };
    }

    /// <summary>True when a lambda is converted to an expression tree (translated, never executed in place).</summary>
    public bool IsExpressionTree(IAnonymousFunctionOperation lambda) => Operations.IsExpressionTree(lambda, Repetition.LambdaExpression);

    /// <summary>True when the operation sits inside an expression-tree lambda.</summary>
    public bool IsInsideExpressionTree(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && IsExpressionTree(lambda))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The CancellationToken parameter in scope at <paramref name="operation"/>: of the nearest
    /// enclosing lambda / local function / member that declares one.
    /// </summary>
    public IParameterSymbol? TokenInScope(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            var parameters = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol.Parameters,
                ILocalFunctionOperation local => local.Symbol.Parameters,
                _ => ImmutableArray<IParameterSymbol>.Empty,
            };
            foreach (var parameter in parameters)
            {
                if (IsCancellationToken(parameter.Type))
                {
                    return parameter;
                }
            }
        }

        if (containingSymbol is IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (IsCancellationToken(parameter.Type))
                {
                    return parameter;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// True when <c>await</c> may be inserted at <paramref name="syntax"/>: not inside a <c>lock</c>
    /// body, a query clause or an unsafe context of the same function.
    /// </summary>
    public static bool CanAwaitAt(SyntaxNode syntax)
    {
        for (var node = syntax.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case LockStatementSyntax:
                case QueryExpressionSyntax:
                case UnsafeStatementSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case MemberDeclarationSyntax:
                    return true;
            }
        }

        return true;
    }

    // ---- locations -------------------------------------------------------------------------

    /// <summary>The span from a call's method name to the end of its argument list (<c>ToListAsync()</c>).</summary>
    public static Location NameAndArgumentsLocation(IInvocationOperation invocation)
    {
        if (invocation.Syntax is InvocationExpressionSyntax call)
        {
            var start = call.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.SpanStart,
                MemberBindingExpressionSyntax binding => binding.Name.SpanStart,
                _ => call.Expression.SpanStart,
            };
            return Location.Create(call.SyntaxTree, TextSpan.FromBounds(start, call.Span.End));
        }

        return invocation.Syntax.GetLocation();
    }

    /// <summary>The text of a node on one line (whitespace runs collapsed), for messages.</summary>
    public static string Compact(SyntaxNode node)
    {
        var text = node.ToString();
        var builder = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0 && c != '.' && c != ')')
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>A short display of the call: <c>DbSet&lt;Order&gt;.Find</c>, <c>ToListAsync</c>.</summary>
    public static string Display(IMethodSymbol method)
    {
        var definition = method.ReducedFrom ?? method;
        if (definition.IsExtensionMethod || definition.ContainingType is null)
        {
            return definition.Name;
        }

        return definition.ContainingType.Name + "." + definition.Name;
    }

    [MethodImpl(Jit.Optimized)]
    private static bool Same(ITypeSymbol? a, ITypeSymbol? b)
        => a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition);

    internal static IEnumerable<IMethodSymbol> MethodsNamed(ITypeSymbol? type, string name)
    {
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        if (type is not null)
        {
            pending.Push(type);
        }

        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var member in current.GetMembers(name))
            {
                if (member is IMethodSymbol method)
                {
                    yield return method;
                }
            }

            if (current.BaseType is { } baseType)
            {
                pending.Push(baseType);
            }

            foreach (var @interface in current.Interfaces)
            {
                pending.Push(@interface);
            }
        }
    }
}
