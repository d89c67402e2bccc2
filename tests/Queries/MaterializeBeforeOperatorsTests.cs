using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.MaterializeBeforeOperatorsAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.MaterializeBeforeOperatorsAnalyzer, ArchGate.CodeFixes.Queries.MaterializeBeforeOperatorsCodeFix>;

namespace ArchGate.Tests.Queries;

public class MaterializeBeforeOperatorsTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        """;

    private const string Model = QuerySources.Model;

    [Fact]
    public async Task Message_names_the_materialization_and_the_operator()
    {
        var source = Usings + """
            public class Reports(ShopDbContext db)
            {
                public IEnumerable<Order> Large() => db.Orders.{|#0:ToList()|}.Where(o => o.Total > 100);
            }
            """ + Model;
        var test = Verifier.Create(null, source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(MaterializeBeforeOperatorsAnalyzer.MaterializeBeforeOperators).WithLocation(0).WithMessage(
            "'ToList()' loads every row of the query into memory before 'Where' runs on the result; query shape keeps filtering, projection, sorting, paging and aggregates in the database (ArchGate.Queries, AG4004). Move 'Where' before 'ToList()' so that it is translated to SQL."));
        await test.RunAsync();
    }

    [Fact]
    public async Task Chained_operators_move_before_the_materialization()
    {
        var source = Usings + """
            public class Reports(ShopDbContext db)
            {
                public List<string> Names() => db.Orders.[|ToList()|].Where(o => o.Total > 100).Select(o => o.Status).ToList();

                public IEnumerable<Order> Page(int page) => db.Orders.[|AsEnumerable()|]
                    .OrderBy(o => o.Id)
                    .Skip(page * 20)
                    .Take(20);

                public int Count() => db.Orders.[|ToArray()|].Count(o => o.Status == "new");

                public List<Order> Filtered() => db.Orders.[|AsEnumerable()|].Where(o => o.Total > 5).ToList();

                public decimal Sum() => db.Orders.AsNoTracking().[|ToList()|].Where(o => o.CustomerId == 3).Sum(o => o.Total);
            }
            """ + Model;
        var fixedSource = Usings + """
            public class Reports(ShopDbContext db)
            {
                public List<string> Names() => db.Orders.Where(o => o.Total > 100).Select(o => o.Status).ToList();

                public IEnumerable<Order> Page(int page) => db.Orders
                    .OrderBy(o => o.Id)
                    .Skip(page * 20)
                    .Take(20).AsEnumerable();

                public int Count() => db.Orders.Count(o => o.Status == "new");

                public List<Order> Filtered() => db.Orders.Where(o => o.Total > 5).ToList();

                public decimal Sum() => db.Orders.AsNoTracking().Where(o => o.CustomerId == 3).Sum(o => o.Total);
            }
            """ + Model;
        await FixVerifier.CodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task Awaited_ToListAsync_and_a_local_used_once_are_reported_without_a_fix()
    {
        var source = Usings + """
            public class Reports(ShopDbContext db)
            {
                public async Task<List<Order>> Awaited(CancellationToken ct)
                    => (await db.Orders.{|#0:ToListAsync(ct)|}).Where(o => o.Total > 100).ToList();

                public int Local()
                {
                    var all = db.Orders.Where(o => o.Status != "").ToList();
                    return all.{|#1:Count(o => o.Total > 1)|};
                }
            }
            """ + Model;
        var test = FixVerifier.Create(null, source, source);
        test.ExpectedDiagnostics.Add(FixVerifier.Diagnostic("AG4004").WithLocation(0).WithArguments("ToListAsync()", "Where"));
        test.ExpectedDiagnostics.Add(FixVerifier.Diagnostic("AG4004").WithLocation(1).WithArguments("ToList()", "Count"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Lookup_list_loaded_once_and_searched_per_element_is_reuse_not_reported()
    {
        // A list materialized once before a loop (or a per-element lambda) and searched inside it is a
        // lookup table: moving the search into SQL would run one query per element (N+1).
        var source = Usings + """
            public class Importer(ShopDbContext db)
            {
                public List<string> Names(List<Order> orders)
                {
                    var customers = db.Customers.ToList();
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        names.Add(customers.FirstOrDefault(c => c.Id == order.CustomerId)?.Name ?? "");
                    }

                    return names;
                }

                public async Task<List<string>> Projected(List<Order> orders, CancellationToken ct)
                {
                    var customers = await db.Customers.ToListAsync(ct);
                    return orders.Select(o => customers.Where(c => c.Id == o.CustomerId).Select(c => c.Name).FirstOrDefault() ?? "").ToList();
                }

                public void Each(List<Order> orders)
                {
                    var known = db.Customers.ToArray();
                    orders.ForEach(o => o.Status = known.Any(c => c.Id == o.CustomerId) ? "known" : "unknown");
                }
            }
            """ + Model;
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Lookup_twin_a_list_materialized_inside_the_loop_or_searched_once_is_still_reported()
    {
        var source = Usings + """
            public class Importer(ShopDbContext db)
            {
                public List<string> Names(List<Order> orders)
                {
                    var names = new List<string>();
                    foreach (var order in orders)
                    {
                        var customers = db.Customers.ToList();
                        names.Add(customers.{|#0:FirstOrDefault(c => c.Id == order.CustomerId)|}?.Name ?? "");
                    }

                    return names;
                }

                public string? Once(int id)
                {
                    var customers = db.Customers.ToList();
                    return customers.{|#1:FirstOrDefault(c => c.Id == id)|}?.Name;
                }
            }
            """ + Model;
        await Verifier.AnalyzerAsync(source,
            new DiagnosticResult(MaterializeBeforeOperatorsAnalyzer.MaterializeBeforeOperators).WithLocation(0).WithArguments("ToList()", "FirstOrDefault"),
            new DiagnosticResult(MaterializeBeforeOperatorsAnalyzer.MaterializeBeforeOperators).WithLocation(1).WithArguments("ToList()", "FirstOrDefault"));
    }

    [Fact]
    public async Task Clean_twins_untranslatable_operators_in_memory_data_and_reused_lists()
    {
        var source = Usings + """
            public class Clean(ShopDbContext db)
            {
                // Operators on the IQueryable: already translated.
                public Task<List<Order>> Good(CancellationToken ct) => db.Orders.Where(o => o.Total > 100).ToListAsync(ct);

                // The deliberate AsEnumerable: a user method EF Core cannot translate.
                public List<Order> UserMethod() => db.Orders.AsEnumerable().Where(o => IsLarge(o)).ToList();

                public List<Order> MethodGroup() => db.Orders.AsEnumerable().Where(IsLarge).ToList();

                public List<Order> LocalFunction()
                {
                    return db.Orders.AsEnumerable().Where(Matches).ToList();
                    bool Matches(Order o) => o.Total > 3;
                }

                public List<Order> StatementLambda() => db.Orders.AsEnumerable().Where(o => { return o.Total > 3; }).ToList();

                public List<Order> Computed() => db.Orders.ToList().Where(o => new Wrapper(o).Large).ToList();

                // A culture-aware comparison EF Core cannot translate.
                public List<Order> Culture(string status) => db.Orders.AsEnumerable().Where(o => string.Equals(o.Status, status, System.StringComparison.OrdinalIgnoreCase)).ToList();

                // In-memory data is not a query.
                public int InMemory(List<Order> orders) => orders.ToList().Count(o => o.Total > 1);

                // A list used more than once was materialized on purpose.
                public (List<Order> All, int Large) Reused()
                {
                    var all = db.Orders.ToList();
                    return (all, all.Count(o => o.Total > 100));
                }

                private static bool IsLarge(Order o) => o.Total > 100;
            }

            public class Wrapper(Order order)
            {
                public bool Large => order.Total > 100;
            }
            """ + Model;
        await Verifier.AnalyzerAsync(source);
    }
}
