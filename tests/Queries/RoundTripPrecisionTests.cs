using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.RoundTripInLoopAnalyzer>;

namespace ArchGate.Tests.Queries;

/// <summary>AG4001 shapes seen on real backends (issue 16): memoized lookups, one round trip through a repository's IQueryable, message processors.</summary>
public class RoundTripPrecisionTests
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
        { "repositories": { "interfaces": ["Shop.Application.IRepository"] } }
        """;

    private const string Repository = """

        namespace Shop.Application
        {
            public interface IRepository<T> where T : class
            {
                IQueryable<T> Query();
                Task<T?> GetAsync(int id, CancellationToken ct);
            }
        }
        """;

    private const string LoadAll = "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory";

    [Fact]
    public async Task Memoized_lookup_in_a_loop_runs_at_most_once_and_is_not_reported()
    {
        var source = Usings + """
            public class Importer(ShopDbContext db)
            {
                private Customer? _fallback;

                public async Task Assign(List<Order> orders, CancellationToken ct)
                {
                    Customer? fallback = null;
                    foreach (var order in orders)
                    {
                        if (order.Customer == null)
                        {
                            if (fallback == null)
                            {
                                fallback = await db.Customers.FirstOrDefaultAsync(c => c.Name == "default", ct);
                            }

                            order.Customer = fallback;
                        }
                    }

                    Customer? walkIn = null;
                    foreach (var order in orders)
                    {
                        if (walkIn is null) walkIn = db.Customers.First(c => c.Name == "walk-in");
                        _fallback ??= await db.Customers.FirstAsync(c => c.Name == "fallback", ct);
                        order.Customer ??= walkIn;
                    }
                }
            }
            """ + QuerySources.Model;
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Memoized_twins_a_cache_per_element_or_declared_inside_the_loop_is_reported()
    {
        var source = Usings + """
            public class Importer(ShopDbContext db)
            {
                public async Task Assign(List<Order> orders, CancellationToken ct)
                {
                    foreach (var order in orders)
                    {
                        // order.Customer is a different variable for every element: one query per element.
                        if (order.Customer == null)
                        {
                            order.Customer = await db.Customers.{|#0:FirstOrDefaultAsync(c => c.Id == order.CustomerId, ct)|};
                        }

                        Customer? local = null;
                        if (local == null) local = await db.Customers.{|#1:FindAsync(order.CustomerId)|};
                    }
                }
            }
            """ + QuerySources.Model;
        await Verifier.AnalyzerAsync(source,
            Verifier.Diagnostic("AG4001").WithLocation(0).WithArguments("FirstOrDefaultAsync", "a 'foreach' loop", LoadAll),
            Verifier.Diagnostic("AG4001").WithLocation(1).WithArguments("DbSet.FindAsync", "a 'foreach' loop", LoadAll));
    }

    [Fact]
    public async Task A_round_trip_through_a_repository_query_is_reported_once_at_the_operator_that_runs_it()
    {
        var source = Usings + """
            public class Shipping(Shop.Application.IRepository<Order> orders)
            {
                public async Task Ship(int[] ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        var order = await orders.Query().Include(o => o.Lines).{|#0:FirstOrDefaultAsync(o => o.Id == id, ct)|};
                        var count = orders.Query().{|#1:Count(o => o.CustomerId == id)|};
                    }
                }

                // Composing the repository's query in a loop and running it once after it is not a round trip per element.
                public Task<List<Order>> Compose(int[] ids, CancellationToken ct)
                {
                    var query = orders.Query();
                    foreach (var id in ids)
                    {
                        query = query.Where(o => o.Id != id);
                    }

                    return query.ToListAsync(ct);
                }
            }
            """ + QuerySources.Model + Repository;
        await Verifier.AnalyzerAsync(source, RepositoryConfig,
            Verifier.Diagnostic("AG4001").WithLocation(0).WithArguments("FirstOrDefaultAsync", "a 'foreach' loop", LoadAll),
            Verifier.Diagnostic("AG4001").WithLocation(1).WithArguments("Count", "a 'foreach' loop", LoadAll));
    }

    private const string Publisher = """

        namespace Shop.Messaging
        {
            public interface IPublisher { Task PublishAsync(Order message, CancellationToken ct); }
        }
        """;

    [Fact]
    public async Task Message_processor_loop_status_writes_are_not_reported_reads_are()
    {
        // An outbox processor: per message, publish it (its own I/O), then mark it processed.
        var source = Usings + """
            public class OutboxProcessor(ShopDbContext db, DbConnection connection, Shop.Messaging.IPublisher publisher)
            {
                public async Task Process(CancellationToken ct)
                {
                    var messages = await db.Orders.Where(o => o.Status == "pending").Take(20).ToListAsync(ct);
                    foreach (var message in messages)
                    {
                        var customer = await db.Customers.{|#0:FirstOrDefaultAsync(c => c.Id == message.CustomerId, ct)|};
                        await publisher.PublishAsync(message, ct);
                        await connection.ExecuteAsync("UPDATE Orders SET Status = 'processed' WHERE Id = @id", new { id = message.Id });
                        await db.Orders.Where(o => o.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, "processed"), ct);
                    }
                }
            }
            """ + QuerySources.Model + Publisher;
        await Verifier.AnalyzerAsync(source,
            Verifier.Diagnostic("AG4001").WithLocation(0).WithArguments("FirstOrDefaultAsync", "a 'foreach' loop", LoadAll));
    }

    [Fact]
    public async Task Message_processor_twin_a_loop_that_only_writes_is_reported()
    {
        // Nothing else per element: the writes are an N+1 that one set-based statement replaces.
        var source = Usings + """
            public class Cleanup(ShopDbContext db, DbConnection connection)
            {
                public async Task Close(List<int> ids, CancellationToken ct)
                {
                    foreach (var id in ids)
                    {
                        await connection.{|#0:ExecuteAsync("UPDATE Orders SET Status = 'closed' WHERE Id = @id", new { id })|};
                        await db.Orders.Where(o => o.Id == id).{|#1:ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, "closed"), ct)|};
                    }
                }
            }
            """ + QuerySources.Model;
        await Verifier.AnalyzerAsync(source,
            Verifier.Diagnostic("AG4001").WithLocation(0).WithArguments("ExecuteAsync", "a 'foreach' loop", "run one statement for all the keys before the loop (WHERE Id IN @ids with Dapper, a table-valued parameter or a join) and look the rows up in memory"),
            Verifier.Diagnostic("AG4001").WithLocation(1).WithArguments("ExecuteUpdateAsync", "a 'foreach' loop", "run one set-based ExecuteUpdate/ExecuteDelete over a query that selects all the rows (Contains over the keys)"));
    }
}
