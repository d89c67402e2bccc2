using System.Runtime.CompilerServices;
using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Sql;

/// <summary>
/// AG3002: when <c>rawSql.allowedIn</c> is configured, every call of a raw-SQL API — EF Core
/// FromSql*/ExecuteSql*/SqlQuery*, Dapper, ADO.NET command text, rawSql.sinks — even with constant
/// SQL, must be made from inside that scope. The composition root is exempt.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RawSqlPolicyAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor RawSqlOutsideAllowedScope = Rules.Create(
        RuleIdentifiers.RawSqlOutsideAllowedScope,
        "Raw SQL outside rawSql.allowedIn",
        "'{0}' executes raw SQL in '{1}'{2}; raw SQL is allowed only in {3} (archgate.json: rawSql.allowedIn). Move the query into a type in that scope (e.g. a repository) and call it from here.",
        RuleCategories.Sql,
        DiagnosticSeverity.Warning,
        "When rawSql.allowedIn is configured, every call of a raw-SQL API (EF Core FromSql*/ExecuteSql*/SqlQuery*, Dapper, ADO.NET commands, rawSql.sinks), even with constant SQL, must be inside that scope. The composition root is exempt.");

    public const string ApiProperty = "api";
    public const string TypeProperty = "type";
    public const string LayerProperty = "layer";
    public const string ConfigPathProperty = DiagnosticProperties.ConfigPath;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(RawSqlOutsideAllowedScope);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var archGate = ArchGateContext.Create(start);
            var scope = archGate.Config.RawSql.AllowedIn;
            if (scope is null)
            {
                return;
            }

            var sinks = new SqlSinks(KnownSymbols.For(start.Compilation), archGate);
            if (!sinks.AnyApi)
            {
                return;
            }

            // Whether code in a type is subject to the policy, answered once per type (not once per operation).
            var subject = new SymbolMemo<INamedTypeSymbol, bool>();
            Func<INamedTypeSymbol, bool> isSubject = t => !archGate.IsCompositionRoot(t) && !archGate.IsInScope(scope, t);
            start.RegisterOperationAction(
                [MethodImpl(Jit.Optimized)] (c) =>
                {
                    var type = ArchGateContext.EnclosingType(c.ContainingSymbol);
                    if (type is null || !subject.GetOrAdd(type, isSubject))
                    {
                        return;
                    }

                    var sink = sinks.Find(c.Operation);
                    if (sink is null)
                    {
                        return;
                    }

                    var layer = archGate.LayerOf(type);
                    var typeName = archGate.QualifiedName(type);
                    var properties = DiagnosticProperties.For(RawSqlOutsideAllowedScope, scope.ConfigPath, sink.ApiName);
                    properties[ApiProperty] = sink.ApiName;
                    properties[TypeProperty] = typeName;
                    properties[LayerProperty] = layer;
                    c.ReportDiagnostic(DiagnosticProperties.Create(
                        RawSqlOutsideAllowedScope,
                        LocationOf(c.Operation.Syntax),
                        properties,
                        sink.ApiName,
                        typeName,
                        layer is null ? string.Empty : " (layer " + layer + ")",
                        scope.Describe()));
                },
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
        });
    }

    /// <summary>The called name for a call, the whole creation, the assigned property.</summary>
    private static Location LocationOf(SyntaxNode syntax)
        => syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.GetLocation(),
            AssignmentExpressionSyntax assignment => assignment.Left.GetLocation(),
            _ => syntax.GetLocation(),
        };
}
