using System.Runtime.CompilerServices;

namespace ArchGate.Analyzers;

/// <summary>
/// JIT hints for the methods that run once per syntax node, operation or symbol. A build starts a
/// fresh compiler process: the compiler itself is precompiled, but analyzer code is JIT-compiled, first
/// without optimizations (tier 0), and a busy startup keeps postponing its recompilation. Measured with
/// bench/Profile (--cold, 100k lines), most of ArchGate's time in a real build was that unoptimized
/// code. Marking the hot paths <see cref="Optimized"/> compiles them optimized on first call; the rest
/// (configuration, reporting) stays tiered, as its one-time JIT cost is what matters there.
/// </summary>
internal static class Jit
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c> (not in netstandard2.0's enum; .NET Core 3.0+ honours it, other runtimes ignore it).</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
