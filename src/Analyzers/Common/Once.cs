using System.Runtime.CompilerServices;
using System;
using System.Threading;

namespace ArchGate.Analyzers;

/// <summary>
/// A value computed on first use, once, with the cancellation token of the call that needs it. Callers that
/// arrive while it is being computed wait for that computation instead of starting their own: the values held
/// this way (the layer name filters, the approved-repository catalog, the using aliases of a compilation) walk
/// the whole compilation, and at the start of a build every file's callback asks for them at the same moment
/// (computing them in parallel cost LayerAnalyzer about a third of its build time: docs/performance.md, sixth
/// round). Unlike a <see cref="Lazy{T}"/> built over a token, which caches the
/// <see cref="OperationCanceledException"/> of a cancelled run for the rest of the compilation, a cancelled
/// computation leaves nothing behind and the next caller computes again.
/// </summary>
internal sealed class Once<T>
{
    private readonly Func<CancellationToken, T> _compute;
    private readonly object _gate = new();
    private Box? _box;

    public Once(Func<CancellationToken, T> compute) => _compute = compute;

    [MethodImpl(Jit.Optimized)]
    public T Get(CancellationToken cancellationToken)
    {
        var box = Volatile.Read(ref _box);
        if (box is not null)
        {
            return box.Value;
        }

        lock (_gate)
        {
            box = _box;
            if (box is null)
            {
                // A cancellation throws out of here with nothing stored; the next caller computes.
                box = new Box(_compute(cancellationToken));
                Volatile.Write(ref _box, box);
            }

            return box.Value;
        }
    }

    private sealed class Box
    {
        public Box(T value) => Value = value;

        public T Value { get; }
    }
}
