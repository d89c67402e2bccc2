using ArchGate.Analyzers.Transactions;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.SeveralSaveChangesAnalyzer>;

namespace ArchGate.Tests.Transactions;

public class SeveralSaveChangesTests
{
    internal static string Source(string body) => TransactionSources.Usings + """
        namespace Shop.Application.Orders
        {
            using Shop.Infrastructure.Persistence;

            public sealed class OrderService
            {
                private readonly ShopDbContext _db;
                private readonly ShopDbContext _audit;
                public OrderService(ShopDbContext db, ShopDbContext audit) { _db = db; _audit = audit; }

        """ + body + """

            }
        }
        """ + TransactionSources.Model;

    /// <summary>1-based line of the first line containing <paramref name="text"/>.</summary>
    internal static string LineOf(string source, string text)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException(text + " not found");
    }

    [Fact]
    public async Task Second_save_without_transaction_is_reported_with_the_first_line()
    {
        var source = Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                _db.Orders.Add(order);
                await {|#1:_db.SaveChangesAsync(ct)|}; // first
                _db.AuditEntries.Add(new AuditEntry { Text = "order " + order.Id });
                await {|#0:_db.SaveChangesAsync(ct)|};
                _db.SaveChanges(); // a third one: one diagnostic per body is enough
            }
            """);
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic(SeveralSaveChangesAnalyzer.SeveralSaveChangesWithoutTransaction).WithLocation(0).WithLocation(1)
                .WithArguments("ShopDbContext.SaveChangesAsync", "Place", LineOf(source, "// first")));
    }

    [Fact]
    public async Task Saves_on_two_contexts_are_reported()
    {
        var source = Source("""
            public void Pay(Order order)
            {
                order.Paid = true;
                {|#1:_db.SaveChanges()|};
                _audit.AuditEntries.Add(new AuditEntry { Text = "paid" });
                {|#0:_audit.SaveChanges()|};
            }
            """);
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG5003").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Two_saves_in_one_lambda_are_reported_but_saves_in_different_lambdas_are_not()
    {
        var source = Source("""
            public void Register(Action<Func<int>> register)
            {
                register(() => _db.SaveChanges());
                register(() => _db.SaveChanges());
                // (something is staged between the two: a second save with nothing staged commits nothing, issue 16.5)
                register(() => { {|#1:_db.SaveChanges()|}; _db.Orders.Add(new Order()); return {|#0:_db.SaveChanges()|}; });
            }
            """);
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG5003").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Single_save_and_explicit_transactions_are_silent()
    {
        var source = Source("""
            public async Task Single(Order order, CancellationToken ct)
            {
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
            }

            public async Task WithTransaction(Order order, CancellationToken ct)
            {
                await using var tx = await _db.Database.BeginTransactionAsync(ct);
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                _db.AuditEntries.Add(new AuditEntry { Text = "placed" });
                await _db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }

            public void WithScope(Order order)
            {
                using var scope = new TransactionScope();
                _db.Orders.Add(order);
                _db.SaveChanges();
                _audit.SaveChanges();
                scope.Complete();
            }

            public async Task WithStrategy(Order order, CancellationToken ct)
            {
                var strategy = _db.Database.CreateExecutionStrategy();
                await strategy.ExecuteAsync(async () =>
                {
                    await using var tx = await _db.Database.BeginTransactionAsync(ct);
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync(ct);
                    await _db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                });
            }

            public async Task WithConnectionTransaction(SqlConnection connection, CancellationToken ct)
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                _db.Database.SetDbConnection(connection);
                await _db.Database.UseTransactionAsync(tx, ct);
                await _db.SaveChangesAsync(ct);
                await _db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            """);
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Local_functions_are_their_own_body()
    {
        var source = Source("""
            public void Run()
            {
                _db.SaveChanges();
                Later();

                void Later()
                {
                    _db.SaveChanges();
                }
            }

            public async Task TwoInALocalFunction(CancellationToken ct)
            {
                await SaveTwice();

                async Task SaveTwice()
                {
                    await {|#1:_db.SaveChangesAsync(ct)|};
                    await {|#0:_audit.SaveChangesAsync(ct)|};
                }
            }
            """);
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG5003").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Exclusive_paths_are_silent()
    {
        var source = Source("""
            public int Branches(Order order)
            {
                if (order.Paid)
                {
                    _db.SaveChanges();
                }
                else
                {
                    _audit.SaveChanges();
                }

                return 0;
            }

            public int Switch(int mode)
            {
                switch (mode)
                {
                    case 1: _db.SaveChanges(); break;
                    case 2: _db.SaveChanges(); break;
                }

                return 0;
            }

            public async Task<int> EarlyReturn(Order order, CancellationToken ct)
            {
                if (order.Id == 0)
                {
                    _db.Orders.Add(order);
                    return await _db.SaveChangesAsync(ct);
                }

                if (order.Paid)
                {
                    await _db.SaveChangesAsync(ct);
                    return 1;
                }

                try
                {
                    return await _db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    _db.ChangeTracker.Clear();
                    _db.AuditEntries.Add(new AuditEntry { Text = "failed" });
                    return await _db.SaveChangesAsync(ct);
                }
            }
            """);
        await Verifier.AnalyzerAsync(source);
    }
}
