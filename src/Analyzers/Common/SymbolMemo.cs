using System.Runtime.CompilerServices;
using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>
/// A lock-free memo of answers about symbols: a fixed table where each symbol has one slot (by hash),
/// holding the last answer computed for a symbol of that slot. A lookup is one array read and one
/// symbol comparison; a miss computes the answer and overwrites the slot. Nothing is locked, nothing
/// grows: analyzer callbacks run on many threads at once, and lock waits on a concurrent dictionary's
/// inserts can cost more than the answers (docs/performance.md, third round). For answers that are
/// cheap and deterministic (a layer, a name, a yes/no): two symbols sharing a slot only means one is
/// computed again.
/// </summary>
internal sealed class SymbolMemo<TKey, TValue>
    where TKey : class, ISymbol
{
    private readonly Entry?[] _entries;
    private readonly int _mask;

    /// <param name="size">Slots, rounded up to a power of two (4096 by default: 32 KB per memo on a 64-bit host).</param>
    public SymbolMemo(int size = 4096)
    {
        var slots = 16;
        while (slots < size)
        {
            slots <<= 1;
        }

        _entries = new Entry?[slots];
        _mask = slots - 1;
    }

    [MethodImpl(Jit.Optimized)]
    public bool TryGetValue(TKey key, out TValue value)
    {
        var entry = Volatile.Read(ref _entries[IndexOf(key)]);
        if (entry is not null && SymbolEqualityComparer.Default.Equals(entry.Key, key))
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/> (replacing what its slot held).</summary>
    [MethodImpl(Jit.Optimized)]
    public void Set(TKey key, TValue value) => Volatile.Write(ref _entries[IndexOf(key)], new Entry(key, value));

    [MethodImpl(Jit.Optimized)]
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        if (TryGetValue(key, out var value))
        {
            return value;
        }

        value = compute(key);
        Set(key, value);
        return value;
    }

    [MethodImpl(Jit.Optimized)]
    private int IndexOf(TKey key)
    {
        var hash = SymbolEqualityComparer.Default.GetHashCode(key);
        return (hash ^ (hash >> 15)) & _mask;
    }

    private sealed class Entry
    {
        public Entry(TKey key, TValue value)
        {
            Key = key;
            Value = value;
        }

        public TKey Key { get; }

        public TValue Value { get; }
    }
}
