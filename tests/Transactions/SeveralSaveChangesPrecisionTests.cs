using ArchGate.Analyzers.Transactions;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.SeveralSaveChangesAnalyzer>;

namespace ArchGate.Tests.Transactions;

/// <summary>AG5003 false alarms seen on real backends (issue 16.5), each with its twin that stays reported.</summary>
public class SeveralSaveChangesPrecisionTests
{
    private static string Source(string body, string extra = "") => SeveralSaveChangesTests.Source(body) + extra;

    [Fact]
    public async Task First_save_on_a_fresh_context_with_nothing_staged_is_not_a_first_commit()
    {
        var source = Source("""
            public async Task Import(IDbContextFactory<ShopDbContext> factory, Order order, CancellationToken ct)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                await db.SaveChangesAsync(ct); // nothing tracked yet: commits nothing
                db.Orders.Add(order);
                await db.SaveChangesAsync(ct);
            }

            public void Sync(Order order)
            {
                using var db = new ShopDbContext();
                db.SaveChanges();
                db.Orders.Add(order);
                db.SaveChanges();
            }
            """);
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Fresh_context_twin_something_staged_before_the_first_save_is_reported()
    {
        var source = Source("""
            public async Task Import(IDbContextFactory<ShopDbContext> factory, Order order, CancellationToken ct)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                db.AuditEntries.Add(new AuditEntry { Text = "import" });
                await {|#1:db.SaveChangesAsync(ct)|};
                db.Orders.Add(order);
                await {|#0:db.SaveChangesAsync(ct)|};
            }
            """);
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG5003").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Second_save_with_nothing_staged_between_is_not_reported()
    {
        var source = Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                Console.WriteLine("saved " + order.Id);
                await _db.SaveChangesAsync(ct); // nothing staged since the first: commits nothing
            }
            """);
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Nothing_staged_twin_an_entity_changed_or_a_call_into_the_solution_between_is_reported()
    {
        var source = Source("""
            public async Task Pay(Order order, CancellationToken ct)
            {
                _db.Orders.Add(order);
                await {|#1:_db.SaveChangesAsync(ct)|};
                order.Paid = true;
                await {|#0:_db.SaveChangesAsync(ct)|};
            }

            public async Task Audit(Order order, CancellationToken ct)
            {
                _db.Orders.Add(order);
                await {|#3:_db.SaveChangesAsync(ct)|};
                Record(order);
                await {|#2:_db.SaveChangesAsync(ct)|};
            }

            private void Record(Order order) => _db.AuditEntries.Add(new AuditEntry { Text = "paid " + order.Id });
            """);
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG5003").WithLocation(0).WithLocation(1),
            Verifier.Diagnostic("AG5003").WithLocation(2).WithLocation(3));
    }

    [Fact]
    public async Task Own_transaction_wrappers_are_explicit_transactions()
    {
        var source = Source("""
            // A TransactionScope-like wrapper: a disposable that commits on Complete, recognised without configuration.
            public async Task Scoped(Order order, CancellationToken ct)
            {
                using var scope = Shop.Infrastructure.UnitOfWorkScope.Begin();
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                _db.AuditEntries.Add(new AuditEntry { Text = "placed" });
                await _db.SaveChangesAsync(ct);
                scope.Complete();
            }

            // A runner named in transactions.scopes.
            public Task Run(Shop.Infrastructure.ITransactionRunner runner, Order order, CancellationToken ct)
                => runner.RunAsync(async () =>
                {
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync(ct);
                    _db.AuditEntries.Add(new AuditEntry { Text = "placed" });
                    await _db.SaveChangesAsync(ct);
                }, ct);
            """, TransactionSources.Wrappers);
        await Verifier.AnalyzerAsync(source, """{ "transactions": { "scopes": ["T:Shop.Infrastructure.ITransactionRunner"] } }""");
    }

    [Fact]
    public async Task Own_wrapper_twin_without_the_scopes_entry_the_runner_is_not_a_transaction()
    {
        var source = Source("""
            public Task Run(Shop.Infrastructure.ITransactionRunner runner, Order order, CancellationToken ct)
                => runner.RunAsync(async () =>
                {
                    _db.Orders.Add(order);
                    await {|#1:_db.SaveChangesAsync(ct)|};
                    _db.AuditEntries.Add(new AuditEntry { Text = "placed" });
                    await {|#0:_db.SaveChangesAsync(ct)|};
                }, ct);
            """, TransactionSources.Wrappers);
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG5003").WithLocation(0).WithLocation(1));
    }
}
