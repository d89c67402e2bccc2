using ArchGate.Analyzers.Transactions;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.SaveChangesInLoopAnalyzer>;

namespace ArchGate.Tests.Transactions;

public class SaveChangesInLoopTests
{
    private static Task Run(string body, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var source = TransactionSources.Usings + """
            namespace Shop.Infrastructure.Persistence
            {
                public sealed class Importer
                {
                    private readonly ShopDbContext _db;
                    private readonly IDbContextFactory<ShopDbContext> _factory;
                    public Importer(ShopDbContext db, IDbContextFactory<ShopDbContext> factory) { _db = db; _factory = factory; }

            """ + body + """

                }
            }
            """ + TransactionSources.Model;
        return Verifier.AnalyzerAsync(source, null, expected);
    }

    [Fact]
    public async Task SaveChanges_in_foreach_is_reported()
    {
        await Run("""
            public void Import(List<Order> orders)
            {
                foreach (var order in orders)
                {
                    _db.Orders.Add(order);
                    {|#0:_db.SaveChanges()|};
                }
            }
            """,
            Verifier.Diagnostic(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(0).WithArguments("ShopDbContext.SaveChanges", "a 'foreach' loop"));
    }

    [Fact]
    public async Task SaveChangesAsync_in_for_while_do_and_await_foreach_is_reported()
    {
        await Run("""
            public async Task Import(Order[] orders, Queue<Order> queue, IAsyncEnumerable<Order> stream, CancellationToken ct)
            {
                for (var i = 0; i < orders.Length; i++)
                {
                    _db.Orders.Add(orders[i]);
                    await {|#0:_db.SaveChangesAsync(ct)|};
                }

                while (queue.TryDequeue(out var next))
                {
                    _db.Orders.Add(next);
                    await {|#1:_db.SaveChangesAsync(ct)|};
                }

                var n = 0;
                do
                {
                    if (orders.Length > 0) { _db.Orders.Update(orders[0]); }
                    {|#2:_db.SaveChanges()|};
                }
                while (++n < 3);

                await foreach (var o in stream)
                {
                    _db.Orders.Add(o);
                    await {|#3:_db.SaveChangesAsync(ct)|}.ConfigureAwait(false);
                }
            }
            """,
            Verifier.Diagnostic(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(0).WithArguments("ShopDbContext.SaveChangesAsync", "a 'for' loop"),
            Verifier.Diagnostic(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(1).WithArguments("ShopDbContext.SaveChangesAsync", "a 'while' loop"),
            Verifier.Diagnostic(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(2).WithArguments("ShopDbContext.SaveChanges", "a 'do' loop"),
            Verifier.Diagnostic(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(3).WithArguments("ShopDbContext.SaveChangesAsync", "an 'await foreach' loop"));
    }

    [Fact]
    public async Task Per_element_lambdas_are_reported()
    {
        await Run("""
            public async Task Import(List<Order> orders)
            {
                orders.ForEach(o => { _db.Orders.Add(o); {|#0:_db.SaveChanges()|}; });
                await Task.WhenAll(orders.Select(async o => { _db.Orders.Add(o); await {|#1:_db.SaveChangesAsync()|}; }));
            }
            """,
            Verifier.Diagnostic(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(0).WithArguments("ShopDbContext.SaveChanges", "a lambda run per element by 'List.ForEach'"),
            Verifier.Diagnostic(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(1).WithArguments("ShopDbContext.SaveChangesAsync", "a lambda run per element by 'Enumerable.Select'"));
    }

    [Fact]
    public async Task Save_through_a_DbContext_abstraction_is_reported()
    {
        await Run("""
            public interface IApplicationDbContext
            {
                DbSet<Order> Orders { get; }
                Task<int> SaveChangesAsync(CancellationToken ct);
            }

            public async Task Import(IApplicationDbContext context, List<Order> orders, CancellationToken ct)
            {
                foreach (var order in orders)
                {
                    context.Orders.Add(order);
                    await {|#0:context.SaveChangesAsync(ct)|};
                }
            }
            """,
            Verifier.Diagnostic(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(0).WithArguments("IApplicationDbContext.SaveChangesAsync", "a 'foreach' loop"));
    }

    [Fact]
    public async Task Execution_strategy_inside_a_loop_is_seen_through()
    {
        await Run("""
            public void Import(List<Order> orders)
            {
                var strategy = _db.Database.CreateExecutionStrategy();
                foreach (var order in orders)
                {
                    strategy.Execute(() => { _db.Orders.Add(order); {|#0:_db.SaveChanges()|}; });
                }
            }
            """,
            Verifier.Diagnostic("AG5002").WithLocation(0));
    }

    [Fact]
    public async Task SaveChanges_after_the_loop_is_silent()
    {
        await Run("""
            public async Task Import(List<Order> orders, CancellationToken ct)
            {
                foreach (var order in orders)
                {
                    _db.Orders.Add(order);
                }

                await _db.SaveChangesAsync(ct);
                orders.ForEach(o => o.Paid = true);
                await _db.SaveChangesAsync(ct);
            }

            // the collection of a foreach is evaluated once
            public async Task Other(CancellationToken ct)
            {
                foreach (var x in new[] { await _db.SaveChangesAsync(ct) }) { }
            }
            """);
    }

    [Fact]
    public async Task Retry_loop_break_and_batching_are_silent()
    {
        await Run("""
            public void Retry(Order order)
            {
                var saved = false;
                while (!saved)
                {
                    try
                    {
                        _db.SaveChanges();
                        saved = true;
                    }
                    catch (DbUpdateConcurrencyException ex)
                    {
                        foreach (var entry in ex.Entries) { entry.OriginalValues.SetValues(entry.GetDatabaseValues()!); }
                    }
                }
            }

            public void SaveOnce(List<Order> orders)
            {
                foreach (var order in orders)
                {
                    if (order.Paid)
                    {
                        _db.Orders.Add(order);
                        _db.SaveChanges();
                        break;
                    }
                }
            }

            public async Task Batched(IEnumerable<Order> orders, CancellationToken ct)
            {
                var count = 0;
                var batch = new List<Order>();
                foreach (var order in orders)
                {
                    _db.Orders.Add(order);
                    if (++count % 500 == 0)
                    {
                        await _db.SaveChangesAsync(ct);
                        _db.ChangeTracker.Clear();
                    }

                    batch.Add(order);
                    if (batch.Count >= 100)
                    {
                        await _db.SaveChangesAsync(ct);
                        batch.Clear();
                    }
                }

                await _db.SaveChangesAsync(ct);

                foreach (var chunk in orders.Chunk(1000))
                {
                    _db.Orders.AddRange(chunk);
                    await _db.SaveChangesAsync(ct);
                }

                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await _db.SaveChangesAsync(ct);
                        break;
                    }
                    catch (DbUpdateConcurrencyException) when (attempt < 2)
                    {
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Own_context_per_iteration_and_polling_loops_are_silent()
    {
        await Run("""
            public async Task PerTenant(List<string> tenants, CancellationToken ct)
            {
                foreach (var tenant in tenants)
                {
                    await using var db = await _factory.CreateDbContextAsync(ct);
                    db.AuditEntries.Add(new AuditEntry { Text = tenant });
                    await db.SaveChangesAsync(ct);
                }

                tenants.ForEach(t => { using var db = _factory.CreateDbContext(); db.SaveChanges(); });
            }

            public async Task Poll(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    _db.AuditEntries.Add(new AuditEntry { Text = "tick" });
                    await _db.SaveChangesAsync(stoppingToken);
                    await Task.Delay(1000, stoppingToken);
                }

                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    await _db.SaveChangesAsync(stoppingToken);
                }

                for (;;)
                {
                    await _db.SaveChangesAsync(stoppingToken);
                    if (stoppingToken.IsCancellationRequested) break;
                }

                while (true)
                {
                    await _db.SaveChangesAsync(stoppingToken);
                }
            }

            // a lambda that is not run per element (stored, run later) is its own body
            public Func<int> Later() => () => _db.SaveChanges();
            """);
    }
}
