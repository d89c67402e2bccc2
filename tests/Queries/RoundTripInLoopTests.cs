using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.RoundTripInLoopAnalyzer>;

namespace ArchGate.Tests.Queries;

public class RoundTripInLoopTests
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

    private const string RepositoryConfig = """
        { "repositories": { "interfaces": ["Shop.Application.I*Repository"] } }
        """;

    private const string Repository = """

        namespace Shop.Application
        {
            public interface IOrderRepository
            {
                Task<Order?> GetAsync(int id, CancellationToken ct);
                Task<List<Order>> GetManyAsync(IReadOnlyCollection<int> ids, CancellationToken ct);
                void Add(Order order);
            }

            public interface IClock { System.DateTime Now(); }
        }
        """;

    private const string Model = QuerySources.Model;

    [Fact]
    public async Task Find_in_a_foreach_body_is_reported_with_the_batched_alternative()
    {
        var source = Usings + """
            public class Invoices(ShopDbContext db)
            {
                public async Task<List<string>> Names(List<Order> orders, CancellationToken ct)
                {
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        var customer = await db.Customers.{|#0:FindAsync(new object[] { order.CustomerId }, ct)|};
                        names.Add(customer?.Name ?? "");
                    }

                    return names;
                }
            }
            """ + Model + Repository;
        var test = Verifier.Create(null, source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(RoundTripInLoopAnalyzer.RoundTripInLoop).WithLocation(0).WithMessage(
            "'DbSet.FindAsync' goes to the database once per iteration of a 'foreach' loop: N+1 round trips; query shape forbids a round trip per element (ArchGate.Queries, AG4001). Instead, load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Per_element_lambdas_constant_collections_and_every_loop_kind_count()
    {
        var source = Usings + """
            public class Reports(ShopDbContext db, DbConnection connection)
            {
                public List<Customer?> Lambda(List<Order> orders)
                    => orders.Select(o => db.Customers.{|#0:Find(o.CustomerId)|}).ToList();

                public void ForEachMethod(List<Order> orders)
                    => orders.ForEach(o => db.Orders.Where(x => x.Id == o.Id).{|#1:ExecuteDelete()|});

                public async Task<List<int>> Constant(CancellationToken ct)
                {
                    var counts = new List<int>();
                    foreach (var status in new[] { "new", "paid" })
                    {
                        counts.Add(await db.Orders.{|#2:CountAsync(o => o.Status == status, ct)|});
                    }

                    return counts;
                }

                public int For(int[] ids)
                {
                    var total = 0;
                    for (var i = 0; i < ids.Length; i++)
                    {
                        total += connection.{|#3:QueryFirst<int>("select count(*) from Orders where CustomerId = @id", new { id = ids[i] })|};
                    }

                    return total;
                }

                public async Task While(Queue<int> ids)
                {
                    while (ids.Count > 0)
                    {
                        var id = ids.Dequeue();
                        using var command = connection.CreateCommand();
                        command.CommandText = "delete from Orders where Id = " + id;
                        await command.{|#4:ExecuteNonQueryAsync()|};
                    }
                }

                public async Task Drain(DbCommand select, ShopDbContext other)
                {
                    using var reader = await select.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        await other.Orders.Where(o => o.Id == reader.GetInt32(0)).{|#7:ExecuteDeleteAsync()|};
                    }
                }

                public async Task Nested(List<Customer> customers, CancellationToken ct)
                {
                    foreach (var customer in customers)
                    {
                        await foreach (var order in {|#5:db.Orders.Where(o => o.CustomerId == customer.Id).AsAsyncEnumerable()|})
                        {
                            order.Status = "seen";
                        }
                    }
                }

                public int ExplicitLoading(List<Order> orders)
                {
                    var n = 0;
                    foreach (var order in orders)
                    {
                        db.Entry(order).Reference(o => o.Customer).{|#8:Load()|};
                        n += db.Entry(order).Collection(o => o.Lines).Query().{|#9:Count()|};
                    }

                    return n;
                }

                public bool AnyLarge(List<Customer> customers)
                    => customers.Any(c => db.Orders.Where(o => o.CustomerId == c.Id).{|#6:Any(o => o.Total > 100)|});
            }
            """ + Model + Repository;
        await Verifier.AnalyzerAsync(
            source,
            Verifier.Diagnostic("AG4001").WithLocation(0).WithArguments("DbSet.Find", "the lambda passed to 'Select'", "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory"),
            Verifier.Diagnostic("AG4001").WithLocation(1).WithArguments("ExecuteDelete", "the lambda passed to 'List.ForEach'", "run one set-based ExecuteUpdate/ExecuteDelete over a query that selects all the rows (Contains over the keys)"),
            Verifier.Diagnostic("AG4001").WithLocation(2).WithArguments("CountAsync", "a 'foreach' loop", "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory"),
            Verifier.Diagnostic("AG4001").WithLocation(3).WithArguments("QueryFirst", "a 'for' loop", "run one statement for all the keys before the loop (WHERE Id IN @ids with Dapper, a table-valued parameter or a join) and look the rows up in memory"),
            Verifier.Diagnostic("AG4001").WithLocation(4).WithArguments("DbCommand.ExecuteNonQueryAsync", "a 'while' loop", "run one statement for all the keys before the loop (WHERE Id IN @ids with Dapper, a table-valued parameter or a join) and look the rows up in memory"),
            Verifier.Diagnostic("AG4001").WithLocation(5).WithArguments("foreach over db.Orders.Where(o => o.CustomerId == customer.Id)", "a 'foreach' loop", "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory"),
            Verifier.Diagnostic("AG4001").WithLocation(7).WithArguments("ExecuteDeleteAsync", "a 'while' loop", "run one set-based ExecuteUpdate/ExecuteDelete over a query that selects all the rows (Contains over the keys)"),
            Verifier.Diagnostic("AG4001").WithLocation(8).WithArguments("ReferenceEntry.Load", "a 'foreach' loop", "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory"),
            Verifier.Diagnostic("AG4001").WithLocation(9).WithArguments("Count", "a 'foreach' loop", "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory"),
            Verifier.Diagnostic("AG4001").WithLocation(6).WithArguments("Any", "the lambda passed to 'Any'", "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory"));
    }

    [Fact]
    public async Task Approved_repository_call_in_a_loop_is_a_round_trip()
    {
        var source = Usings + """
            public class Shipping(Shop.Application.IOrderRepository orders, Shop.Application.IClock clock)
            {
                public async Task Ship(int[] ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var order = await orders.{|#0:GetAsync(id, ct)|};
                        if (order is not null) order.Status = "shipped " + clock.Now();
                    }
                }
            }
            """ + Model + Repository;
        await Verifier.AnalyzerAsync(
            source,
            RepositoryConfig,
            Verifier.Diagnostic("AG4001").WithLocation(0).WithArguments("IOrderRepository.GetAsync", "a 'foreach' loop", "add a repository method that loads all the rows in one call (for example taking the list of keys) and call it once before the loop (approved repositories: archgate.json repositories)"));
    }

    [Fact]
    public async Task Clean_twins_batched_forms_composition_single_queries_and_expression_trees()
    {
        var source = Usings + """
            public class Clean(ShopDbContext db, Shop.Application.IOrderRepository repository, Shop.Application.IClock clock)
            {
                // The batched form: one query with Contains, then lookups in memory.
                public async Task<List<string>> Names(List<Order> orders, CancellationToken ct)
                {
                    var ids = orders.Select(o => o.CustomerId).Distinct().ToList();
                    var customers = await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        names.Add(customers.TryGetValue(order.CustomerId, out var c) ? c.Name : "");
                    }

                    return names;
                }

                // A query built in a loop and executed once after it.
                public async Task<List<Order>> Filtered(string[] excluded, CancellationToken ct)
                {
                    IQueryable<Order> query = db.Orders;
                    foreach (var status in excluded)
                    {
                        query = query.Where(o => o.Status != status);
                    }

                    return await query.ToListAsync(ct);
                }

                // await foreach over a single query; the loop body stays in memory.
                public async Task Stream(CancellationToken ct)
                {
                    await foreach (var order in db.Orders.AsAsyncEnumerable().WithCancellation(ct))
                    {
                        order.Status = order.Status.Trim();
                    }
                }

                // A projection with a nested query is one SQL statement (expression tree).
                public Task<List<string>> Projection(CancellationToken ct)
                    => db.Orders.Select(o => db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault() ?? "").ToListAsync(ct);

                // Add in a loop is not a round trip; a batch loop with Take is paging, not N+1.
                public async Task Import(List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders) db.Orders.Add(order);
                    while (true)
                    {
                        var batch = await db.Orders.Where(o => o.Status == "new").OrderBy(o => o.Id).Take(100).ToListAsync(ct);
                        if (batch.Count == 0) break;
                        foreach (var order in batch) order.Status = "imported";
                    }
                }

                // One statement per chunk of keys is the batched form.
                public async Task Purge(int[] ids, CancellationToken ct)
                {
                    foreach (var chunk in ids.Chunk(500))
                    {
                        await db.Orders.Where(o => chunk.Contains(o.Id)).ExecuteDeleteAsync(ct);
                    }
                }

                // A periodic worker loop repeats in time, not per element.
                public async Task Worker(CancellationToken stoppingToken)
                {
                    using var timer = new System.Threading.PeriodicTimer(System.TimeSpan.FromHours(1));
                    while (await timer.WaitForNextTickAsync(stoppingToken))
                    {
                        await db.Orders.Where(o => o.Status == "new").ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, "expired"), stoppingToken);
                    }

                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await db.Orders.Where(o => o.Status == "expired").ExecuteDeleteAsync(stoppingToken);
                    }
                }

                // A retry loop and a find-the-first loop leave the loop right after the query.
                public async Task<List<Order>> Retry(CancellationToken ct)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await db.Orders.ToListAsync(ct);
                        }
                        catch (System.TimeoutException) when (attempt < 3)
                        {
                        }
                    }
                }

                public async Task<Customer?> FirstKnown(int[] ids, CancellationToken ct)
                {
                    Customer? found = null;
                    foreach (var id in ids)
                    {
                        if (id <= 0) continue;
                        found = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct);
                        break;
                    }

                    return found;
                }

                // Change-tracking repository methods (no task) are not round trips.
                public void Stage(List<Order> orders)
                {
                    foreach (var order in orders) repository.Add(order);
                }

                // A repository call outside the loop; a non-repository call inside it.
                public async Task<int> Repository(int[] ids, CancellationToken ct)
                {
                    var orders = await repository.GetManyAsync(ids, ct);
                    var n = 0;
                    foreach (var order in orders) n += clock.Now().Second;
                    return n;
                }
            }
            """ + Model + Repository;
        await Verifier.AnalyzerAsync(source, RepositoryConfig);
    }
}
