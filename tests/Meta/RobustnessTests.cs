using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Tests.Meta;

/// <summary>
/// Never crash (PRODUCT.md principle 3): every analyzer, run through CompilationWithAnalyzers with a
/// real archgate.json, survives empty source, seeded garbage and truncated realistic code without an
/// exception (AD0001); every code fix registered for a diagnostic found there applies without throwing.
/// </summary>
public class RobustnessTests
{
    internal const string Config = """
        {
          "layers": {
            "Api": { "namespaces": ["Shop.Api.**"] },
            "Application": { "namespaces": ["Shop.Application.**"] },
            "Domain": { "namespaces": ["Shop.Domain.**"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
          },
          "dependencies": { "Api": ["Application", "Domain"], "Application": ["Domain"], "Infrastructure": ["Application", "Domain"], "Domain": [] },
          "requireLayer": true,
          "compositionRoot": ["Program"],
          "dataAccess": { "apis": ["@efcore", "@adonet", "@dapper"], "allowedIn": ["Infrastructure"] },
          "repositories": { "interfaces": ["Shop.Application.Abstractions.I*Repository"], "implementations": ["Shop.Infrastructure.Persistence.*Repository"] },
          "rawSql": { "allowedIn": ["Infrastructure"] },
          "transactions": { "saveChangesAllowedIn": ["Shop.Infrastructure.Persistence.UnitOfWork"] },
          "migrations": { "provider": "sqlserver" },
          "restrictions": [ { "apis": ["T:System.Net.Http.HttpClient"], "allowedIn": ["Infrastructure"], "because": "typed clients" } ],
          "api": { "entityTypes": ["Shop.Domain.**"] }
        }
        """;

    /// <summary>Realistic code that breaks many rules: its prefixes are the "code being typed" inputs.</summary>
    internal const string Realistic = """
        using System;
        using System.Collections.Generic;
        using System.Data;
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.Data.SqlClient;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Migrations;
        using Microsoft.Extensions.DependencyInjection;

        namespace Shop.Domain.Orders
        {
            public class Order { public int Id { get; set; } public string Customer { get; set; } = ""; public List<OrderLine> Lines { get; } = new(); }
            public class OrderLine { public int Id { get; set; } public decimal Price { get; set; } }
            public class Pricing { public Shop.Infrastructure.Persistence.ShopDbContext? Db { get; set; } }
        }

        namespace Shop.Application.Abstractions
        {
            using Shop.Domain.Orders;
            public interface IOrderRepository { Task<Order?> FindAsync(int id); }
        }

        namespace Shop.Infrastructure.Persistence
        {
            using Shop.Domain.Orders;
            using Shop.Application.Abstractions;

            public class UnitOfWork { }

            public class ShopDbContext : DbContext
            {
                public ShopDbContext(DbContextOptions<ShopDbContext> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
            }

            public class OrderRepository : IOrderRepository
            {
                private readonly ShopDbContext _db;
                public OrderRepository(ShopDbContext db) => _db = db;
                public Task<Order?> FindAsync(int id) => _db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id);
                public async Task SaveAllAsync(IEnumerable<Order> orders)
                {
                    foreach (var order in orders) { _db.Add(order); await _db.SaveChangesAsync(); }
                }
                public List<Order> Search(string customer) => _db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Customer = '" + customer + "'").ToList();
                public int Count(IDbConnection connection, string table) => connection.ExecuteScalar<int>("SELECT COUNT(*) FROM " + table);
                public void Delete(string id)
                {
                    using var connection = new SqlConnection("Server=.;Database=Shop");
                    using var command = new SqlCommand($"DELETE FROM Orders WHERE Id = {id}", connection);
                    connection.Open();
                    command.ExecuteNonQuery();
                    var n = _db.Database.ExecuteSqlRaw("DELETE FROM Lines WHERE OrderId = " + id);
                }
            }

            public partial class AddOrders : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropColumn(name: "Legacy", table: "Orders");
                    migrationBuilder.AlterColumn<string>(name: "Customer", table: "Orders", maxLength: 20, nullable: false);
                    migrationBuilder.CreateIndex(name: "IX_Orders_Customer", table: "Orders", column: "Customer");
                    migrationBuilder.Sql("UPDATE Orders SET Customer = ''");
                }
                protected override void Down(MigrationBuilder migrationBuilder) { }
            }
        }

        namespace Shop.Api.Controllers
        {
            using Shop.Domain.Orders;
            using Shop.Infrastructure.Persistence;

            public class OrdersEndpoint
            {
                private static readonly HttpClient Http = new();
                private readonly ShopDbContext _db;
                public OrdersEndpoint(ShopDbContext db) => _db = db;
                public Order Get(int id) => _db.Orders.First(o => o.Id == id);
                public List<Order> All() => _db.Orders.ToList().Where(o => o.Customer != "").ToList();
                public string Ping() => Http.GetStringAsync("https://example.com").Result;
                public async Task<int> Total(int[] ids)
                {
                    var total = 0;
                    foreach (var id in ids) total += (await _db.Orders.FindAsync(id))?.Id ?? 0;
                    using var tx = await _db.Database.BeginTransactionAsync();
                    await Http.PostAsync("https://example.com", null);
                    _db.SaveChanges();
                    var count = _db.Orders.Count();
                    return total + count;
                }
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddSingleton<OrdersEndpoint>();
                    services.AddScoped<ShopDbContext>();
                }
            }
        }

        namespace Tools { public class Loose { } }
        """;

    private static readonly string[] GarbageTokens =
    {
        "class", "struct", "record", "interface", "{", "}", "(", ")", ";", ",", ".", "=>", "=", "new", "using", "namespace",
        "Shop.Api", "Shop.Domain", "Shop.Infrastructure", "var", "await", "async", "public", "static", "void", "int", "string",
        "\"", "'", "$\"", "@\"", "\"\"\"", "/*", "//", "#if", "#region", "<", ">", "[", "]", "?", "!", ":", "+", "\n", " ", "\t",
        "DbContext", "SaveChanges", "SaveChangesAsync", "FromSqlRaw", "ExecuteSqlRaw", "Execute", "Query", "SqlCommand",
        "SqlConnection", "HttpClient", "Migration", "MigrationBuilder", "Up", "Down", "foreach", "for", "while", "in", "return",
        "this", "base", "typeof", "nameof", "default", "null", "Task", "ToList", "Where", "Select", "Result", "Wait", "lock",
        "partial", "override", "yield", "operator", "implicit", "delegate", "event", "where", "T", "global::", "::", "=>", "..",
        "IServiceCollection", "AddSingleton", "AddScoped", "Order", "Orders", "Database", "BeginTransaction", "Commit",
    };

    public static IEnumerable<object[]> Inputs()
    {
        yield return new object[] { "empty", string.Empty };
        yield return new object[] { "whitespace", "  \n\t " };
        yield return new object[] { "realistic", Realistic };
        const int Cuts = 24;
        for (var i = 1; i < Cuts; i++)
        {
            var length = Realistic.Length * i / Cuts;
            yield return new object[] { "truncated at " + length, Realistic.Substring(0, length) };
        }

        // The realistic code with a slice cut out of the middle (unbalanced braces, half statements).
        var random = new Random(42);
        for (var i = 0; i < 8; i++)
        {
            var at = random.Next(Realistic.Length);
            var length = 1 + random.Next(80);
            yield return new object[] { $"hole at {at}+{length}", Realistic.Remove(at, Math.Min(length, Realistic.Length - at)) };
        }

        for (var seed = 1; seed <= 10; seed++)
        {
            var r = new Random(seed);
            var sb = new StringBuilder();
            for (var k = 0; k < 300; k++)
            {
                sb.Append(GarbageTokens[r.Next(GarbageTokens.Length)]).Append(r.Next(3) == 0 ? " " : string.Empty);
            }

            yield return new object[] { "token garbage " + seed, sb.ToString() };
        }

        for (var seed = 1; seed <= 4; seed++)
        {
            var r = new Random(100 + seed);
            var chars = new char[400];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = (char)r.Next(1, 0x3000);
            }

            yield return new object[] { "char garbage " + seed, new string(chars) };
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Analyzers_and_code_fixes_survive(string name, string source)
    {
        var (document, project) = CreateProject(source);
        var compilation = (await project.GetCompilationAsync())!;
        var exceptions = new ConcurrentBag<string>();
        var analyzers = RuleCatalog.Analyzers.ToImmutableArray();
        Assert.NotEmpty(analyzers);
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (ex, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name}: {ex}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Assert.True(exceptions.IsEmpty, $"[{name}] analyzer exceptions:\n{string.Join("\n", exceptions)}");
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.All(diagnostics, d => Assert.StartsWith("AG", d.Id, StringComparison.Ordinal));
        // The configuration is valid: nothing is reported in archgate.json itself. The one exception is AG0010 in a
        // mid-edit variant: it judges the patterns against the code, and cutting the code can remove the types the
        // configuration names (UnitOfWork, the repositories). On the whole realistic code, nothing at all.
        Assert.DoesNotContain(diagnostics, d => d.Location.GetLineSpan().Path.EndsWith("archgate.json", StringComparison.Ordinal)
                                                && (d.Id != "AG0010" || name == "realistic"));

        var tree = (await document.GetSyntaxTreeAsync())!;
        foreach (var diagnostic in diagnostics.Where(d => d.Location.SourceTree == tree))
        {
            foreach (var fix in RuleCatalog.CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                await ApplyFixesAsync(name, document, diagnostic, fix);
            }
        }
    }

    private static async Task ApplyFixesAsync(string name, Document document, Diagnostic diagnostic, CodeFixProvider fix)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        try
        {
            await fix.RegisterCodeFixesAsync(context);
            foreach (var action in actions)
            {
                foreach (var operation in await action.GetOperationsAsync(CancellationToken.None))
                {
                    if (operation is ApplyChangesOperation apply)
                    {
                        var changed = apply.ChangedSolution.GetDocument(document.Id);
                        if (changed is not null)
                        {
                            await changed.GetTextAsync();
                        }
                    }
                }
            }
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"[{name}] {fix.GetType().Name} threw on {diagnostic}:\n{ex}");
        }
    }

    private static (Document Document, Project Project) CreateProject(string source)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Create(), "Shop", "Shop", LanguageNames.CSharp,
                compilationOptions: compilationOptions, parseOptions: parse, metadataReferences: TestReferences.All));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Code.cs", SourceText.From(source), filePath: "/src/Code.cs")
            .AddAdditionalDocument(DocumentId.CreateNewId(projectId), "archgate.json", SourceText.From(Config), filePath: "/src/archgate.json");
        return (solution.GetDocument(documentId)!, solution.GetProject(projectId)!);
    }
}
