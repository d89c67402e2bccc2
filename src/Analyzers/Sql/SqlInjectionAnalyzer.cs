using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Sql;

/// <summary>
/// AG3001 (non-constant SQL reaching a sink) and AG3003 (a public method forwarding its parameter
/// into a sink). Both come from one operation action per sink: the SQL value's non-constant sources
/// are computed by <see cref="SqlFlow"/>; sources that are the method's own parameters make a
/// pass-through (AG3003, or nothing when only this project can call the method: its callers are
/// checked at the call), any other source is AG3001.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SqlInjectionAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor NonConstantSql = Rules.Create(
        RuleIdentifiers.NonConstantSql,
        "Non-constant SQL reaches a SQL sink",
        "The SQL passed to '{0}' is not constant: {1}. {2}. {3}.",
        RuleCategories.Sql,
        DiagnosticSeverity.Warning,
        "Text that is not known at compile time reaches an API that executes it as SQL (EF Core FromSqlRaw/ExecuteSqlRaw/SqlQueryRaw, Dapper, ADO.NET CommandText and command/adapter constructors, rawSql.sinks). A small data flow follows locals, StringBuilders, static readonly fields and helper methods of the project, so SQL built only from constants is never reported. A parameter spliced into SQL text is reported unless only this project calls the method (its calls are checked instead); a parameter of a controller action, Razor Page handler, SignalR hub method or gRPC service method is request data. Pass the values as parameters instead.");

    public static readonly DiagnosticDescriptor SqlPassThrough = Rules.Create(
        RuleIdentifiers.SqlPassThrough,
        "SQL pass-through: a public method forwards its parameter into a SQL sink",
        "'{0}' forwards its parameter '{1}' into '{2}' as SQL; callers outside this project can pass any text. Take the values as separate parameters and keep the SQL constant inside '{0}', or mark the parameter as SQL in archgate.json (rawSql.sinks) so that callers are checked.",
        RuleCategories.Sql,
        DiagnosticSeverity.Info,
        "A public or protected method passes its own string parameter to a SQL sink. Callers in this project are checked by AG3001 at the call (a non-constant argument is reported there); callers in other projects are not, so the method is reported once, as information.");

    /// <summary>Diagnostic property keys.</summary>
    public const string SinkProperty = "sink";
    public const string SinkKindProperty = "sinkKind";
    public const string CulpritProperty = "culprit";
    public const string ViaProperty = "via";
    public const string LineProperty = "line";
    public const string FixProperty = "fix";
    public const string ParameterProperty = "parameter";
    public const string MethodProperty = "method";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(NonConstantSql, SqlPassThrough);

    /// <summary>Why a string parameter of the enclosing method is reported (property <c>reason</c>).</summary>
    public const string ReasonProperty = "reason";

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var archGate = ArchGateContext.Create(start);
            var known = KnownSymbols.For(start.Compilation);
            var sinks = new SqlSinks(known, archGate);
            if (!sinks.AnyApi)
            {
                return;
            }

            var cache = new SqlFlowCache(start.Compilation, sinks, new SqlEntryPoints(known, archGate.Controllers));
            sinks.Flow = cache;
            start.RegisterOperationAction(
                [MethodImpl(Jit.Optimized)] (c) => Analyze(c, cache),
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => AnalyzeDelegate(c, cache), OperationKind.MethodReference);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, SqlFlowCache cache)
    {
        // Most operations are neither a sink nor a call that may pass SQL through: reject them before allocating a flow.
        if (cache.Sinks.Find(context.Operation) is null && !cache.Sinks.MayPassThrough(context.Operation))
        {
            return;
        }

        var flow = SqlFlow.Create(cache);
        var sink = cache.Sinks.FindIncludingPassThrough(context.Operation, flow);
        if (sink?.SqlValue is null || sink.Kind == SqlSinkKind.EFCoreInterpolated)
        {
            return;
        }

        var sources = flow.Evaluate(sink.SqlValue, sink.Spliced);
        if (sources.IsEmpty)
        {
            return;
        }

        // A value that is not a parameter of the enclosing method (or of a method around it).
        var culprit = sources.FirstOrDefault(s => s.Parameter is null || !IsPassThroughParameter(s.Parameter));
        if (culprit is not null)
        {
            ReportNonConstant(context, cache, sink, culprit, reason: null);
            return;
        }

        // A parameter of a method whose callers are not all checked at the call: request data, or spliced
        // into SQL by a method that other projects (or callers through a base or an interface) can call.
        foreach (var source in sources)
        {
            var method = (IMethodSymbol)source.Parameter!.ContainingSymbol;
            var reason = ParameterReason(source, method, cache);
            if (reason is not null)
            {
                ReportNonConstant(context, cache, sink, source, reason);
                return;
            }
        }

        // Only whole-SQL parameters (and spliced ones checked at the calls): a pass-through.
        foreach (var source in sources)
        {
            var parameter = source.Parameter!;
            if (!source.Spliced && parameter.ContainingSymbol is IMethodSymbol method
                && SqlEntryPoints.IsExternallyVisible(method) && !cache.Sinks.IsDeclaredSink(method))
            {
                var properties = DiagnosticProperties.For(SqlPassThrough, symbol: sink.ForwardsTo ?? sink.ApiName);
                properties[MethodProperty] = method.ContainingType?.Name + "." + method.Name;
                properties[ParameterProperty] = parameter.Name;
                properties[SinkProperty] = sink.ForwardsTo ?? sink.ApiName;
                properties[SinkKindProperty] = sink.Kind.ToString();
                context.ReportDiagnostic(DiagnosticProperties.Create(
                    SqlPassThrough,
                    sink.SqlValue.Syntax.GetLocation(),
                    properties,
                    MethodName(method), parameter.Name, sink.ForwardsTo ?? sink.ApiName));
                return;
            }
        }
    }

    /// <summary>
    /// A method of this project that takes SQL (or a value it splices into SQL) from its parameters, converted
    /// to a delegate (a minimal-API handler, an event handler...): whoever invokes the delegate is not checked.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeDelegate(OperationAnalysisContext context, SqlFlowCache cache)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        var method = reference.Method.OriginalDefinition;
        if (reference.Parent is not IDelegateCreationOperation creation || !PassThrough.MayForward(method, cache))
        {
            return;
        }

        var forwarded = PassThrough.Forwarded(method, cache, SqlFlow.Create(cache));
        if (forwarded.IsEmpty)
        {
            return;
        }

        var first = forwarded.OrderBy(f => f.Key).First();
        var forward = first.Value;
        var parameter = method.Parameters[first.Key];
        var handler = IsMinimalApiHandler(creation);
        var how = handler
            ? $"'{MethodName(method)}' is a minimal-API handler, so its parameter '{parameter.Name}' is request data, and it reaches '{forward.Target}' as SQL"
            : $"'{MethodName(method)}' is used as a delegate here, so the text its callers pass in '{parameter.Name}' is not checked, and it reaches '{forward.Target}' as SQL";
        var properties = DiagnosticProperties.For(NonConstantSql, symbol: forward.Target);
        properties[SinkProperty] = forward.Target;
        properties[SinkKindProperty] = SqlSinkKind.PassThrough.ToString();
        properties[CulpritProperty] = parameter.Name;
        properties[ReasonProperty] = handler ? "entryPoint" : "delegate";
        properties[FixProperty] = "none";
        context.ReportDiagnostic(DiagnosticProperties.Create(
            NonConstantSql,
            reference.Syntax.GetLocation(),
            properties,
            forward.Target,
            how,
            InjectionWhy,
            $"Keep the SQL constant inside '{MethodName(method)}' and send '{parameter.Name}' as a parameter"));
    }

    private static bool IsMinimalApiHandler(IOperation creation)
    {
        var parent = creation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation call }
               && call.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal)
               && call.TargetMethod.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true;
    }

    private const string InjectionWhy = "SQL must never be assembled from run-time values (SQL injection)";

    /// <summary>Parameters that make a pass-through: those of methods, constructors, accessors and local functions (not lambdas).</summary>
    private static bool IsPassThroughParameter(IParameterSymbol parameter)
        => parameter.ContainingSymbol is IMethodSymbol { MethodKind: not MethodKind.AnonymousFunction };

    /// <summary>
    /// Why a parameter source is reported inside its method (reason key and message text), or null when the
    /// method's callers are checked at the call instead.
    /// </summary>
    private static (string Key, string Text)? ParameterReason(FlowSource source, IMethodSymbol method, SqlFlowCache cache)
    {
        var name = source.Parameter!.Name;
        if (cache.EntryPoints.KindOf(method) is { } kind)
        {
            return ("entryPoint", $"'{name}' is request data (a parameter of the {kind} '{MethodName(method)}')");
        }

        if (!source.Spliced || PassThrough.CheckedAtCalls(method, cache))
        {
            return null;
        }

        if (!PassThrough.MayForward(method, cache) || PassThrough.ImplementsInterface(method))
        {
            var what = method.ContainingType?.TypeKind == TypeKind.Interface ? "an interface member"
                : method.IsOverride ? "an override"
                : method.IsAbstract ? "abstract"
                : method.IsVirtual ? "virtual"
                : PassThrough.ImplementsInterface(method) ? "an interface implementation"
                : "not followed";
            return ("overridable", $"'{name}' is a parameter of '{MethodName(method)}', which is {what}, so calls through the base type or interface are not checked");
        }

        return ("publicParameter", $"'{name}' is a parameter of the public '{MethodName(method)}', so callers in other projects can pass any text");
    }

    private static string MethodName(IMethodSymbol method)
        => method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;

    [MethodImpl(Jit.Optimized)]
    private static void ReportNonConstant(OperationAnalysisContext context, SqlFlowCache cache, SqlSink sink, FlowSource culprit, (string Key, string Text)? reason)
    {
        var sqlSyntax = sink.SqlValue!.Syntax;
        var inside = culprit.ViaOperation ?? culprit.Operation;
        var direct = inside.Syntax.SyntaxTree == sqlSyntax.SyntaxTree
                     && inside.Syntax.SpanStart >= sqlSyntax.SpanStart && inside.Syntax.Span.End <= sqlSyntax.Span.End
                     && (culprit.Via is null || inside.Syntax != sqlSyntax);
        var culpritText = SqlTemplate.Describe(direct ? inside : culprit.Leaf);
        var culpritLine = LineOf(culprit.Leaf, sink.SqlValue);
        var template = direct ? SqlTemplate.TryCreate(sink.SqlValue) : null;
        var why = InjectionWhy;
        string how;
        if (reason is null && UnseenConstant(culprit.Operation, cache.Compilation) is { } unseen)
        {
            // A helper, field or property of a referenced project: maybe constant, but its source cannot be read here.
            how = $"'{SqlTemplate.Describe(culprit.Operation)}' comes from the referenced assembly '{unseen}'";
            why = $"ArchGate cannot see that this value is constant: the source of '{unseen}' is not part of this compilation";
        }
        else if (direct)
        {
            how = inside.Syntax == sqlSyntax ? $"'{culpritText}' is not a compile-time constant" : $"'{culpritText}' is inserted into it";
            if (template is not null && IsQuoted(template, inside))
            {
                how += " between quotes, so it is certainly a value";
            }
        }
        else if (culprit.Via is null)
        {
            how = $"it is built from '{culpritText}' {culpritLine}";
        }
        else if (culprit.Leaf == culprit.ViaOperation)
        {
            how = $"'{culprit.Via}' returns text that is not constant";
        }
        else
        {
            how = $"'{culprit.Via}' is built from '{culpritText}' {culpritLine}";
        }

        if (sink.Kind == SqlSinkKind.PassThrough)
        {
            how += $" ('{sink.ApiName}' passes it to '{sink.ForwardsTo}')";
        }

        if (reason is { } r)
        {
            how += "; " + r.Text;
        }

        var fix = FixKind(sink, template);
        var advice = why == InjectionWhy
            ? Advice(sink, template, direct)
            : "If it is constant, make it a const (constants cross projects) or build it in this project; if the value is SQL by design, declare the method that runs it in archgate.json rawSql.sinks so that its callers are checked, or suppress AG3001 here with a justification.";

        var properties = DiagnosticProperties.For(
            NonConstantSql,
            configPath: sink.Kind == SqlSinkKind.User ? "rawSql.sinks" : null,
            symbol: sink.ApiName);
        properties[SinkProperty] = sink.ApiName;
        properties[SinkKindProperty] = sink.Kind.ToString();
        properties[CulpritProperty] = culpritText;
        properties[ViaProperty] = culprit.Via;
        properties[LineProperty] = (culprit.Leaf.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
        properties[FixProperty] = fix;
        if (reason is { } reported)
        {
            properties[ReasonProperty] = reported.Key;
        }

        context.ReportDiagnostic(DiagnosticProperties.Create(
            NonConstantSql,
            sink.SqlValue!.Syntax.GetLocation(),
            properties,
            sink.ApiName, how, why, advice.TrimEnd('.')));
    }

    private static bool IsQuoted(SqlTemplate template, IOperation culprit)
    {
        foreach (var part in template.Parts)
        {
            if (part.IsHole && part.WasQuoted && part.Hole!.Syntax.Span.Contains(culprit.Syntax.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The name of the referenced (non-framework) assembly that declares the static helper, field or property
    /// this value comes from, when its arguments are constant: its value may well be constant, but its source
    /// is not in this compilation. Null otherwise.
    /// </summary>
    private static string? UnseenConstant(IOperation op, Compilation compilation)
    {
        ISymbol? member = op switch
        {
            IInvocationOperation { Instance: null } call when call.Arguments.All(a => a.Value.ConstantValue.HasValue || a.ArgumentKind == ArgumentKind.DefaultValue) => call.TargetMethod,
            IFieldReferenceOperation { Field.IsStatic: true } field => field.Field,
            IPropertyReferenceOperation { Property.IsStatic: true, Arguments.IsEmpty: true } property => property.Property,
            _ => null,
        };
        var assembly = member?.ContainingAssembly;
        if (assembly is null || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
        {
            return null;
        }

        var name = assembly.Name;
        return name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)
               || name is "mscorlib" or "netstandard"
            ? null
            : name;
    }

    private static string LineOf(IOperation op, IOperation relativeTo)
    {
        var span = op.Syntax.GetLocation().GetLineSpan();
        var line = (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
        return op.Syntax.SyntaxTree == relativeTo.Syntax.SyntaxTree
            ? "at line " + line
            : "in " + span.Path.Substring(span.Path.LastIndexOfAny(new[] { '/', '\\' }) + 1) + " line " + line;
    }

    /// <summary>Which code fix applies: "efcore", "dapper", "adonet" or "none".</summary>
    private static string FixKind(SqlSink sink, SqlTemplate? template)
    {
        if (template is null || !template.AllHolesAreValuesOrConstants || SqlTemplate.ValueHoles(template).IsEmpty)
        {
            return "none";
        }

        return sink.Kind switch
        {
            SqlSinkKind.EFCoreRaw when !template.HasConstantHoles => "efcore",
            SqlSinkKind.Dapper => "dapper",
            SqlSinkKind.AdoNet => "adonet",
            _ => "none",
        };
    }

    private static string Advice(SqlSink sink, SqlTemplate? template, bool direct)
    {
        var parameters = sink.Kind switch
        {
            SqlSinkKind.EFCoreRaw => "Pass the values as parameters: call " + SafeEFName(sink.ApiName) + " with an interpolated string (each hole becomes a DbParameter), or keep constant SQL with positional parameters ({0}) and pass the values after it.",
            SqlSinkKind.Dapper => "Pass the values as parameters: write @name placeholders in constant SQL and pass the values in the parameter object (new { name }).",
            SqlSinkKind.AdoNet => "Pass the values as parameters: write @name placeholders in constant SQL and add the values to the command's Parameters.",
            _ => "Pass constant SQL and send the values as parameters.",
        };

        if (template?.FirstNotValue is { } notValue)
        {
            return $"'{SqlTemplate.Describe(notValue.Hole!)}' is not in a value position (a table or column name, a list or a SQL fragment), so it cannot become a parameter: choose it from a constant allow-list (a switch expression returning constant strings) or use a query builder. " + parameters;
        }

        if (!direct)
        {
            return "The SQL is built across statements, so no automatic fix is offered: build it from constants only (pick identifiers and optional clauses from constant allow-lists, e.g. a switch expression) and send every value as a parameter. " + parameters;
        }

        return parameters;
    }

    private static string SafeEFName(string rawName) => rawName switch
    {
        "FromSqlRaw" => "FromSql",
        "ExecuteSqlRaw" => "ExecuteSql",
        "ExecuteSqlRawAsync" => "ExecuteSqlAsync",
        "SqlQueryRaw" => "SqlQuery",
        _ => rawName,
    };
}
