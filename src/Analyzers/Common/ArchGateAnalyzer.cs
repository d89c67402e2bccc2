using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers;

/// <summary>
/// Base of every ArchGate analyzer: concurrent execution on, generated code skipped, so no rule
/// forgets either. Rules register their actions in <see cref="InitializeCore"/>.
/// </summary>
public abstract class ArchGateAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        InitializeCore(context);
    }

    protected abstract void InitializeCore(AnalysisContext context);
}
