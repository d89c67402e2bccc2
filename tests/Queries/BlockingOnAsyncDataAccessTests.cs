using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.BlockingOnAsyncDataAccessAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.BlockingOnAsyncDataAccessAnalyzer, ArchGate.CodeFixes.Queries.BlockingOnAsyncDataAccessCodeFix>;

namespace ArchGate.Tests.Queries;

public class BlockingOnAsyncDataAccessTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        """;

    private const string Model = QuerySources.Model;

    [Fact]
    public async Task Result_Wait_and_GetResult_in_async_code_are_awaited()
    {
        var source = Usings + """
            public class OrderService(ShopDbContext db, DbConnection connection)
            {
                public async Task<int> Run(CancellationToken ct)
                {
                    var orders = {|#0:db.Orders.ToListAsync(ct).Result|};
                    {|#1:db.SaveChangesAsync(ct).Wait()|};
                    var rows = {|#2:connection.QueryAsync<Order>("select * from Orders").GetAwaiter().GetResult()|}.ToList();
                    using var command = connection.CreateCommand();
                    var scalar = {|#3:command.ExecuteScalarAsync(ct).ConfigureAwait(false).GetAwaiter().GetResult()|};
                    var found = {|#4:db.Orders.FindAsync(1).Result|};
                    await Task.Yield();
                    return orders.Count + rows.Count + (scalar is null ? 0 : 1) + (found is null ? 0 : 1);
                }
            }
            """ + Model;
        var fixedSource = Usings + """
            public class OrderService(ShopDbContext db, DbConnection connection)
            {
                public async Task<int> Run(CancellationToken ct)
                {
                    var orders = await db.Orders.ToListAsync(ct);
                    await db.SaveChangesAsync(ct);
                    var rows = (await connection.QueryAsync<Order>("select * from Orders")).ToList();
                    using var command = connection.CreateCommand();
                    var scalar = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                    var found = await db.Orders.FindAsync(1);
                    await Task.Yield();
                    return orders.Count + rows.Count + (scalar is null ? 0 : 1) + (found is null ? 0 : 1);
                }
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(
            source,
            fixedSource,
            FixVerifier.Diagnostic("AG4003").WithLocation(0).WithArguments(".Result", "ToListAsync", "Await the task instead"),
            FixVerifier.Diagnostic("AG4003").WithLocation(1).WithArguments(".Wait()", "DbContext.SaveChangesAsync", "Await the task instead"),
            FixVerifier.Diagnostic("AG4003").WithLocation(2).WithArguments(".GetAwaiter().GetResult()", "QueryAsync", "Await the task instead"),
            FixVerifier.Diagnostic("AG4003").WithLocation(3).WithArguments(".GetAwaiter().GetResult()", "DbCommand.ExecuteScalarAsync", "Await the task instead"),
            FixVerifier.Diagnostic("AG4003").WithLocation(4).WithArguments(".Result", "DbSet.FindAsync", "Await the task instead"));
    }

    [Fact]
    public async Task Blocking_in_a_sync_method_is_reported_without_a_fix()
    {
        var source = Usings + """
            public class OrderService(ShopDbContext db)
            {
                public List<Order> All()
                {
                    var task = db.Orders.ToListAsync();
                    return {|#0:task.Result|};
                }
            }
            """ + Model;
        var test = FixVerifier.Create(null, source, source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(BlockingOnAsyncDataAccessAnalyzer.BlockingOnAsyncDataAccess).WithLocation(0).WithMessage(
            "'.Result' blocks the thread until the async database call 'ToListAsync' completes; never block on async data access, it starves the thread pool and can deadlock (ArchGate.Queries, AG4003). Make method 'All' async and await the task instead."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Clean_twins_await_completed_tasks_and_non_database_tasks()
    {
        var source = Usings + """
            public class Clean(ShopDbContext db, ShopDbContext other, System.Net.Http.HttpClient http)
            {
                public async Task<List<Order>> Awaited(CancellationToken ct) => await db.Orders.ToListAsync(ct);

                // Tasks awaited together first: .Result only reads a completed task.
                public async Task<int> Together()
                {
                    var orders = db.Orders.CountAsync();
                    var customers = other.Customers.CountAsync();
                    await Task.WhenAll(orders, customers);
                    return orders.Result + customers.Result;
                }

                // Not data access.
                public int NotDatabase() => Task.FromResult(1).Result + http.GetStringAsync("https://example.org").Result.Length;
            }
            """ + Model;
        await Verifier.AnalyzerAsync(source);
    }
}
