using ArchGate.Analyzers;

namespace ArchGate.Tests.Common;

/// <summary>
/// Common/Once: the one-time values that walk a whole compilation (layer name filters, the repository catalog, the
/// using aliases) are computed once even when every file's callback asks at the same moment, and a cancelled
/// computation is not remembered.
/// </summary>
public class OnceTests
{
    [Fact]
    public void Callers_arriving_during_the_computation_wait_for_it_instead_of_computing_again()
    {
        const int callers = 6;
        var computations = 0;
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var once = new Once<object>(_ =>
        {
            Interlocked.Increment(ref computations);
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return new object();
        });

        using var ready = new CountdownEvent(callers);
        var results = new object[callers];
        var threads = Enumerable.Range(0, callers).Select(i => new Thread(() =>
        {
            ready.Signal();
            results[i] = once.Get(CancellationToken.None);
        })).ToList();
        threads.ForEach(t => t.Start());

        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the computation never started");
        Assert.True(ready.Wait(TimeSpan.FromSeconds(30)), "the callers never started");
        Thread.Sleep(200); // every caller is now inside Get, most of them while the first computes
        release.Set();
        threads.ForEach(t => t.Join());

        Assert.Equal(1, computations);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void A_cancelled_computation_is_not_remembered()
    {
        var calls = 0;
        var once = new Once<int>(token =>
        {
            calls++;
            token.ThrowIfCancellationRequested();
            return 42;
        });

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => once.Get(cancelled.Token));
        Assert.Equal(42, once.Get(CancellationToken.None));
        Assert.Equal(42, once.Get(CancellationToken.None));
        Assert.Equal(2, calls);
    }
}
