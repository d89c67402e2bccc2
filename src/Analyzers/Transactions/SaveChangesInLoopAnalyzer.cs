using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Transactions;

/// <summary>
/// AG5002: a save (<c>SaveChanges(Async)</c>, or an approved repository's / unit of work's <c>Save*</c>/<c>Commit*</c>:
/// <see cref="DataAccessFacts.IsSave"/>) that runs once per element by the shared repetition model
/// (<see cref="RepetitionModel"/>, the same as AG4001's): a loop body or a lambda run per element.
/// The model leaves out retry loops, saves followed by leaving the loop, batching, memoized calls and
/// polling/consumer loops; this rule also leaves out a DbContext created inside the repeated body (each
/// pass is its own unit of work).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SaveChangesInLoopAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor SaveChangesInLoop = Rules.Create(
        RuleIdentifiers.SaveChangesInLoop,
        "SaveChanges inside a loop",
        "'{0}' is called inside {1}, so every element is committed on its own: one round trip and one transaction per element, and a failure leaves the earlier elements saved (a unit of work commits once); stage the changes in the loop and call {0} once after it (in batches of N if the set is large)",
        RuleCategories.Transactions,
        DiagnosticSeverity.Warning,
        "Each SaveChanges is a database round trip and its own transaction. Inside a loop that is N round trips and N commits: slow, and a failure at element k leaves elements 1..k-1 committed. Add or modify the entities in the loop and save once afterwards.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SaveChangesInLoop);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var apis = TransactionApis.Create(start);
            if (!apis.HasSaves)
            {
                return;
            }

            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (c) => Analyze(c, apis), OperationKind.Invocation);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationAnalysisContext context, TransactionApis apis)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!RepetitionModel.MayRepeat(invocation) || !apis.Data.IsSave(invocation.TargetMethod))
        {
            return;
        }

        // The one repetition model shared with AG4001 decides whether the save runs once per element.
        var repetition = apis.Repetition.Find(invocation);
        if (repetition is null || IsOwnUnitOfWork(invocation, repetition.Body, apis))
        {
            return;
        }

        var where = repetition.LoopDescription ?? "a lambda run per element by '" + repetition.Operator + "'";
        var method = TransactionApis.Display(invocation);
        var properties = DiagnosticProperties.For(SaveChangesInLoop, symbol: Operations.SymbolText(invocation.TargetMethod));
        properties["method"] = method;
        properties["loop"] = where;
        if (!apis.Data.IsDbContextSave(invocation.TargetMethod))
        {
            properties[DiagnosticProperties.ConfigPath] = "repositories";
        }

        context.ReportDiagnostic(DiagnosticProperties.Create(SaveChangesInLoop, invocation.Syntax.GetLocation(), properties, method, where));
    }

    /// <summary>True when the DbContext saved is a local declared inside the repeated body: each pass has its own context (unit of work).</summary>
    private static bool IsOwnUnitOfWork(IInvocationOperation call, IOperation? body, TransactionApis apis)
    {
        if (body is null || Operations.Receiver(call, UnwrapOptions.Implicit) is not ILocalReferenceOperation local)
        {
            return false;
        }

        foreach (var syntaxReference in local.Local.DeclaringSyntaxReferences)
        {
            if (body.Syntax.Span.Contains(syntaxReference.Span))
            {
                return apis.Known.IsDbContext(local.Local.Type);
            }
        }

        return false;
    }
}
