using System;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>
/// One value per compilation, shared by every ArchGate analyzer that asks for it (the compiler runs each
/// analyzer's compilation-start action separately; without this, each would build and fill its own
/// caches). Held as roslyn-analyzers holds its per-compilation state: a small, bounded table of weak
/// references. It never keeps a compilation alive (the IDE creates one per edit) and never grows; a value
/// lives as long as the analyzers that registered actions with it, which is as long as it is needed. A
/// value built from other inputs (<c>fits</c> says no: say a different configuration) is replaced.
/// </summary>
internal sealed class PerCompilation<T>
    where T : class
{
    /// <summary>Compilations analyzed at the same time that share values; older ones are recomputed if asked again.</summary>
    private const int Capacity = 8;

    private readonly Entry[] _entries = new Entry[Capacity];
    private int _next;

    public T GetOrCreate<TState>(Compilation compilation, TState state, Func<T, TState, bool> fits, Func<Compilation, TState, T> create)
    {
        lock (_entries)
        {
            foreach (var entry in _entries)
            {
                if (entry is not null
                    && entry.Compilation.TryGetTarget(out var key) && ReferenceEquals(key, compilation)
                    && entry.Value.TryGetTarget(out var value) && fits(value, state))
                {
                    return value;
                }
            }

            var created = create(compilation, state);
            var slot = Array.FindIndex(_entries, e => e is null || !e.Compilation.TryGetTarget(out var c) || ReferenceEquals(c, compilation) || !e.Value.TryGetTarget(out _));
            if (slot < 0)
            {
                slot = _next;
                _next = (_next + 1) % Capacity;
            }

            _entries[slot] = new Entry(new WeakReference<Compilation>(compilation), new WeakReference<T>(created));
            return created;
        }
    }

    private sealed class Entry
    {
        public Entry(WeakReference<Compilation> compilation, WeakReference<T> value)
        {
            Compilation = compilation;
            Value = value;
        }

        public WeakReference<Compilation> Compilation { get; }

        public WeakReference<T> Value { get; }
    }
}
