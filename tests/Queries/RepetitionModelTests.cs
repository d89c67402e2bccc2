using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ArchGate.Analyzers.Queries;
using ArchGate.Analyzers.Transactions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using RoundTrip = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.RoundTripInLoopAnalyzer>;
using SaveInLoop = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.SaveChangesInLoopAnalyzer>;

namespace ArchGate.Tests.Queries;

/// <summary>
/// AG4001 (a round trip per element) and AG5002 (a save per element) ask the same question, "does this
/// run once per element?", and answer it with the one repetition model (Common/Operations.Repetition.cs).
/// Each shape below puts a query and a save side by side: both rules must agree. Before the shared model,
/// AG4001 reported the <c>for (;;)</c> consumer loop, a query under a batch guard and not the execution
/// strategy lambda; AG5002 reported the <c>while (!done)</c> state loop and not <c>List.ConvertAll</c>.
/// </summary>
public class RepetitionModelTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        public class Worker(ShopDbContext db)
        {
            // A consumer loop repeats in time, not per element: neither rule.
            public async Task Consume(System.Collections.Concurrent.BlockingCollection<int> queue, CancellationToken ct)
            {
                for (;;)
                {
                    var id = queue.Take(ct);
                    var order = await db.Orders.FirstAsync(o => o.Id == id, ct);
                    order.Status = "done";
                    await db.SaveChangesAsync(ct);
                }
            }

            // A state loop (neither drains nor counts) is a retry or paging loop: neither rule.
            public async Task UntilDone(CancellationToken ct)
            {
                var done = false;
                while (!done)
                {
                    var pending = await db.Orders.CountAsync(o => o.Status == "new", ct);
                    await db.SaveChangesAsync(ct);
                    done = pending == 0;
                }
            }

            // A batch guard: every 100 elements, not per element: neither rule.
            public async Task Batched(List<Order> orders, CancellationToken ct)
            {
                var n = 0;
                foreach (var order in orders)
                {
                    db.Orders.Add(order);
                    if (++n % 100 == 0)
                    {
                        var count = await db.Orders.CountAsync(ct);
                        await db.SaveChangesAsync(ct);
                    }
                }
            }

            // List.ConvertAll runs its lambda per element: both rules.
            public void Convert(List<Order> orders)
            {
                var customers = orders.ConvertAll(o => db.Customers.{|#0:Find(o.CustomerId)|});
                var saved = orders.ConvertAll(o => {|#1:db.SaveChanges()|});
            }

            // An execution strategy runs its lambda right away, inside the loop: both rules.
            public void Strategy(List<Order> orders)
            {
                var strategy = db.Database.CreateExecutionStrategy();
                foreach (var order in orders)
                {
                    strategy.Execute(() =>
                    {
                        var customer = db.Customers.{|#2:Find(order.CustomerId)|};
                        {|#3:db.SaveChanges()|};
                    });
                }
            }
        }
        """ + QuerySources.Model;

    [Fact]
    public async Task AG4001_reports_exactly_the_shapes_AG5002_reports()
    {
        await RoundTrip.AnalyzerAsync(
            Source,
            new DiagnosticResult(RoundTripInLoopAnalyzer.RoundTripInLoop).WithLocation(0).WithArguments("DbSet.Find", "the lambda passed to 'List.ConvertAll'", "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory"),
            new DiagnosticResult(RoundTripInLoopAnalyzer.RoundTripInLoop).WithLocation(2).WithArguments("DbSet.Find", "a 'foreach' loop", "load the rows once before the loop (one query with Contains over the keys, a join or Include, or a projection) and look them up in memory"));
    }

    [Fact]
    public async Task AG5002_reports_exactly_the_shapes_AG4001_reports()
    {
        await SaveInLoop.AnalyzerAsync(
            Source,
            new DiagnosticResult(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(1).WithArguments("ShopDbContext.SaveChanges", "a lambda run per element by 'List.ConvertAll'"),
            new DiagnosticResult(SaveChangesInLoopAnalyzer.SaveChangesInLoop).WithLocation(3).WithArguments("ShopDbContext.SaveChanges", "a 'foreach' loop"));
    }

    [Fact]
    public async Task Both_rules_carry_the_shared_property_vocabulary()
    {
        var saves = await Run(new SaveChangesInLoopAnalyzer());
        Assert.Equal(2, saves.Length);
        Assert.All(saves, d => Assert.Equal("AG5002", d.Properties["rule"]));
        Assert.All(saves, d => Assert.Equal("Microsoft.EntityFrameworkCore.DbContext.SaveChanges()", d.Properties["symbol"]));

        var queries = await Run(new RoundTripInLoopAnalyzer());
        Assert.Equal(2, queries.Length);
        Assert.All(queries, d => Assert.Equal("AG4001", d.Properties["rule"]));
        Assert.All(queries, d => Assert.Equal("Microsoft.EntityFrameworkCore.DbSet<TEntity>.Find(params object?[]?)", d.Properties["symbol"]));
    }

    private static async Task<ImmutableArray<Diagnostic>> Run(DiagnosticAnalyzer analyzer)
    {
        var text = Regex.Replace(Source, @"\{\|#\d+:", string.Empty).Replace("|}", string.Empty);
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Repetition", new[] { tree }, TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
    }
}
