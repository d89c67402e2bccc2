using ArchGate.Analyzers.Queries;
using ArchGate.CodeFixes.Queries;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.SyncDataAccessInAsyncAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.SyncDataAccessInAsyncAnalyzer, ArchGate.CodeFixes.Queries.SyncDataAccessInAsyncCodeFix>;

namespace ArchGate.Tests.Queries;

public class SyncDataAccessInAsyncTests
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
    public async Task Sync_ToList_in_async_method_is_awaited_with_the_token()
    {
        var source = Usings + """
            public class OrderQueries(ShopDbContext db)
            {
                public async Task<List<Order>> Big(CancellationToken ct)
                {
                    await Task.Yield();
                    return db.Orders.Where(o => o.Total > 100).{|#0:ToList()|};
                }
            }
            """ + Model;
        var fixedSource = Usings + """
            public class OrderQueries(ShopDbContext db)
            {
                public async Task<List<Order>> Big(CancellationToken ct)
                {
                    await Task.Yield();
                    return await db.Orders.Where(o => o.Total > 100).ToListAsync(ct);
                }
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource, FixVerifier.Diagnostic("AG4002").WithLocation(0).WithArguments(
            "ToList", "method 'Big'", "ToListAsync", " passing 'ct'"));
    }

    [Fact]
    public async Task Message_names_the_call_the_constraint_and_the_alternative()
    {
        var source = Usings + """
            public class OrderQueries(ShopDbContext db)
            {
                public async Task Save()
                {
                    await Task.Yield();
                    db.{|#0:SaveChanges()|};
                }
            }
            """ + Model;
        var test = Verifier.Create(null, source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(SyncDataAccessInAsyncAnalyzer.SyncDataAccessInAsync).WithLocation(0).WithMessage(
            "'DbContext.SaveChanges' is a synchronous database call inside async method 'Save' and blocks a thread while the database answers; async code uses the async data-access API (ArchGate.Queries, AG4002). Use 'await SaveChangesAsync' instead."));
        await test.RunAsync();
    }

    [Fact]
    public async Task SaveChanges_Find_and_First_are_fixed_together()
    {
        var source = Usings + """
            public class OrderCommands(ShopDbContext db)
            {
                public async Task<decimal> Close(int id, CancellationToken cancellationToken)
                {
                    var order = db.Orders.[|Find(id)|];
                    if (order is null) return 0;
                    order.Status = "closed";
                    db.[|SaveChanges()|];
                    return db.Orders.[|First()|].Total + await db.Orders.CountAsync(cancellationToken);
                }
            }
            """ + Model;
        var fixedSource = Usings + """
            public class OrderCommands(ShopDbContext db)
            {
                public async Task<decimal> Close(int id, CancellationToken cancellationToken)
                {
                    var order = await db.Orders.FindAsync(new object[] { id }, cancellationToken);
                    if (order is null) return 0;
                    order.Status = "closed";
                    await db.SaveChangesAsync(cancellationToken);
                    return (await db.Orders.FirstAsync(cancellationToken)).Total + await db.Orders.CountAsync(cancellationToken);
                }
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Raw_sql_with_an_empty_params_list_gets_the_token_overload()
    {
        var source = Usings + """
            public class Maintenance(ShopDbContext db)
            {
                public async Task<int> Purge(CancellationToken ct)
                {
                    await Task.Yield();
                    return db.Database.[|ExecuteSqlRaw("delete from Orders where Total = 0")|];
                }
            }
            """ + Model;
        var fixedSource = Usings + """
            public class Maintenance(ShopDbContext db)
            {
                public async Task<int> Purge(CancellationToken ct)
                {
                    await Task.Yield();
                    return await db.Database.ExecuteSqlRawAsync("delete from Orders where Total = 0", ct);
                }
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Explicit_loading_is_awaited()
    {
        var source = Usings + """
            public class Loader(ShopDbContext db)
            {
                public async Task<int> Lines(Order order, CancellationToken ct)
                {
                    await Task.Yield();
                    db.Entry(order).Collection(o => o.Lines).[|Load()|];
                    return order.Lines.Count;
                }
            }
            """ + Model;
        var fixedSource = Usings + """
            public class Loader(ShopDbContext db)
            {
                public async Task<int> Lines(Order order, CancellationToken ct)
                {
                    await Task.Yield();
                    await db.Entry(order).Collection(o => o.Lines).LoadAsync(ct);
                    return order.Lines.Count;
                }
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Sync_foreach_over_a_query_becomes_await_foreach()
    {
        var source = Usings + """
            public class Totals(ShopDbContext db)
            {
                public async Task<decimal> Sum(CancellationToken ct)
                {
                    var total = 0m;
                    foreach (var order in {|#0:db.Orders.Where(o => o.Total > 0)|})
                    {
                        total += order.Total;
                    }

                    await foreach (var order in db.Orders.AsAsyncEnumerable().WithCancellation(ct))
                    {
                        total += order.Total;
                    }

                    return total;
                }

                public decimal Sync()
                {
                    var total = 0m;
                    foreach (var order in db.Orders) total += order.Total;
                    return total;
                }
            }
            """ + Model;
        var fixedSource = Usings + """
            public class Totals(ShopDbContext db)
            {
                public async Task<decimal> Sum(CancellationToken ct)
                {
                    var total = 0m;
                    await foreach (var order in db.Orders.Where(o => o.Total > 0).AsAsyncEnumerable().WithCancellation(ct))
                    {
                        total += order.Total;
                    }

                    await foreach (var order in db.Orders.AsAsyncEnumerable().WithCancellation(ct))
                    {
                        total += order.Total;
                    }

                    return total;
                }

                public decimal Sync()
                {
                    var total = 0m;
                    foreach (var order in db.Orders) total += order.Total;
                    return total;
                }
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource, FixVerifier.Diagnostic("AG4002").WithLocation(0).WithArguments(
            "foreach over db.Orders.Where(o => o.Total > 0)", "method 'Sum'", "foreach (... in db.Orders.Where(o => o.Total > 0).AsAsyncEnumerable())", " with WithCancellation(ct)"));
    }

    [Fact]
    public async Task Without_a_token_in_scope_the_counterpart_is_awaited_without_one()
    {
        var source = Usings + """
            public class OrderCommands(ShopDbContext db)
            {
                public async Task<bool> Any()
                {
                    await Task.Yield();
                    return db.Orders.[|Any(o => o.Total > 10)|];
                }
            }
            """ + Model;
        var fixedSource = Usings + """
            public class OrderCommands(ShopDbContext db)
            {
                public async Task<bool> Any()
                {
                    await Task.Yield();
                    return await db.Orders.AnyAsync(o => o.Total > 10);
                }
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Dapper_and_ADO_NET_sync_calls_in_async_code()
    {
        var source = Usings + """
            public class Reports
            {
                public async Task<int> Run(DbConnection connection, CancellationToken ct)
                {
                    connection.[|Open()|];
                    var orders = connection.[|Query<Order>("select * from Orders")|].ToList();
                    using var command = connection.CreateCommand();
                    command.CommandText = "delete from Orders where Total = 0";
                    await Task.Yield();
                    return command.[|ExecuteNonQuery()|] + orders.Count;
                }
            }
            """ + Model;
        var fixedSource = Usings + """
            public class Reports
            {
                public async Task<int> Run(DbConnection connection, CancellationToken ct)
                {
                    await connection.OpenAsync(ct);
                    var orders = (await connection.QueryAsync<Order>("select * from Orders")).ToList();
                    using var command = connection.CreateCommand();
                    command.CommandText = "delete from Orders where Total = 0";
                    await Task.Yield();
                    return await command.ExecuteNonQueryAsync(ct) + orders.Count;
                }
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Async_lambda_is_async_code_too()
    {
        var source = Usings + """
            public class Jobs(ShopDbContext db)
            {
                public System.Func<CancellationToken, Task<int>> Counter() => async token =>
                {
                    await Task.Yield();
                    return db.Orders.[|Count()|];
                };
            }
            """ + Model;
        var fixedSource = Usings + """
            public class Jobs(ShopDbContext db)
            {
                public System.Func<CancellationToken, Task<int>> Counter() => async token =>
                {
                    await Task.Yield();
                    return await db.Orders.CountAsync(token);
                };
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Clean_twins_sync_method_async_api_Add_in_memory_sync_lambda_and_expression_trees()
    {
        var source = Usings + """
            public class Clean(ShopDbContext db, DbConnection connection)
            {
                // Sync access in a sync method is fine.
                public List<Order> Sync() { connection.Open(); db.SaveChanges(); return db.Orders.ToList(); }

                // Already async.
                public async Task<List<Order>> Async(CancellationToken ct)
                {
                    await db.SaveChangesAsync(ct);
                    return await db.Orders.Where(o => o.Total > 1).ToListAsync(ct);
                }

                // Add / AddRange are not round trips.
                public async Task Add(Order order, CancellationToken ct)
                {
                    db.Add(order);
                    db.Orders.AddRange(order);
                    await db.SaveChangesAsync(ct);
                }

                // An in-memory IQueryable is not a database query.
                public async Task<int> InMemory(List<Order> orders)
                {
                    await Task.Yield();
                    return orders.AsQueryable().Where(o => o.Total > 1).ToList().Count;
                }

                // A sync lambda inside an async method runs synchronously by design.
                public async Task<List<Order>> Offloaded() => await Task.Run(() => db.Orders.ToList());

                // Operators inside an IQueryable lambda are translated to SQL, not executed.
                public async Task<List<Order>> Nested(CancellationToken ct)
                    => await db.Orders.Where(o => db.Customers.Any(c => c.Id == o.CustomerId)).ToListAsync(ct);
            }
            """ + Model;
        await Verifier.AnalyzerAsync(source);
    }
}
