using System.Runtime.CompilerServices;
using System;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Migrations;

/// <summary>
/// Base of the migration rules. Per compilation it resolves the EF Core types and the provider once;
/// per migration class (a symbol-start action) it reads <c>Up</c> and <c>Down</c> through the operation
/// tree and hands the whole migration to <see cref="Analyze"/> at the symbol's end (not a compilation-end
/// action: the diagnostics show live in the IDE). Designer files and model snapshots are skipped;
/// migrations at or before <c>migrations.startAfter</c> are not checked.
/// </summary>
public abstract class MigrationAnalyzer : ArchGateAnalyzer
{
    protected sealed override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.For(start.Compilation);
            if (known.Migration is null || known.MigrationBuilder is null)
            {
                return;
            }

            var config = ArchGateContext.Create(start).Config.Migrations;
            var compilation = MigrationCompilation.Shared(start.Compilation, known, config);
            if (compilation is null)
            {
                return;
            }

            start.RegisterSymbolStartAction(symbolStart =>
            {
                if (symbolStart.Symbol is not INamedTypeSymbol type || !compilation.IsMigrationClass(type) || compilation.IsBeforeStart(type))
                {
                    return;
                }

                var unit = new MigrationUnit(type, compilation);
                symbolStart.RegisterOperationBlockAction([MethodImpl(Jit.Optimized)] (block) =>
                {
                    if (block.OwningSymbol is IMethodSymbol method)
                    {
                        unit.Add(method, block.OperationBlocks, compilation);
                    }
                });
                symbolStart.RegisterSymbolEndAction([MethodImpl(Jit.Optimized)] (end) =>
                {
                    if (unit.HasUp)
                    {
                        Analyze(unit, end.ReportDiagnostic);
                    }
                });
            }, SymbolKind.NamedType);
        });
    }

    /// <summary>Checks one migration; <paramref name="report"/> reports a diagnostic.</summary>
    internal abstract void Analyze(MigrationUnit unit, Action<Diagnostic> report);

    internal static string Qualified(MigrationOp op, string? name = null)
    {
        var table = op.Schema is { } schema ? schema + "." + op.Table : op.Table ?? "?";
        return name is null ? table : table + "." + name;
    }
}
