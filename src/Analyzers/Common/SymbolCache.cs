using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>
/// Concurrent caches keyed by symbols, sized for analyzer callbacks. The compiler runs many callbacks
/// at once on its thread pool, and most cache traffic in a first build is inserts (every type or member
/// is seen for the first time). A default <see cref="ConcurrentDictionary{TKey, TValue}"/> has one lock
/// stripe per processor and starts small, so on a 2-core build machine concurrent inserts queue on two
/// locks and every resize takes all of them. These start with more stripes and room for a project's
/// worth of entries (why, with figures: docs/performance.md, third round).
/// </summary>
internal static class SymbolCache
{
    private const int ConcurrencyLevel = 32;

    public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>(int capacity = 1024)
        where TKey : class, ISymbol
        => new(ConcurrencyLevel, capacity, SymbolEqualityComparer.Default);
}
