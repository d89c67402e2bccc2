using Microsoft.CodeAnalysis.Testing;
using SyncInAsync = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.SyncDataAccessInAsyncAnalyzer>;
using SaveInLoop = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.SaveChangesInLoopAnalyzer>;
using SeveralSaves = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.SeveralSaveChangesAnalyzer>;
using Materialize = ArchGate.Tests.Verify<ArchGate.Analyzers.Queries.MaterializeBeforeOperatorsAnalyzer>;

namespace ArchGate.Tests.Queries;

/// <summary>
/// Issue 16.6: calls through approved repositories are database calls for the query-shape and transaction
/// rules too (one definition, Common/DataAccessFacts.cs): a sync operator on a repository's IQueryable in
/// async code is AG4002, a repository save in a loop is AG5002, two repository commits without a
/// transaction are AG5003. Without the repositories entry in archgate.json the same code stays silent.
/// </summary>
public class RepositoryCallsTests
{
    private const string Config = """
        { "repositories": { "interfaces": ["Shop.Application.IRepository", "Shop.Application.IUnitOfWork"] } }
        """;

    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Shop;

        namespace Shop.Application
        {
            public interface IRepository<T> where T : class
            {
                IQueryable<T> Query();
                void Add(T entity);
                Task SaveAsync(CancellationToken ct);
            }

            public interface IUnitOfWork
            {
                Task<int> CommitAsync(CancellationToken ct);
            }

            public class OrderService(IRepository<Order> orders, IUnitOfWork unitOfWork)
            {
                public async Task<int> Report(CancellationToken ct)
                {
                    var open = orders.Query().Where(o => o.Status == "open").{|#0:ToList()|};
                    var first = orders.Query().{|#1:First()|};
                    await Task.Yield();
                    return open.Count + first.Id;
                }

                public async Task Import(List<Order> incoming, CancellationToken ct)
                {
                    foreach (var order in incoming)
                    {
                        orders.Add(order);
                        await {|#2:orders.SaveAsync(ct)|};
                    }
                }

                public async Task Place(Order order, CancellationToken ct)
                {
                    orders.Add(order);
                    await {|#4:unitOfWork.CommitAsync(ct)|};
                    order.Status = "placed";
                    await {|#3:unitOfWork.CommitAsync(ct)|};
                }

                // Synchronous code may use the synchronous operators.
                public List<Order> Sync() => orders.Query().ToList();

                // A repository's query is a database query for every rule: counting after ToList loads every row.
                public int OpenCount() => orders.Query().{|#5:ToList()|}.Count(o => o.Status == "open");
            }
        }
        """ + QuerySources.Model;

    [Fact]
    public async Task Sync_operators_on_a_repository_query_in_async_code_are_AG4002()
    {
        var test = SyncInAsync.Create(Config, Source);
        test.ExpectedDiagnostics.Add(SyncInAsync.Diagnostic("AG4002").WithLocation(0).WithArguments("ToList", "method 'Report'", "ToListAsync", " passing 'ct'"));
        test.ExpectedDiagnostics.Add(SyncInAsync.Diagnostic("AG4002").WithLocation(1).WithArguments("First", "method 'Report'", "FirstAsync", " passing 'ct'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_repository_save_in_a_loop_is_AG5002()
    {
        await SaveInLoop.AnalyzerAsync(Source, Config,
            SaveInLoop.Diagnostic("AG5002").WithLocation(2).WithArguments("IRepository.SaveAsync", "a 'foreach' loop"));
    }

    [Fact]
    public async Task Two_unit_of_work_commits_without_a_transaction_are_AG5003()
    {
        await SeveralSaves.AnalyzerAsync(Source, Config,
            SeveralSaves.Diagnostic("AG5003").WithLocation(3).WithLocation(4)
                .WithArguments("IUnitOfWork.CommitAsync", "Place", "44")); // the message says "save", not "SaveChanges"
    }

    [Fact]
    public async Task Materializing_a_repository_query_before_an_operator_is_AG4004()
    {
        await Materialize.AnalyzerAsync(Source, Config,
            Materialize.Diagnostic("AG4004").WithLocation(5).WithArguments("ToList()", "Count"));
    }

    [Fact]
    public async Task Without_approved_repositories_the_same_code_is_silent()
    {
        await SyncInAsync.AnalyzerAsync(Source, null, []);
        await SaveInLoop.AnalyzerAsync(Source, null, []);
        await SeveralSaves.AnalyzerAsync(Source, null, []);
        await Materialize.AnalyzerAsync(Source, null, []);
    }
}
