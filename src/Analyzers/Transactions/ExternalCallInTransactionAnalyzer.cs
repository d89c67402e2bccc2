using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using System.Runtime.CompilerServices;

namespace ArchGate.Analyzers.Transactions;

/// <summary>
/// AG5005: network I/O — an <c>HttpClient</c> request, or a call of an API listed in
/// <c>transactions.externalCalls</c> — between the beginning of a transaction and its end, within one
/// member. The open span is positional: from the begin call to the first Commit/Rollback/Dispose of
/// the transaction after it (or the first call handing it to a method of this solution, which may
/// commit it), else to the end of its <c>using</c> statement or of the block that holds it.
/// A <c>TransactionScope</c> stays open until it is disposed (<c>Complete()</c> only votes to commit); the
/// project's own wrapper (<c>transactions.scopes</c>, or a disposable with <c>Complete</c>/<c>Commit</c>) until
/// its <c>Complete</c>/<c>Commit</c>/<c>Rollback</c> or its disposal.
/// Calls in lambdas are counted when the lambda is an argument of a call (it runs there); calls in
/// local functions and stored delegates are not.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExternalCallInTransactionAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor ExternalCallInsideTransaction = Rules.Create(
        RuleIdentifiers.ExternalCallInsideTransaction,
        "External I/O inside an open transaction",
        "'{0}' does network I/O ({1}) while the transaction begun at line {2} is open, so the transaction holds its locks for the whole latency of the call and cannot undo the remote effect if it rolls back (no external I/O inside a transaction); make the call after the commit, or record it in an outbox table inside the transaction",
        RuleCategories.Transactions,
        DiagnosticSeverity.Warning,
        "A network call inside a transaction keeps row and table locks for as long as the remote side takes to answer, and its effect cannot be rolled back with the database. Commit first, then call out; or write an outbox row in the transaction and publish after the commit.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ExternalCallInsideTransaction);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var apis = TransactionApis.Create(start);
            if (!apis.HasTransactions)
            {
                return;
            }

            var archGate = ArchGateContext.Create(start);
            var external = archGate.Config.Transactions.ExternalCalls;
            start.RegisterOperationBlockAction([MethodImpl(Jit.Optimized)] (c) => Analyze(c, apis, archGate, external));
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void Analyze(OperationBlockAnalysisContext context, TransactionApis apis, ArchGateContext archGate, ImmutableArray<NamePattern> external)
    {
        if (!TransactionStart.AnyStart(context.OperationBlocks, apis))
        {
            return; // most members: one allocation-free pass, nothing else
        }

        var starts = TransactionStart.Find(TransactionOperations.AllOperations(context.OperationBlocks), apis);
        if (starts.Count == 0)
        {
            return;
        }

        var all = TransactionOperations.AllOperations(context.OperationBlocks).ToList();

        var regions = new List<(TransactionStart Start, TextSpan Span)>();
        foreach (var start in starts)
        {
            var span = OpenSpan(start, all, apis);
            if (span is { } s)
            {
                regions.Add((start, s));
            }
        }

        foreach (var operation in all)
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            var why = ExternalReason(invocation.TargetMethod, apis, archGate, external, out var configured);
            if (why is null)
            {
                continue;
            }

            foreach (var region in regions)
            {
                if (!region.Span.Contains(invocation.Syntax.SpanStart)
                    || invocation.Syntax.SyntaxTree != region.Start.Operation.Syntax.SyntaxTree
                    || !RunsWithin(invocation, region.Start.Operation))
                {
                    continue;
                }

                var method = TransactionApis.Display(invocation);
                var line = TransactionOperations.Line(region.Start.Operation).ToString(CultureInfo.InvariantCulture);
                var properties = DiagnosticProperties.For(ExternalCallInsideTransaction, configured is null ? null : "transactions.externalCalls", Operations.SymbolText(invocation.TargetMethod));
                properties["method"] = method;
                properties["reason"] = configured is null ? "httpClient" : "externalCalls";
                properties["pattern"] = configured;
                properties["transactionLine"] = line;
                context.ReportDiagnostic(DiagnosticProperties.Create(ExternalCallInsideTransaction, invocation.Syntax.GetLocation(), properties,
                    ImmutableArray.Create(region.Start.Operation.Syntax.GetLocation()), method, why, line));
                break;
            }
        }
    }

    private static string? ExternalReason(IMethodSymbol method, TransactionApis apis, ArchGateContext archGate, ImmutableArray<NamePattern> external, out string? configured)
    {
        configured = null;
        if (!external.IsEmpty)
        {
            foreach (var candidate in SelfAndImplemented(method))
            {
                foreach (var pattern in external)
                {
                    if (archGate.Matches(pattern, candidate))
                    {
                        configured = pattern.Text;
                        return "archgate.json: transactions.externalCalls '" + pattern.Text + "'";
                    }
                }
            }
        }

        return apis.IsHttpCall(method) ? "an HttpClient request" : null;
    }

    /// <summary>
    /// The method, the methods it overrides and the interface members it implements: a configured
    /// <c>M:Shop.Bus.IBus.Publish``1(``0)</c> also covers a call on the concrete bus class.
    /// </summary>
    private static IEnumerable<IMethodSymbol> SelfAndImplemented(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        yield return definition;

        for (var overridden = definition.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            yield return overridden.OriginalDefinition;
        }

        var type = definition.ContainingType;
        if (type is null || definition.IsStatic)
        {
            yield break;
        }

        foreach (var implemented in definition.ExplicitInterfaceImplementations)
        {
            yield return implemented.OriginalDefinition;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(definition.Name))
            {
                if (member is IMethodSymbol interfaceMethod
                    && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(interfaceMethod)?.OriginalDefinition, definition))
                {
                    yield return interfaceMethod.OriginalDefinition;
                }
            }
        }
    }

    /// <summary>
    /// The call runs in the transaction's flow: every lambda or local function between the call and
    /// the member is one that also holds the begin, or a lambda passed as an argument (it runs in the call).
    /// </summary>
    private static bool RunsWithin(IOperation call, IOperation begin)
    {
        for (var parent = call.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ILocalFunctionOperation or IAnonymousFunctionOperation && Operations.IsWithin(begin, parent))
            {
                return true;
            }

            switch (parent)
            {
                case ILocalFunctionOperation:
                    return false;
                case IAnonymousFunctionOperation lambda:
                    var holder = lambda.Parent is IDelegateCreationOperation creation ? creation.Parent : lambda.Parent;
                    if (holder is IConversionOperation)
                    {
                        holder = holder.Parent;
                    }

                    if (holder is not IArgumentOperation)
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>Where the transaction is open, by source position; null when it cannot be told.</summary>
    private static TextSpan? OpenSpan(TransactionStart start, List<IOperation> all, TransactionApis apis)
    {
        // A runner (transactions.scopes: runner.RunAsync(async () => { ... })): the work it is given runs in the transaction.
        if (start.Kind == TransactionKind.Wrapper && start.Operation is IInvocationOperation runner && WorkOf(runner) is { } work)
        {
            return work.Syntax.Span;
        }

        var begin = start.Operation.Syntax.Span.End;
        int end;
        switch (start.Holder)
        {
            case TransactionHolder.UsingStatement when start.UsingOperation is IUsingOperation usingStatement:
                end = usingStatement.Body.Syntax.Span.End;
                break;
            case TransactionHolder.UsingDeclaration:
            case TransactionHolder.Local:
            case TransactionHolder.Discarded:
                var block = start.Operation.Syntax.Ancestors().FirstOrDefault(a => a is BlockSyntax or CompilationUnitSyntax or SwitchSectionSyntax);
                if (block is null)
                {
                    return null;
                }

                end = block.Span.End;
                break;
            default:
                return null;
        }

        // The first end of the transaction after its begin closes the span.
        foreach (var operation in all)
        {
            if (operation is not IInvocationOperation invocation
                || invocation.Syntax.SpanStart <= begin
                || invocation.Syntax.SpanStart >= end
                || !Ends(start, invocation, apis))
            {
                continue;
            }

            end = invocation.Syntax.SpanStart;
        }

        return end > begin ? TextSpan.FromBounds(begin, end) : null;
    }

    /// <summary>The lambda a wrapper call is given as an argument (the work it runs in its transaction), if any.</summary>
    private static IAnonymousFunctionOperation? WorkOf(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            var value = Operations.Unwrap(argument.Value, UnwrapOptions.Conversions);
            if ((value is IDelegateCreationOperation creation ? creation.Target : value) is IAnonymousFunctionOperation lambda)
            {
                return lambda;
            }
        }

        return null;
    }

    private static bool Ends(TransactionStart start, IInvocationOperation invocation, TransactionApis apis)
    {
        var name = invocation.TargetMethod.Name;
        if (start.Kind == TransactionKind.EFCore
            && name is "CommitTransaction" or "CommitTransactionAsync" or "RollbackTransaction" or "RollbackTransactionAsync"
            && KnownSymbols.IsOrInheritsFrom(Operations.DeclaredReceiver(invocation.TargetMethod), apis.Known.DatabaseFacade))
        {
            return true;
        }

        // Handed to a method of this solution (a commit helper): the transaction may end there.
        if (start.Local is not null && invocation.TargetMethod.Locations.Any(l => l.IsInSource))
        {
            foreach (var argument in invocation.Arguments)
            {
                if (Operations.Unwrap(argument.Value, UnwrapOptions.Implicit) is ILocalReferenceOperation passed
                    && SymbolEqualityComparer.Default.Equals(passed.Local, start.Local))
                {
                    return true;
                }
            }
        }

        if (start.Local is null
            || TransactionOperations.InstanceLocal(invocation) is not { } local
            || !SymbolEqualityComparer.Default.Equals(local, start.Local))
        {
            return false;
        }

        return start.Kind switch
        {
            TransactionKind.TransactionScope => name is "Dispose",
            // The project's wrapper commits on Complete/Commit (what made it a wrapper), or is disposed.
            TransactionKind.Wrapper => name is "Complete" or "CompleteAsync" or "Commit" or "CommitAsync" or "Rollback" or "RollbackAsync" or "Dispose" or "DisposeAsync",
            _ => name is "Commit" or "CommitAsync" or "Rollback" or "RollbackAsync" or "Dispose" or "DisposeAsync",
        };
    }
}
