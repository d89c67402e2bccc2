using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Transactions;

/// <summary>
/// AG5001: <c>SaveChanges</c>/<c>SaveChangesAsync</c> called from code outside
/// <c>transactions.saveChangesAllowedIn</c>. Off unless that key is configured; the composition
/// root and a DbContext's own SaveChanges overrides (delegating to each other or to base) are exempt.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SaveChangesScopeAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor SaveChangesOutsideUnitOfWork = Rules.Create(
        RuleIdentifiers.SaveChangesOutsideUnitOfWork,
        "SaveChanges outside the unit-of-work scope",
        "'{0}' is called in '{1}', which is outside the scope allowed to commit (archgate.json: {2} = {3}); let the unit of work commit instead: stage the changes here and call SaveChanges from {3}",
        RuleCategories.Transactions,
        DiagnosticSeverity.Warning,
        "The team decided where a use case commits (transactions.saveChangesAllowedIn, e.g. the application layer or a UnitOfWork type). A repository or helper that saves on its own commits half a use case and makes the outer transaction boundary a fiction.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SaveChangesOutsideUnitOfWork);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var apis = TransactionApis.Create(start);
            if (!apis.HasEFCore)
            {
                return;
            }

            var archGate = ArchGateContext.Create(start);
            var scope = archGate.Config.Transactions.SaveChangesAllowedIn;
            if (scope is null)
            {
                return;
            }

            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => Analyze(c, apis, archGate, scope), OperationKind.Invocation);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, TransactionApis apis, ArchGateContext archGate, Configuration.ScopeList scope)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!apis.Data.IsDbContextSave(invocation.TargetMethod))
        {
            return;
        }

        // A DbContext's SaveChanges override delegating to base or to another overload is the save itself.
        if (apis.Data.IsOwnDbContextSave(context.ContainingSymbol))
        {
            return;
        }

        var type = ArchGateContext.EnclosingType(context.ContainingSymbol);
        if (type is null || archGate.IsCompositionRoot(type) || archGate.IsInScope(scope, type))
        {
            return;
        }

        var method = TransactionApis.Display(invocation);
        var typeName = archGate.QualifiedName(type);
        var properties = DiagnosticProperties.For(SaveChangesOutsideUnitOfWork, scope.ConfigPath, Operations.SymbolText(invocation.TargetMethod));
        properties["method"] = method;
        properties["containingType"] = typeName;
        properties["allowedIn"] = scope.Describe();
        context.ReportDiagnostic(DiagnosticProperties.Create(SaveChangesOutsideUnitOfWork, invocation.Syntax.GetLocation(), properties,
            method, typeName, scope.ConfigPath, scope.Describe()));
    }
}
