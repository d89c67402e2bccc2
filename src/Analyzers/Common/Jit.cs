using System.Runtime.CompilerServices;

namespace ArchGate.Analyzers;

/// <summary>
/// <c>MethodImplOptions.AggressiveOptimization</c> (not in netstandard2.0's enum; .NET Core 3.0+ honours it,
/// other runtimes ignore it): compiles a method optimized on first call instead of tier 0.
/// Being retired: A/B builds measured it within noise (docs/performance.md, "Shared facts"), so
/// the shared code and the layer and repository rules no longer use it. Do not add new uses; the
/// remaining ones go with their families' next change, and this class with the last of them.
/// </summary>
internal static class Jit
{
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
