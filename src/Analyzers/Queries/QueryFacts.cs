using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Queries;

/// <summary>What kind of database round trip a call is.</summary>
internal enum DbCallKind
{
    None,

    /// <summary>An EF Core operator that executes a query (ToList, First, CountAsync, Load, ExecuteUpdate...).</summary>
    EfQuery,

    /// <summary><c>DbSet.Find</c> / <c>DbContext.Find</c> (+Async).</summary>
    EfFind,

    /// <summary><c>DbContext.SaveChanges</c> (+Async).</summary>
    SaveChanges,

    /// <summary><c>Database.ExecuteSql*</c> (+Async).</summary>
    EfRawSql,

    /// <summary>A Dapper <c>SqlMapper</c> call on a connection.</summary>
    Dapper,

    /// <summary><c>DbCommand.Execute*</c> / <c>IDbCommand.Execute*</c>.</summary>
    AdoCommand,

    /// <summary><c>DbConnection.Open</c> (+Async).</summary>
    AdoOpen,

    /// <summary>A method of an approved repository interface / implementation (archgate.json: repositories).</summary>
    Repository,
}

/// <summary>
/// The questions the query-shape rules ask of an operation: does this call go to the database, is
/// this IQueryable rooted in a DbContext, which function encloses this code, is that lambda an
/// expression tree. Created once per compilation.
/// </summary>
internal sealed class QueryFacts
{
    /// <summary>Queryable / Enumerable operators that execute the query they are applied to.</summary>
    public static readonly ImmutableHashSet<string> ExecutingOperators = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
        "Count", "LongCount", "Any", "All", "Sum", "Min", "Max", "Average", "Contains",
        "ElementAt", "ElementAtOrDefault", "MinBy", "MaxBy", "Aggregate");

    /// <summary>Enumerable operators that materialize a sequence (and so run an IQueryable).</summary>
    public static readonly ImmutableHashSet<string> Materializers = ImmutableHashSet.Create(
        StringComparer.Ordinal, "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup");

    private readonly INamedTypeSymbol? _cancellationToken;
    private readonly INamedTypeSymbol? _lambdaExpression;
    private readonly SymbolMemo<IMethodSymbol, bool> _repositoryMethods = new();
    private readonly Func<IMethodSymbol, bool> _computeRepositoryMethod;

    public QueryFacts(KnownSymbols known, ArchGateContext? context)
    {
        Known = known;
        Context = context;
        _cancellationToken = known.CancellationToken;
        _lambdaExpression = known.Get("System.Linq.Expressions.LambdaExpression");
        _computeRepositoryMethod = ComputeRepositoryMethod;
    }

    public KnownSymbols Known { get; }

    public ArchGateContext? Context { get; }

    /// <summary>True when the compilation references something the query rules look at.</summary>
    public bool HasDataAccess => Known.DbContext is not null || Known.SqlMapper is not null || Known.DbCommand is not null;

    // ---- classification --------------------------------------------------------------------

    /// <summary>Classifies a call: which kind of round trip it is, or <see cref="DbCallKind.None"/>.</summary>
    [MethodImpl(Jit.Optimized)]
    public DbCallKind Classify(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var definition = method.ReducedFrom ?? method;
        var type = definition.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return DbCallKind.None;
        }

        var name = definition.Name;

        if (Same(type, Known.EntityFrameworkQueryableExtensions) || Same(type, Known.RelationalQueryableExtensions))
        {
            if (name is "Load" or "ExecuteUpdate" or "ExecuteDelete"
                || (name.EndsWith("Async", StringComparison.Ordinal) && name != "AsAsyncEnumerable"))
            {
                return DbCallKind.EfQuery;
            }

            return DbCallKind.None;
        }

        if (Same(type, Known.Queryable))
        {
            return ExecutingOperators.Contains(name) && IsEfRooted(FirstArgument(invocation)) ? DbCallKind.EfQuery : DbCallKind.None;
        }

        if (Same(type, Known.Enumerable))
        {
            return (Materializers.Contains(name) || ExecutingOperators.Contains(name)) && IsEfRooted(FirstArgument(invocation))
                ? DbCallKind.EfQuery
                : DbCallKind.None;
        }

        // Explicit loading: db.Entry(order).Collection(o => o.Lines).Load() / Reference(...).LoadAsync().
        if (name is "Load" or "LoadAsync" && KnownSymbols.IsOrInheritsFrom(type, Known.Get("Microsoft.EntityFrameworkCore.ChangeTracking.NavigationEntry")))
        {
            return DbCallKind.EfQuery;
        }

        if (name is "Find" or "FindAsync" && (Same(type, Known.DbSetOfT) || Known.IsDbContext(type)))
        {
            return DbCallKind.EfFind;
        }

        if (name is "SaveChanges" or "SaveChangesAsync" && Known.IsDbContext(type))
        {
            return DbCallKind.SaveChanges;
        }

        if (Same(type, Known.RelationalDatabaseFacadeExtensions))
        {
            return name.StartsWith("ExecuteSql", StringComparison.Ordinal) ? DbCallKind.EfRawSql : DbCallKind.None;
        }

        if (Known.IsDapperMethod(definition))
        {
            return definition.Parameters.Length > 0 && Known.IsAdoConnection(definition.Parameters[0].Type) ? DbCallKind.Dapper : DbCallKind.None;
        }

        if (name.StartsWith("Execute", StringComparison.Ordinal) && Known.IsAdoCommand(type))
        {
            return DbCallKind.AdoCommand;
        }

        if (name is "Open" or "OpenAsync" && Known.IsAdoConnection(type))
        {
            return DbCallKind.AdoOpen;
        }

        if (IsRepositoryMethod(definition))
        {
            return DbCallKind.Repository;
        }

        return DbCallKind.None;
    }

    /// <summary>
    /// True when a method is a member of a type matched by <c>repositories.interfaces</c> or
    /// <c>repositories.implementations</c>, or of a class implementing a matched interface.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsRepositoryMethod(IMethodSymbol method)
    {
        var context = Context;
        if (context is null || method.MethodKind != MethodKind.Ordinary || method.IsStatic)
        {
            return false;
        }

        var repositories = context.Config.Repositories;
        if (repositories.Interfaces.IsEmpty && repositories.Implementations.IsEmpty)
        {
            return false;
        }

        // The answer depends on the method alone (and the configuration): computed once per method.
        return _repositoryMethods.GetOrAdd(method, _computeRepositoryMethod);
    }

    private bool ComputeRepositoryMethod(IMethodSymbol method)
    {
        var repositories = Context!.Config.Repositories;

        // Change-tracking methods (Add, Attach, Remove, Update returning no task) do not go to the database.
        if (!IsTaskLike(method.ReturnType)
            && (method.Name.StartsWith("Add", StringComparison.Ordinal) || method.Name.StartsWith("Attach", StringComparison.Ordinal)
                || method.Name.StartsWith("Remove", StringComparison.Ordinal) || method.Name.StartsWith("Update", StringComparison.Ordinal)))
        {
            return false;
        }

        if (MatchesAny(repositories.Interfaces, method) || MatchesAny(repositories.Implementations, method))
        {
            return true;
        }

        var type = method.ContainingType;
        if (type is null || type.TypeKind == TypeKind.Interface)
        {
            return false;
        }

        // A call through the implementation of an approved interface (only the interface's members).
        foreach (var @interface in type.AllInterfaces)
        {
            if (!MatchesAny(repositories.Interfaces, @interface))
            {
                continue;
            }

            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (type.FindImplementationForInterfaceMember(member) is { } implementation
                    && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool MatchesAny(PatternList list, ISymbol symbol)
    {
        foreach (var pattern in list.Patterns)
        {
            if (Context!.Matches(pattern, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a method is an async data-access method (EF Core, Dapper, ADO.NET) returning a task.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsAsyncDataAccess(IMethodSymbol method)
    {
        if (!IsTaskLike(method.ReturnType))
        {
            return false;
        }

        var definition = method.ReducedFrom ?? method;
        var type = definition.ContainingType;
        if (type is null)
        {
            return false;
        }

        return KnownSymbols.IsInEFCoreNamespace(type)
            || Known.IsDbContext(type)
            || Known.IsDapperMethod(definition)
            || Known.IsAdoConnection(type)
            || Known.IsAdoCommand(type)
            || KnownSymbols.IsOrInheritsFrom(type, Known.DbDataReader)
            || KnownSymbols.IsOrInheritsFrom(type, Known.DbTransaction)
            || KnownSymbols.IsOrInheritsFrom(type, Known.DbDataAdapter);
    }

    /// <summary>True for Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsTaskLike(ITypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return definition is not null
            && (Same(definition, Known.Task) || Same(definition, Known.TaskOfT) || Same(definition, Known.ValueTask) || Same(definition, Known.ValueTaskOfT));
    }

    public bool IsCancellationToken(ITypeSymbol? type) => type is not null && Same(type, _cancellationToken);

    // ---- IQueryable roots ------------------------------------------------------------------

    /// <summary>
    /// True when <paramref name="operation"/> is an IQueryable whose value comes from a DbContext:
    /// a DbSet (property, field, <c>Set&lt;T&gt;()</c>), a query operator applied to one, a
    /// DbContext member returning IQueryable, or a local initialized with one (intra-procedural).
    /// </summary>
    public bool IsEfRooted(IOperation? operation) => IsEfRooted(operation, 0);

    [MethodImpl(Jit.Optimized)]
    private bool IsEfRooted(IOperation? operation, int depth)
    {
        operation = Unwrap(operation);
        if (operation is null || depth > 8)
        {
            return false;
        }

        if (Known.IsDbSet(operation.Type))
        {
            return true;
        }

        switch (operation)
        {
            case IInvocationOperation invocation:
            {
                var method = invocation.TargetMethod;
                var type = (method.ReducedFrom ?? method).ContainingType?.OriginalDefinition;
                if (type is null || !IsQueryable(method.ReturnType))
                {
                    return false;
                }

                if (Same(type, Known.Queryable) || KnownSymbols.IsInEFCoreNamespace(type))
                {
                    // db.Set<T>()-like members of a DbContext, Database.SqlQuery<T>(), and EF Core
                    // instance members returning a query (CollectionEntry.Query()).
                    if (Known.IsDbContext(invocation.Instance?.Type) || Same(type, Known.RelationalDatabaseFacadeExtensions)
                        || (!method.IsStatic && KnownSymbols.IsInEFCoreNamespace(type)))
                    {
                        return true;
                    }

                    return method.IsExtensionMethod || method.IsStatic
                        ? IsEfRooted(FirstArgument(invocation), depth + 1)
                        : IsEfRooted(invocation.Instance, depth + 1);
                }

                return false;
            }

            case IPropertyReferenceOperation property:
                return IsQueryable(property.Type) && Known.IsDbContext(property.Property.ContainingType);

            case ILocalReferenceOperation local:
                return IsQueryable(local.Type) && InitializerOf(local.Local, operation.SemanticModel) is { } initializer && IsEfRooted(initializer, depth + 1);

            default:
                return false;
        }
    }

    /// <summary>True when the type is (or implements) IQueryable.</summary>
    public bool IsQueryable(ITypeSymbol? type) => KnownSymbols.IsOrInheritsFrom(type, Known.IQueryable);

    /// <summary>The initializer of a local's declaration (<c>var x = ...</c>), if any.</summary>
    public static IOperation? InitializerOf(ILocalSymbol local, SemanticModel? model)
    {
        if (model is null || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(syntax) is IVariableDeclaratorOperation declarator ? declarator.GetVariableInitializer()?.Value : null;
    }

    /// <summary>How many times the local of <paramref name="reference"/> is referenced in the enclosing member body.</summary>
    public static int CountReferences(ILocalReferenceOperation reference)
    {
        var root = (IOperation)reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var count = 0;
        foreach (var descendant in root.Descendants())
        {
            if (descendant is ILocalReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Local, reference.Local))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first argument of an extension / static call, or the instance.</summary>
    public static IOperation? FirstArgument(IInvocationOperation invocation)
    {
        if (invocation.Instance is { } instance)
        {
            return instance;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>Strips implicit conversions and parentheses.</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion when conversion.IsImplicit || conversion.Conversion.IsReference:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    // ---- enclosing functions ---------------------------------------------------------------

    /// <summary>
    /// The function whose body directly contains <paramref name="operation"/>: a lambda, an
    /// anonymous method, a local function, or (null operation) the containing member.
    /// </summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The symbol of the enclosing function (lambda, local function or the member itself).</summary>
    public static IMethodSymbol? EnclosingMethod(IOperation operation, ISymbol containingSymbol)
    {
        return EnclosingFunction(operation) switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation local => local.Symbol,
            _ => containingSymbol as IMethodSymbol,
        };
    }

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
    public bool IsExpressionTree(IAnonymousFunctionOperation lambda)
    {
        for (var parent = lambda.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IDelegateCreationOperation:
                    continue;
                case IConversionOperation conversion:
                    return KnownSymbols.IsOrInheritsFrom(conversion.Type, _lambdaExpression);
                default:
                    break;
            }

            break;
        }

        var model = lambda.SemanticModel;
        if (model is null)
        {
            return false;
        }

        var converted = model.GetTypeInfo(lambda.Syntax).ConvertedType;
        return KnownSymbols.IsOrInheritsFrom(converted, _lambdaExpression);
    }

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
