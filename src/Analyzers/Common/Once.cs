using System;
using System.Threading;

namespace ArchGate.Analyzers;

/// <summary>
/// A value computed on first use, with the cancellation token of the call that needs it. Unlike a
/// <see cref="Lazy{T}"/> built over a token (which caches the <see cref="OperationCanceledException"/>
/// of a cancelled run for the rest of the compilation) or over <see cref="CancellationToken.None"/>
/// (which cannot be cancelled), a cancelled computation leaves nothing behind and the next caller
/// computes again. Two callers racing may both compute; the first result is kept and returned to both.
/// </summary>
internal sealed class Once<T>
{
    private readonly Func<CancellationToken, T> _compute;
    private Box? _box;

    public Once(Func<CancellationToken, T> compute) => _compute = compute;

    public T Get(CancellationToken cancellationToken)
    {
        var box = Volatile.Read(ref _box);
        if (box is not null)
        {
            return box.Value;
        }

        box = new Box(_compute(cancellationToken));
        return (Interlocked.CompareExchange(ref _box, box, null) ?? box).Value;
    }

    private sealed class Box
    {
        public Box(T value) => Value = value;

        public T Value { get; }
    }
}
