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
        ImmutableArray.Create(SqlDescriptors.NonConstantSql, SqlDescriptors.SqlPassThrough);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var archGate = ArchGateContext.Create(start);
            var sinks = new SqlSinks(KnownSymbols.For(start.Compilation), archGate);
            if (!sinks.AnyApi)
            {
                return;
            }

            var cache = new SqlFlowCache(start.Compilation, sinks);
            sinks.Flow = cache;
            start.RegisterOperationAction(
                c => Analyze(c, cache, archGate),
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, SqlFlowCache cache, ArchGateContext archGate)
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

        var sources = flow.Evaluate(sink.SqlValue);
        if (sources.IsEmpty)
        {
            return;
        }

        var culprit = sources.FirstOrDefault(s => s.Parameter is null || !IsPassThroughParameter(s.Parameter));
        if (culprit is not null)
        {
            ReportNonConstant(context, sink, culprit);
            return;
        }

        // Only this method's own parameters: a pass-through.
        var parameter = sources[0].Parameter!;
        if (parameter.ContainingSymbol is IMethodSymbol method && IsExternallyVisible(method) && !IsUserSink(method, archGate))
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[MethodProperty] = method.ContainingType?.Name + "." + method.Name;
            properties[ParameterProperty] = parameter.Name;
            properties[SinkProperty] = sink.ForwardsTo ?? sink.ApiName;
            properties[SinkKindProperty] = sink.Kind.ToString();
            context.ReportDiagnostic(Diagnostic.Create(
                SqlDescriptors.SqlPassThrough,
                sink.SqlValue.Syntax.GetLocation(),
                properties.ToImmutable(),
                MethodName(method), parameter.Name, sink.ForwardsTo ?? sink.ApiName));
        }
    }

    /// <summary>Parameters that make a pass-through: those of methods, constructors, accessors and local functions (not lambdas).</summary>
    private static bool IsPassThroughParameter(IParameterSymbol parameter)
        => parameter.ContainingSymbol is IMethodSymbol { MethodKind: not MethodKind.AnonymousFunction };

    private static bool IsExternallyVisible(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return false;
        }

        for (ISymbol? s = method; s is not null && s is not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUserSink(IMethodSymbol method, ArchGateContext archGate)
    {
        foreach (var pattern in archGate.Config.RawSql.Sinks)
        {
            if (archGate.Matches(pattern, method) || (method.AssociatedSymbol is { } property && archGate.Matches(pattern, property)))
            {
                return true;
            }
        }

        return false;
    }

    private static string MethodName(IMethodSymbol method)
        => method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;

    private static void ReportNonConstant(OperationAnalysisContext context, SqlSink sink, FlowSource culprit)
    {
        var sqlSyntax = sink.SqlValue!.Syntax;
        var inside = culprit.ViaOperation ?? culprit.Operation;
        var direct = inside.Syntax.SyntaxTree == sqlSyntax.SyntaxTree
                     && inside.Syntax.SpanStart >= sqlSyntax.SpanStart && inside.Syntax.Span.End <= sqlSyntax.Span.End
                     && (culprit.Via is null || inside.Syntax != sqlSyntax);
        var culpritText = SqlTemplate.Describe(direct ? inside : culprit.Leaf);
        var culpritLine = LineOf(culprit.Leaf, sink.SqlValue);
        string how;
        if (direct)
        {
            how = inside.Syntax == sqlSyntax ? $"'{culpritText}' is not a compile-time constant" : $"'{culpritText}' is inserted into it";
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

        var template = direct ? SqlTemplate.TryCreate(sink.SqlValue) : null;
        var fix = FixKind(sink, template);
        var advice = Advice(sink, template, direct);

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[SinkProperty] = sink.ApiName;
        properties[SinkKindProperty] = sink.Kind.ToString();
        properties[CulpritProperty] = culpritText;
        properties[ViaProperty] = culprit.Via;
        properties[LineProperty] = (culprit.Leaf.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
        properties[FixProperty] = fix;
        context.ReportDiagnostic(Diagnostic.Create(
            SqlDescriptors.NonConstantSql,
            sink.SqlValue!.Syntax.GetLocation(),
            properties.ToImmutable(),
            sink.ApiName, how, advice.TrimEnd('.')));
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
