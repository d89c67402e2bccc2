using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>
/// One value per compilation, shared by every ArchGate analyzer that asks for it (the compiler runs
/// each analyzer's compilation-start action separately; without this, each would build and fill its
/// own caches). The value is kept only while the compilation is alive. A value built from other
/// inputs (<paramref name="fits"/> says no: say a different configuration) is replaced.
/// </summary>
internal sealed class SharedPerCompilation<T>
    where T : class
{
    private readonly ConditionalWeakTable<Compilation, T> _table = new();
    private readonly object _gate = new();

    public T GetOrCreate<TState>(Compilation compilation, TState state, Func<T, TState, bool> fits, Func<Compilation, TState, T> create)
    {
        if (_table.TryGetValue(compilation, out var existing) && fits(existing, state))
        {
            return existing;
        }

        lock (_gate)
        {
            if (_table.TryGetValue(compilation, out existing))
            {
                if (fits(existing, state))
                {
                    return existing;
                }

                _table.Remove(compilation);
            }

            var created = create(compilation, state);
            _table.Add(compilation, created);
            return created;
        }
    }
}
