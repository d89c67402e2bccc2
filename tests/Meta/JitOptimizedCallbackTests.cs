using System.Reflection;
using System.Runtime.CompilerServices;
using ArchGate.Analyzers.Layers;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Tests.Meta;

/// <summary>
/// Every method that receives a per-node, per-operation, per-symbol, per-member or per-file analysis context (the
/// callbacks themselves, lambdas included, and the methods they hand their context to) is compiled optimized on
/// first call. In a build the compiler process is new and tier-up stalls: only about 75 of ArchGate's ~1,200
/// methods reach tier 1, so a callback without <c>[MethodImpl(Jit.Optimized)]</c> runs unoptimized all build long
/// (docs/performance.md, sixth and seventh rounds). Found by reflection, so new rules are covered.
/// </summary>
public class JitOptimizedCallbackTests
{
    private static readonly Type[] PerElementContexts =
    [
        typeof(SyntaxNodeAnalysisContext),
        typeof(OperationAnalysisContext),
        typeof(OperationBlockAnalysisContext),
        typeof(SymbolAnalysisContext),
        typeof(SemanticModelAnalysisContext),
        typeof(SyntaxTreeAnalysisContext),
        typeof(CodeBlockAnalysisContext),
    ];

    [Fact]
    public void Callbacks_and_the_methods_they_pass_their_context_to_are_compiled_optimized()
    {
        var assembly = typeof(LayerAnalyzer).Assembly;
        var checkedMethods = 0;
        var missing = new List<string>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (!method.GetParameters().Any(p => PerElementContexts.Contains(p.ParameterType)))
                {
                    continue;
                }

                checkedMethods++;
                if ((method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0)
                {
                    missing.Add(type.FullName + "." + method.Name);
                }
            }
        }

        Assert.True(checkedMethods > 40, $"only {checkedMethods} callbacks found: the reflection no longer sees them");
        Assert.True(missing.Count == 0, "without [MethodImpl(Jit.Optimized)]:\n" + string.Join("\n", missing.OrderBy(m => m, StringComparer.Ordinal)));
    }
}
