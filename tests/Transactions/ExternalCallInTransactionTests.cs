using ArchGate.Analyzers.Transactions;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.ExternalCallInTransactionAnalyzer>;

namespace ArchGate.Tests.Transactions;

public class ExternalCallInTransactionTests
{
    private const string BusConfig = """
        { "transactions": { "externalCalls": ["M:Shop.Bus.IBus.Publish``1(``0)"] } }
        """;

    private const string Bus = """

        namespace Shop.Bus
        {
            public interface IBus { Task Publish<T>(T message); Task Ping(); }
        }
        """;

    private static string Source(string body) => SeveralSaveChangesTests.Source("""
        private readonly HttpClient _http = new();
        private readonly Shop.Bus.IBus _bus = null!;

        """ + body) + Bus;

    [Fact]
    public async Task HttpClient_call_before_commit_is_reported()
    {
        var source = Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                await using var tx = await {|#1:_db.Database.BeginTransactionAsync(ct)|}; // begin
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                var response = await {|#0:_http.PostAsync("https://payments/charge", null, ct)|};
                response.EnsureSuccessStatusCode();
                await tx.CommitAsync(ct);
            }
            """);
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic(ExternalCallInTransactionAnalyzer.ExternalCallInsideTransaction).WithLocation(0).WithLocation(1)
                .WithArguments("HttpClient.PostAsync", "an HttpClient request", SeveralSaveChangesTests.LineOf(source, "// begin")));
    }

    [Fact]
    public async Task Configured_external_call_is_reported()
    {
        var source = Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                using var tx = {|#1:_db.Database.BeginTransaction()|}; // begin
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                await {|#0:_bus.Publish(order)|};
                await _bus.Ping(); // not listed
                tx.Commit();
            }
            """);
        await Verifier.AnalyzerAsync(source, BusConfig,
            Verifier.Diagnostic(ExternalCallInTransactionAnalyzer.ExternalCallInsideTransaction).WithLocation(0).WithLocation(1)
                .WithArguments("IBus.Publish", "archgate.json: transactions.externalCalls 'M:Shop.Bus.IBus.Publish``1(``0)'", SeveralSaveChangesTests.LineOf(source, "// begin")));
    }

    [Fact]
    public async Task Configured_interface_method_covers_the_implementation()
    {
        var source = Source("""
            public async Task Place(Order order, RabbitBus bus, CancellationToken ct)
            {
                using var tx = {|#1:_db.Database.BeginTransaction()|};
                await _db.SaveChangesAsync(ct);
                await {|#0:bus.Publish(order)|};
                await bus.Ping();
                tx.Commit();
            }

            public sealed class RabbitBus : Shop.Bus.IBus
            {
                public Task Publish<T>(T message) => Task.CompletedTask;
                public Task Ping() => Task.CompletedTask;
            }
            """);
        await Verifier.AnalyzerAsync(source, BusConfig, Verifier.Diagnostic("AG5005").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Calls_inside_using_statement_scope_and_lambdas_are_reported()
    {
        var source = Source("""
            public async Task Sync(SqlConnection connection, List<string> urls, CancellationToken ct)
            {
                using (var tx = {|#3:connection.BeginTransaction()|})
                {
                    var text = await {|#0:_http.GetStringAsync("https://catalog/items", ct)|};
                    await Task.WhenAll(urls.Select(u => {|#1:_http.GetAsync(u, ct)|}));
                    tx.Commit();
                }

                using (var scope = {|#4:new TransactionScope(TransactionScopeAsyncFlowOption.Enabled)|})
                {
                    _db.Orders.Add(new Order());
                    await _db.SaveChangesAsync(ct);
                    scope.Complete();
                    // still inside the scope: it commits when disposed
                    await {|#2:_http.DeleteAsync("https://cache/orders", ct)|};
                }
            }
            """);
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG5005").WithLocation(0).WithLocation(3),
            Verifier.Diagnostic("AG5005").WithLocation(1).WithLocation(3),
            Verifier.Diagnostic("AG5005").WithLocation(2).WithLocation(4));
    }

    [Fact]
    public async Task Scope_declaration_and_facade_transaction_are_open_until_their_end()
    {
        var source = Source("""
            public async Task Scope(CancellationToken ct)
            {
                using var scope = {|#1:new TransactionScope(TransactionScopeAsyncFlowOption.Enabled)|};
                await _db.SaveChangesAsync(ct);
                scope.Complete();
                await {|#0:_http.PutAsync("https://search/reindex", null, ct)|};
            }

            public async Task Facade(CancellationToken ct)
            {
                {|#3:_db.Database.BeginTransaction()|};
                await {|#2:_http.PatchAsync("https://crm/customer", null, ct)|};
                await _db.SaveChangesAsync(ct);
                _db.Database.CommitTransaction();
                await _http.PatchAsync("https://crm/customer", null, ct);
            }
            """);
        await Verifier.AnalyzerAsync(source,
            Verifier.Diagnostic("AG5005").WithLocation(0).WithLocation(1),
            Verifier.Diagnostic("AG5005").WithLocation(2).WithLocation(3));
    }

    [Fact]
    public async Task Commit_helper_ends_the_transaction()
    {
        var source = Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                using var tx = _db.Database.BeginTransaction();
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                await CommitAsync(tx, ct);
                await _http.PostAsync("https://payments/charge", null, ct);
            }

            private static Task CommitAsync(IDbContextTransaction tx, CancellationToken ct) => tx.CommitAsync(ct);
            """);
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Calls_before_begin_and_after_commit_are_silent()
    {
        var source = Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                var quote = await _http.GetStringAsync("https://pricing/quote", ct);
                await using (var tx = await _db.Database.BeginTransactionAsync(ct))
                {
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

                await _http.PostAsync("https://payments/charge", null, ct);
                await _bus.Publish(order);
            }

            public async Task CommitThenCall(Order order, CancellationToken ct)
            {
                await using var tx = await _db.Database.BeginTransactionAsync(ct);
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                await _http.PostAsync("https://payments/charge", null, ct);
                await _bus.Publish(order);
            }

            public async Task Strategy(Order order, CancellationToken ct)
            {
                var strategy = _db.Database.CreateExecutionStrategy();
                await strategy.ExecuteAsync(async () =>
                {
                    using var tx = await _db.Database.BeginTransactionAsync(ct);
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                });
                await _http.PostAsync("https://payments/charge", null, ct);
            }

            public async Task ScopeEnded(CancellationToken ct)
            {
                using (var scope = new TransactionScope(TransactionScopeAsyncFlowOption.Enabled))
                {
                    await _db.SaveChangesAsync(ct);
                    scope.Complete();
                }

                await _http.GetAsync("https://cache/refresh", ct);
                Func<Task> later = () => _http.GetAsync("https://stored/for/later");
                await later();
            }

            public async Task StoredDelegateInsideTransaction(CancellationToken ct)
            {
                using var tx = _db.Database.BeginTransaction();
                Func<Task> later = () => _http.GetAsync("https://stored/for/later");
                await _db.SaveChangesAsync(ct);
                tx.Commit();
                await later();
            }
            """);
        await Verifier.AnalyzerAsync(source, BusConfig);
    }

    private const string RunnerConfig = """{ "transactions": { "scopes": ["T:Shop.Infrastructure.ITransactionRunner"] } }""";

    [Fact]
    public async Task Own_wrapper_scope_is_open_until_it_completes()
    {
        // A TransactionScope-like wrapper (a disposable committing on Complete), recognised without configuration.
        var source = Source("""
            public async Task Place(Order order, CancellationToken ct)
            {
                using var scope = {|#1:Shop.Infrastructure.UnitOfWorkScope.Begin()|}; // begin
                _db.Orders.Add(order);
                await _db.SaveChangesAsync(ct);
                await {|#0:_http.PostAsync("https://payments/charge", null, ct)|};
                scope.Complete();
                await _http.GetAsync("https://cache/refresh", ct); // after the commit: fine
            }
            """) + TransactionSources.Wrappers;
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic(ExternalCallInTransactionAnalyzer.ExternalCallInsideTransaction).WithLocation(0).WithLocation(1)
                .WithArguments("HttpClient.PostAsync", "an HttpClient request", SeveralSaveChangesTests.LineOf(source, "// begin")));
    }

    [Fact]
    public async Task Own_runner_named_in_scopes_runs_its_work_in_a_transaction()
    {
        var source = Source("""
            public Task Place(Shop.Infrastructure.ITransactionRunner runner, Order order, CancellationToken ct)
                => {|#1:runner.RunAsync(async () =>
                {
                    _db.Orders.Add(order);
                    await _db.SaveChangesAsync(ct);
                    await {|#0:_http.PostAsync("https://payments/charge", null, ct)|};
                }, ct)|}; // begin

            public async Task AfterTheRunner(Shop.Infrastructure.ITransactionRunner runner, CancellationToken ct)
            {
                await runner.RunAsync(() => _db.SaveChangesAsync(ct), ct);
                await _http.GetAsync("https://cache/refresh", ct);
            }
            """) + TransactionSources.Wrappers;
        await Verifier.AnalyzerAsync(source, RunnerConfig,
            Verifier.Diagnostic(ExternalCallInTransactionAnalyzer.ExternalCallInsideTransaction).WithLocation(0).WithLocation(1)
                .WithArguments("HttpClient.PostAsync", "an HttpClient request", SeveralSaveChangesTests.LineOf(source, "=> {|#1:runner.RunAsync")));
    }

    [Fact]
    public async Task Own_runner_twin_without_the_scopes_entry_is_silent()
    {
        var source = Source("""
            public Task Place(Shop.Infrastructure.ITransactionRunner runner, Order order, CancellationToken ct)
                => runner.RunAsync(async () =>
                {
                    await _db.SaveChangesAsync(ct);
                    await _http.PostAsync("https://payments/charge", null, ct);
                }, ct);
            """) + TransactionSources.Wrappers;
        await Verifier.AnalyzerAsync(source, (string?)null);
    }
}
