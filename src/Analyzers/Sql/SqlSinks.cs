using System;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Sql;

internal enum SqlSinkKind
{
    /// <summary>EF Core FromSqlRaw / ExecuteSqlRaw(Async) / SqlQueryRaw.</summary>
    EFCoreRaw,

    /// <summary>EF Core FromSql / ExecuteSql(Async) / SqlQuery / *Interpolated: raw SQL, but parameterized by construction (AG3002 only).</summary>
    EFCoreInterpolated,

    /// <summary>Dapper SqlMapper methods and CommandDefinition.</summary>
    Dapper,

    /// <summary>ADO.NET CommandText, command and data-adapter constructors.</summary>
    AdoNet,

    /// <summary>rawSql.sinks.</summary>
    User,

    /// <summary>A method of this compilation that forwards its parameter into a sink.</summary>
    PassThrough,
}

/// <summary>One place where SQL text enters a SQL API.</summary>
internal sealed class SqlSink
{
    public SqlSink(SqlSinkKind kind, string apiName, IOperation sinkOperation, IOperation? sqlValue, IArgumentOperation? argument, string? forwardsTo = null, bool spliced = false)
    {
        Kind = kind;
        ApiName = apiName;
        SinkOperation = sinkOperation;
        SqlValue = sqlValue;
        Argument = argument;
        ForwardsTo = forwardsTo;
        Spliced = spliced;
    }

    /// <summary>For a pass-through: the method splices the value into SQL text (it is not the whole SQL).</summary>
    public bool Spliced { get; }

    public SqlSinkKind Kind { get; }

    /// <summary>For messages: <c>FromSqlRaw</c>, <c>SqlMapper.Query</c>, <c>SqlCommand.CommandText</c>.</summary>
    public string ApiName { get; }

    /// <summary>The invocation, creation or assignment.</summary>
    public IOperation SinkOperation { get; }

    /// <summary>The SQL text (null when there is none, e.g. FromSql's FormattableString).</summary>
    public IOperation? SqlValue { get; }

    public IArgumentOperation? Argument { get; }

    /// <summary>For a pass-through: the built-in sink the text finally reaches.</summary>
    public string? ForwardsTo { get; }
}

/// <summary>
/// Recognises SQL sinks, built-in (EF Core, Dapper, ADO.NET) and configured (<c>rawSql.sinks</c>),
/// and — with the flow cache — methods of this compilation that forward a parameter into one.
/// </summary>
internal sealed class SqlSinks
{
    private static readonly ImmutableHashSet<string> EFRawNames = ImmutableHashSet.Create(StringComparer.Ordinal,
        "FromSqlRaw", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "SqlQueryRaw");

    private static readonly ImmutableHashSet<string> EFSafeNames = ImmutableHashSet.Create(StringComparer.Ordinal,
        "FromSql", "FromSqlInterpolated", "ExecuteSql", "ExecuteSqlAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync", "SqlQuery");

    private readonly KnownSymbols _known;
    private readonly ArchGateContext _context;
    private readonly INamedTypeSymbol? _relationalQueryable;
    private readonly INamedTypeSymbol? _relationalFacade;
    private readonly INamedTypeSymbol? _dbBatchCommand;

    public SqlSinks(KnownSymbols known, ArchGateContext context)
    {
        _known = known;
        _context = context;
        _relationalQueryable = known.RelationalQueryableExtensions;
        _relationalFacade = known.RelationalDatabaseFacadeExtensions;
        _dbBatchCommand = known.Get("System.Data.Common.DbBatchCommand");
        _mayForwardFactory = m => PassThrough.MayForward(m, Flow!);
        _isCommandFactory = t => _known.IsAdoCommand(t) || KnownSymbols.IsOrInheritsFrom(t, _dbBatchCommand);
        _creationKindFactory = t => (
            _isCommandFactory(t),
            KnownSymbols.IsOrInheritsFrom(t, _known.DbDataAdapter) || KnownSymbols.IsOrInheritsFrom(t, _known.IDataAdapter));
    }

    // Per-symbol answers to questions asked for every call, creation or assignment of the compilation.
    private readonly SymbolMemo<IMethodSymbol, bool> _mayForward = new();
    private readonly SymbolMemo<ITypeSymbol, (bool IsCommand, bool IsAdapter)> _creationKinds = new();
    private readonly SymbolMemo<ITypeSymbol, bool> _commandTextOwners = new();

    private readonly Func<IMethodSymbol, bool> _mayForwardFactory;
    private readonly Func<ITypeSymbol, (bool IsCommand, bool IsAdapter)> _creationKindFactory;
    private readonly Func<ITypeSymbol, bool> _isCommandFactory;

    public SqlFlowCache? Flow { get; set; }

    /// <summary>True when the compilation references any SQL API or configures a sink.</summary>
    public bool AnyApi => _relationalQueryable is not null || _relationalFacade is not null || _known.SqlMapper is not null
                          || _known.DbCommand is not null || _known.IDbCommand is not null || !_context.Config.RawSql.Sinks.IsEmpty;

    /// <summary>The built-in or configured sink at this operation (not pass-throughs).</summary>
    [MethodImpl(Jit.Optimized)]
    public SqlSink? Find(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return FromInvocation(invocation);
            case IObjectCreationOperation creation:
                return FromCreation(creation);
            case IAssignmentOperation assignment when assignment.Target is IPropertyReferenceOperation property:
                return FromPropertySet(assignment, property, assignment.Value);
            case ICoalesceAssignmentOperation coalesce when coalesce.Target is IPropertyReferenceOperation property:
                return FromPropertySet(coalesce, property, coalesce.Value);
            default:
                return null;
        }
    }

    /// <summary>
    /// False when <see cref="FindIncludingPassThrough"/> is sure to find nothing for an operation that is not a
    /// <see cref="Find"/> sink: not a call or construction of a method that may forward a string to a sink.
    /// Cheap, and needs no <see cref="SqlFlow"/>, so callers can skip creating one.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayPassThrough(IOperation operation)
    {
        var method = operation switch
        {
            IInvocationOperation i => i.TargetMethod,
            IObjectCreationOperation c => c.Constructor,
            _ => null,
        };
        return method is not null && Flow is not null
               && _mayForward.GetOrAdd(method.OriginalDefinition, _mayForwardFactory);
    }

    /// <summary>The sink or pass-through at this operation.</summary>
    [MethodImpl(Jit.Optimized)]
    public SqlSink? FindIncludingPassThrough(IOperation operation, SqlFlow flow)
    {
        var sink = Find(operation);
        if (sink is not null)
        {
            return sink;
        }

        var method = operation switch
        {
            IInvocationOperation i => i.TargetMethod,
            IObjectCreationOperation c => c.Constructor,
            _ => null,
        };
        var arguments = operation switch
        {
            IInvocationOperation i => i.Arguments,
            IObjectCreationOperation c => c.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        if (method is null || Flow is null)
        {
            return null;
        }

        var forwarded = PassThrough.Forwarded(method.OriginalDefinition, Flow, flow);
        if (forwarded.IsEmpty)
        {
            return null;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is not null && forwarded.TryGetValue(argument.Parameter.Ordinal, out var target) && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return new SqlSink(SqlSinkKind.PassThrough, Display(method), operation, argument.Value, argument, target.Target, target.Spliced);
            }
        }

        return null;
    }

    [MethodImpl(Jit.Optimized)]
    private SqlSink? FromInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var type = definition.ContainingType;
        if (type is null)
        {
            return null;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _relationalQueryable) || SymbolEqualityComparer.Default.Equals(type, _relationalFacade))
        {
            if (EFRawNames.Contains(method.Name))
            {
                var argument = ArgumentFor(invocation.Arguments, "sql");
                return new SqlSink(SqlSinkKind.EFCoreRaw, method.Name, invocation, argument?.Value, argument);
            }

            if (EFSafeNames.Contains(method.Name))
            {
                return new SqlSink(SqlSinkKind.EFCoreInterpolated, method.Name, invocation, null, null);
            }

            return null;
        }

        if (_known.IsDapperMethod(method))
        {
            var argument = ArgumentFor(invocation.Arguments, "sql");
            return argument is null || argument.Parameter?.Type.SpecialType != SpecialType.System_String
                ? null
                : new SqlSink(SqlSinkKind.Dapper, "SqlMapper." + method.Name, invocation, argument.Value, argument);
        }

        if (!_context.Config.RawSql.Sinks.IsEmpty && MatchesUserSink(method, 'M'))
        {
            var argument = FirstStringArgument(invocation.Arguments);
            return new SqlSink(SqlSinkKind.User, Display(method), invocation, argument?.Value, argument);
        }

        return null;
    }

    [MethodImpl(Jit.Optimized)]
    private SqlSink? FromCreation(IObjectCreationOperation creation)
    {
        var type = creation.Type;
        if (type is null || creation.Constructor is null)
        {
            return null;
        }

        if (_known.CommandDefinition is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _known.CommandDefinition))
        {
            var argument = ArgumentFor(creation.Arguments, "commandText");
            return argument is null ? null : new SqlSink(SqlSinkKind.Dapper, "CommandDefinition", creation, argument.Value, argument);
        }

        var (isCommand, isAdapter) = _creationKinds.GetOrAdd(type, _creationKindFactory);
        if (isCommand || isAdapter)
        {
            // SqlCommand(string cmdText, ...), SqliteCommand(string commandText, ...), SqlDataAdapter(string selectCommandText, ...):
            // the string parameter whose name ends in "Text" (never the connection string).
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                    && parameter.Name.EndsWith("Text", StringComparison.OrdinalIgnoreCase))
                {
                    return new SqlSink(SqlSinkKind.AdoNet, type.Name, creation, argument.Value, argument);
                }
            }

            return null;
        }

        if (!_context.Config.RawSql.Sinks.IsEmpty && MatchesUserSink(creation.Constructor, 'M'))
        {
            var argument = FirstStringArgument(creation.Arguments);
            return new SqlSink(SqlSinkKind.User, Display(creation.Constructor), creation, argument?.Value, argument);
        }

        return null;
    }

    [MethodImpl(Jit.Optimized)]
    private SqlSink? FromPropertySet(IOperation assignment, IPropertyReferenceOperation target, IOperation value)
    {
        var property = target.Property;
        if (property.Name == "CommandText"
            && _commandTextOwners.GetOrAdd(property.ContainingType, _isCommandFactory))
        {
            var typeName = target.Instance?.Type?.Name ?? property.ContainingType.Name;
            return new SqlSink(SqlSinkKind.AdoNet, typeName + ".CommandText", assignment, value, null);
        }

        if (!_context.Config.RawSql.Sinks.IsEmpty && MatchesUserSink(property, 'P'))
        {
            return new SqlSink(SqlSinkKind.User, property.ContainingType.Name + "." + property.Name, assignment, value, null);
        }

        return null;
    }

    /// <summary>True when <paramref name="method"/> (or its property) is declared in rawSql.sinks.</summary>
    public bool IsDeclaredSink(IMethodSymbol method)
        => !_context.Config.RawSql.Sinks.IsEmpty
           && (MatchesUserSink(method, 'M') || (method.AssociatedSymbol is { } property && MatchesUserSink(property, 'P')));

    private bool MatchesUserSink(ISymbol symbol, char kind)
    {
        foreach (var sink in _context.Config.RawSql.Sinks)
        {
            if (sink.DocIdKind == kind && _context.Matches(sink, symbol))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(Jit.Optimized)]
    internal static IArgumentOperation? ArgumentFor(ImmutableArray<IArgumentOperation> arguments, string parameterName)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>
    /// User sinks: the string parameter named <c>sql</c>, <c>commandText</c>, <c>cmdText</c> or <c>query</c>
    /// carries the SQL when there is one; otherwise the first parameter of type string.
    /// </summary>
    private static IArgumentOperation? FirstStringArgument(ImmutableArray<IArgumentOperation> arguments)
    {
        IArgumentOperation? best = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } p)
            {
                continue;
            }

            if (p.Name is "sql" or "commandText" or "cmdText" or "query")
            {
                return argument;
            }

            if (best is null || p.Ordinal < best.Parameter!.Ordinal)
            {
                best = argument;
            }
        }

        return best;
    }

    internal static string Display(IMethodSymbol method)
        => method.MethodKind == MethodKind.Constructor
            ? method.ContainingType.Name
            : (method.ContainingType is { } t ? t.Name + "." : string.Empty) + method.Name;
}

/// <summary>Where a pass-through sends one of its parameters.</summary>
internal readonly struct Forward
{
    public Forward(string target, bool spliced)
    {
        Target = target;
        Spliced = spliced;
    }

    /// <summary>The built-in or declared sink the text finally reaches.</summary>
    public string Target { get; }

    /// <summary>The parameter is spliced into SQL text on the way (not the whole SQL).</summary>
    public bool Spliced { get; }
}

/// <summary>
/// Which parameters of a method reach a SQL sink and are checked at the method's calls instead of inside
/// it (the method is a pass-through for them): a parameter that is the whole SQL text, and a parameter
/// spliced into SQL by a method only this project can call (not public, not virtual, not an entry point)
/// or declared in rawSql.sinks. A parameter spliced by a public, virtual or entry-point method is reported
/// inside that method (AG3001), so its calls are not sinks.
/// </summary>
internal static class PassThrough
{
    /// <summary>
    /// False when <see cref="Forwarded"/> is sure to be empty without looking at the body: no string parameter,
    /// not a non-virtual method with source in this compilation. Needs no <see cref="SqlFlow"/>.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static bool MayForward(IMethodSymbol method, SqlFlowCache cache)
        => HasStringParameter(method)
           && !(method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern)
           && method.ContainingType?.TypeKind != TypeKind.Interface
           && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, cache.Compilation.Assembly)
           && !method.DeclaringSyntaxReferences.IsEmpty;

    /// <summary>
    /// True when a parameter spliced into SQL by <paramref name="method"/> is checked at its calls: only this
    /// project can call it (not public or protected, not virtual, not used as a delegate is checked where it is
    /// converted), or it is declared in rawSql.sinks.
    /// </summary>
    public static bool CheckedAtCalls(IMethodSymbol method, SqlFlowCache cache)
        => MayForward(method, cache)
           && (cache.Sinks.IsDeclaredSink(method) || (!SqlEntryPoints.IsExternallyVisible(method) && !ImplementsInterface(method)));

    /// <summary>True when calls through an interface reach <paramref name="method"/> (they are not checked).</summary>
    public static bool ImplementsInterface(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.ExplicitInterfaceImplementation)
        {
            return true;
        }

        var type = method.ContainingType;
        if (type is null || method.MethodKind != MethodKind.Ordinary || method.IsStatic)
        {
            return false;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [MethodImpl(Jit.Optimized)]
    private static bool HasStringParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String)
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(Jit.Optimized)]
    public static ImmutableDictionary<int, Forward> Forwarded(IMethodSymbol method, SqlFlowCache cache, SqlFlow caller)
    {
        if (!MayForward(method, cache) || cache.EntryPoints.KindOf(method) is not null)
        {
            return ImmutableDictionary<int, Forward>.Empty;
        }

        if (cache.PassThroughSummaries.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (!caller.EnterPassThrough(method))
        {
            return ImmutableDictionary<int, Forward>.Empty;
        }

        try
        {
            var splicedChecked = CheckedAtCalls(method, cache);
            var result = ImmutableDictionary<int, Forward>.Empty;
            var flow = caller.Nested();
            foreach (var syntaxRef in method.DeclaringSyntaxReferences)
            {
                if (cache.OperationOf(syntaxRef.GetSyntax(), null) is not { } body)
                {
                    continue;
                }

                foreach (var op in body.DescendantsAndSelf())
                {
                    if (op.Kind is not (OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment))
                    {
                        continue;
                    }

                    var sink = cache.Sinks.FindIncludingPassThrough(op, flow);
                    if (sink?.SqlValue is null)
                    {
                        continue;
                    }

                    foreach (var source in flow.Evaluate(sink.SqlValue, sink.Spliced))
                    {
                        if (source.Parameter is { } p && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, method)
                            && (!source.Spliced || splicedChecked))
                        {
                            // A parameter both whole and spliced is recorded as spliced.
                            if (!result.TryGetValue(p.Ordinal, out var known) || (source.Spliced && !known.Spliced))
                            {
                                result = result.SetItem(p.Ordinal, new Forward(sink.ForwardsTo ?? sink.ApiName, source.Spliced));
                            }
                        }
                    }
                }
            }

            if (!flow.Incomplete)
            {
                cache.PassThroughSummaries.TryAdd(method, result);
            }
            else
            {
                caller.MarkIncomplete();
            }

            return result;
        }
        finally
        {
            caller.ExitPassThrough(method);
        }
    }
}
