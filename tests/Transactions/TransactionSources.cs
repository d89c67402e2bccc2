namespace ArchGate.Tests.Transactions;

/// <summary>Shared declarations of the transaction tests: a real EF Core DbContext subclass and entities.</summary>
internal static class TransactionSources
{
    /// <summary>Usings every snippet needs; put it at the top of a test source.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Data;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Transactions;
        using Microsoft.Data.SqlClient;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Storage;

        """;

    /// <summary>The model: <c>Shop.Infrastructure.Persistence.ShopDbContext</c> with <c>Orders</c> and <c>AuditEntries</c>.</summary>
    /// <summary>The project's own transaction wrappers: a TransactionScope-like disposable committing on Complete, and a runner.</summary>
    public const string Wrappers = """

        namespace Shop.Infrastructure
        {
            public sealed class UnitOfWorkScope : IDisposable
            {
                public static UnitOfWorkScope Begin() => new UnitOfWorkScope();
                public void Complete() { }
                public void Dispose() { }
            }

            public interface ITransactionRunner
            {
                Task RunAsync(Func<Task> work, CancellationToken ct);
            }
        }
        """;

    public const string Model = """

        namespace Shop.Infrastructure.Persistence
        {
            public class Order { public int Id { get; set; } public string Name { get; set; } = ""; public bool Paid { get; set; } }
            public class AuditEntry { public int Id { get; set; } public string Text { get; set; } = ""; }

            public class ShopDbContext : Microsoft.EntityFrameworkCore.DbContext
            {
                public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
                public Microsoft.EntityFrameworkCore.DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
            }
        }
        """;
}
