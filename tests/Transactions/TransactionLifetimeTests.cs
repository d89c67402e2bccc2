using ArchGate.Analyzers.Transactions;
using ArchGate.CodeFixes.Transactions;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.TransactionLifetimeAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.TransactionLifetimeAnalyzer, ArchGate.CodeFixes.Transactions.AddUsingToTransactionCodeFix>;

namespace ArchGate.Tests.Transactions;

public class TransactionLifetimeTests
{
    private static string Source(string body) => SeveralSaveChangesTests.Source(body);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult NotDisposed(int location, string transaction, string member)
        => Verifier.Diagnostic(TransactionLifetimeAnalyzer.TransactionNotDisposedOrCommitted).WithLocation(location).WithArguments(
            transaction, "disposed", member,
            "an undisposed transaction keeps its connection and locks until the garbage collector finalizes it",
            "declare it with 'using' ('await using' in async code) or dispose it in a finally block");

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult NotCommitted(int location, string transaction, string member, string what)
        => Verifier.Diagnostic(TransactionLifetimeAnalyzer.TransactionNotDisposedOrCommitted).WithLocation(location).WithArguments(
            transaction, "committed", member,
            "an uncommitted transaction is rolled back when it is disposed, silently losing the work",
            what);

    private const string CommitIt = "call Commit()/CommitAsync() on it after the last write (roll back in the catch), or return it to a caller that commits";

    [Fact]
    public async Task Transaction_not_disposed_is_reported()
    {
        await Verifier.AnalyzerAsync(Source("""
            public void Place(Order order)
            {
                var tx = {|#0:_db.Database.BeginTransaction()|};
                _db.Orders.Add(order);
                _db.SaveChanges();
                tx.Commit();
            }
            """), null,
            NotDisposed(0, "'tx' from 'DatabaseFacade.BeginTransaction'", "Place"));
    }

    [Fact]
    public async Task Transaction_not_committed_is_reported()
    {
        await Verifier.AnalyzerAsync(Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                await using var tx = await {|#0:_db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct)|};
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
            }

            public void Transfer(SqlConnection connection)
            {
                using (var tx = {|#1:connection.BeginTransaction()|})
                {
                    using var command = new SqlCommand("update accounts set balance = 0", connection, tx);
                    command.ExecuteNonQuery();
                }
            }

            public void Lost(IDbConnection connection)
            {
                {|#2:connection.BeginTransaction()|};
                using var command = connection.CreateCommand();
                command.CommandText = "delete from carts";
                command.ExecuteNonQuery();
            }
            """), null,
            NotCommitted(0, "'tx' from 'DatabaseFacade.BeginTransactionAsync'", "Place", CommitIt),
            NotCommitted(1, "'tx' from 'SqlConnection.BeginTransaction'", "Transfer", CommitIt),
            NotCommitted(2, "from 'IDbConnection.BeginTransaction' (result discarded)", "Lost",
                "keep the transaction in a 'using' variable and call Commit()/CommitAsync() on it after the last write"));
    }

    [Fact]
    public async Task Neither_disposed_nor_committed_gives_both_diagnostics()
    {
        await Verifier.AnalyzerAsync(Source("""
            public async Task Place(SqlConnection connection, CancellationToken ct)
            {
                var tx = await {|#0:connection.BeginTransactionAsync(ct)|};
                await using var command = new SqlCommand("insert into orders default values", connection, (SqlTransaction)tx);
                await command.ExecuteNonQueryAsync(ct);
            }
            """), null,
            NotDisposed(0, "'tx' from 'SqlConnection.BeginTransactionAsync'", "Place"),
            NotCommitted(0, "'tx' from 'SqlConnection.BeginTransactionAsync'", "Place", CommitIt));
    }

    [Fact]
    public async Task Committed_in_try_with_rollback_in_catch_is_silent()
    {
        await Verifier.AnalyzerAsync(Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                await using var tx = await _db.Database.BeginTransactionAsync(ct);
                try
                {
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }
                catch
                {
                    await tx.RollbackAsync(ct);
                    throw;
                }
            }

            public void Classic(SqlConnection connection)
            {
                SqlTransaction? tx = null;
                try
                {
                    tx = connection.BeginTransaction();
                    new SqlCommand("delete from carts", connection, tx).ExecuteNonQuery();
                    tx.Commit();
                }
                catch
                {
                    tx?.Rollback();
                    throw;
                }
                finally
                {
                    tx?.Dispose();
                }
            }
            """));
    }

    [Fact]
    public async Task Execution_strategy_pattern_is_silent()
    {
        await Verifier.AnalyzerAsync(Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                var strategy = _db.Database.CreateExecutionStrategy();
                await strategy.ExecuteAsync(async () =>
                {
                    using var tx = await _db.Database.BeginTransactionAsync(ct);
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                });
            }
            """));
    }

    [Fact]
    public async Task Ownership_transfer_and_deliberate_rollback_are_silent()
    {
        await Verifier.AnalyzerAsync(Source("""
            private IDbContextTransaction? _current;

            public IDbContextTransaction Begin() => _db.Database.BeginTransaction();

            public async Task<IDbContextTransaction> BeginAsync(CancellationToken ct)
            {
                var tx = await _db.Database.BeginTransactionAsync(ct);
                return tx;
            }

            public void Open()
            {
                _current = _db.Database.BeginTransaction();
                var tx = _db.Database.BeginTransaction();
                _current = tx;
            }

            public void Helper(Order order)
            {
                using var tx = _db.Database.BeginTransaction();
                _db.Orders.Add(order);
                _db.SaveChanges();
                Finish(tx);
            }

            private static void Finish(IDbContextTransaction tx) => tx.Commit();

            public void DryRun(Order order)
            {
                using var tx = _db.Database.BeginTransaction();
                _db.Orders.Add(order);
                _db.SaveChanges();
                tx.Rollback();
            }

            public void Facade(Order order)
            {
                _db.Database.BeginTransaction();
                _db.Orders.Add(order);
                _db.SaveChanges();
                _db.Database.CommitTransaction();
            }
            """));
    }

    [Fact]
    public async Task Other_ways_of_disposing_or_handing_over_are_silent()
    {
        await Verifier.AnalyzerAsync(Source("""
            public void UsingStatementOnTheLocal(SqlConnection connection)
            {
                var tx = connection.BeginTransaction();
                using (tx)
                {
                    new SqlCommand("delete from carts", connection, tx).ExecuteNonQuery();
                    tx.Commit();
                }
            }

            public Scope Wrapped() => new Scope(_db.Database.BeginTransaction());

            public Scope WrappedLocal()
            {
                var tx = _db.Database.BeginTransaction();
                return new Scope(tx);
            }

            public void Out(out IDbContextTransaction transaction)
            {
                var tx = _db.Database.BeginTransaction();
                transaction = tx;
            }

            public void Alias()
            {
                var tx = _db.Database.BeginTransaction();
                using var same = tx;
                same.Commit();
            }

            public (IDbContextTransaction, int) Tuple()
            {
                var tx = _db.Database.BeginTransaction();
                return (tx, 1);
            }

            public sealed class Scope(IDbContextTransaction tx) : IDisposable
            {
                public void Complete() => tx.Commit();
                public void Dispose() => tx.Dispose();
            }
            """));
    }

    [Fact]
    public async Task Read_only_snapshot_transaction_needs_no_commit()
    {
        await Verifier.AnalyzerAsync(Source("""
            public async Task<(int Orders, int Paid)> Report(CancellationToken ct)
            {
                await using var tx = await _db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Snapshot, ct);
                var orders = await _db.Orders.CountAsync(ct);
                var paid = await _db.Orders.CountAsync(o => o.Paid, ct);
                return (orders, paid);
            }

            public int AdoReport(SqlConnection connection)
            {
                using var tx = connection.BeginTransaction(System.Data.IsolationLevel.Snapshot);
                using var command = new SqlCommand("select count(*) from orders", connection, tx);
                using var reader = command.ExecuteReader();
                return reader.Read() ? reader.GetInt32(0) : 0;
            }
            """));
    }

    [Fact]
    public async Task Forgotten_commit_with_ado_and_helper_writes_is_reported()
    {
        await Verifier.AnalyzerAsync(Source("""
            public async Task Archive(SqlConnection connection, CancellationToken ct)
            {
                await using var tx = await {|#0:connection.BeginTransactionAsync(ct)|};
                await using var command = new SqlCommand("delete from carts", connection, (SqlTransaction)tx);
                await command.ExecuteNonQueryAsync(ct);
            }

            public void ViaHelper(Order order)
            {
                using var tx = {|#1:_db.Database.BeginTransaction()|};
                SaveOrder(order);
            }

            private void SaveOrder(Order order) => _db.Orders.Add(order);
            """),
            NotCommitted(0, "'tx' from 'SqlConnection.BeginTransactionAsync'", "Archive", CommitIt),
            NotCommitted(1, "'tx' from 'DatabaseFacade.BeginTransaction'", "ViaHelper", CommitIt));
    }

    [Fact]
    public async Task Facade_transaction_without_commit_is_reported()
    {
        await Verifier.AnalyzerAsync(Source("""
            public void Place(Order order)
            {
                {|#0:_db.Database.BeginTransaction()|};
                _db.Orders.Add(order);
                _db.SaveChanges();
            }
            """),
            NotCommitted(0, "from 'DatabaseFacade.BeginTransaction' (result discarded)", "Place",
                "call Database.CommitTransaction()/CommitTransactionAsync() after the last write"));
    }

    [Fact]
    public async Task Code_fix_adds_using()
    {
        await FixVerifier.CodeFixAsync(Source("""
            public void Place(Order order)
            {
                // begin
                var tx = {|#0:_db.Database.BeginTransaction()|};
                _db.Orders.Add(order);
                _db.SaveChanges();
                tx.Commit();
            }

            public void Ado(IDbConnection connection)
            {
                IDbTransaction tx = {|#1:connection.BeginTransaction()|};
                tx.Commit();
            }
            """), Source("""
            public void Place(Order order)
            {
                // begin
                using var tx = _db.Database.BeginTransaction();
                _db.Orders.Add(order);
                _db.SaveChanges();
                tx.Commit();
            }

            public void Ado(IDbConnection connection)
            {
                using IDbTransaction tx = connection.BeginTransaction();
                tx.Commit();
            }
            """), null,
            NotDisposed(0, "'tx' from 'DatabaseFacade.BeginTransaction'", "Place"),
            NotDisposed(1, "'tx' from 'IDbConnection.BeginTransaction'", "Ado"));
    }

    [Fact]
    public async Task Code_fix_adds_await_using_in_async_code()
    {
        await FixVerifier.CodeFixAsync(Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                var tx = await {|#0:_db.Database.BeginTransactionAsync(ct)|};
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }

            public async Task Ado(IDbConnection connection)
            {
                var tx = {|#1:connection.BeginTransaction()|};
                await Task.Yield();
                tx.Commit();
            }
            """), Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                await using var tx = await _db.Database.BeginTransactionAsync(ct);
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }

            public async Task Ado(IDbConnection connection)
            {
                using var tx = connection.BeginTransaction();
                await Task.Yield();
                tx.Commit();
            }
            """), null,
            NotDisposed(0, "'tx' from 'DatabaseFacade.BeginTransactionAsync'", "Place"),
            NotDisposed(1, "'tx' from 'IDbConnection.BeginTransaction'", "Ado"));
    }

    [Fact]
    public async Task Code_fix_works_in_top_level_statements()
    {
        const string source = """
            using Microsoft.EntityFrameworkCore;

            using var db = new DbContext(new DbContextOptionsBuilder().Options);
            var tx = await {|#0:db.Database.BeginTransactionAsync()|};
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            """;
        const string fixedSource = """
            using Microsoft.EntityFrameworkCore;

            using var db = new DbContext(new DbContextOptionsBuilder().Options);
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            """;
        var test = FixVerifier.Create(null, source, fixedSource);
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(NotDisposed(0, "'tx' from 'DatabaseFacade.BeginTransactionAsync'", "top-level statements"));
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_when_the_variable_is_reassigned()
    {
        var source = Source("""
            public void Twice(SqlConnection connection)
            {
                var tx = {|#0:connection.BeginTransaction()|};
                tx.Commit();
                tx = {|#1:connection.BeginTransaction()|};
                tx.Commit();
            }
            """);
        await FixVerifier.CodeFixAsync(source, source, null,
            NotDisposed(0, "'tx' from 'SqlConnection.BeginTransaction'", "Twice"),
            NotDisposed(1, "'tx' from 'SqlConnection.BeginTransaction'", "Twice"));
    }
}
