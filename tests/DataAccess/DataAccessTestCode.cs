namespace ArchGate.Tests.DataAccess;

/// <summary>The layered Shop used by the data-access tests: a normal config and the code every test shares.</summary>
internal static class DataAccessTestCode
{
    public const string Layers = """
          "layers": {
            "Api":            { "namespaces": ["Shop.Api.**"] },
            "Application":    { "namespaces": ["Shop.Application.**"] },
            "Domain":         { "namespaces": ["Shop.Domain.**"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
          },
          "dependencies": {
            "Api": ["Application", "Domain", "Infrastructure"],
            "Application": ["Domain"],
            "Infrastructure": ["Application", "Domain"],
            "Domain": []
          },
          "compositionRoot": ["Program", "Shop.Api.DependencyInjection.**"],
        """;

    /// <summary>The normal configuration of the docs: data access in Infrastructure, approved repositories.</summary>
    public const string Config = "{\n" + Layers + """
          "dataAccess": { "apis": ["@efcore", "@adonet", "@dapper"], "allowedIn": ["Infrastructure"] },
          "repositories": {
            "interfaces": ["Shop.Application.Abstractions.I*Repository"],
            "implementations": ["Shop.Infrastructure.Persistence.*Repository"]
          }
        }
        """;

    /// <summary>The same without <c>repositories</c>.</summary>
    public const string ConfigWithoutRepositories = "{\n" + Layers + """
          "dataAccess": { "apis": ["@efcore", "@adonet", "@dapper"], "allowedIn": ["Infrastructure"] }
        }
        """;

    /// <summary>Domain, Application abstractions and the Infrastructure that legitimately uses EF Core, ADO.NET and Dapper.</summary>
    public const string Shop = """
        using System.Collections.Generic;
        using System.Data;
        using System.Linq;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.Data.SqlClient;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;
        using Microsoft.EntityFrameworkCore.Migrations;

        namespace Shop.Domain
        {
            [Index(nameof(Number), IsUnique = true)]
            public class Order
            {
                public int Id { get; set; }
                public string Number { get; set; } = "";
                [Precision(18, 2)]
                public decimal Total { get; set; }
            }
        }

        namespace Shop.Application.Abstractions
        {
            using Shop.Domain;

            public interface IOrderRepository
            {
                Task<List<Order>> ListAsync();
                Task<Order?> FindAsync(int id);
            }

            public interface IRepository<T> where T : class
            {
                Task<List<T>> AllAsync();
            }
        }

        namespace Shop.Infrastructure.Persistence
        {
            using Shop.Application.Abstractions;
            using Shop.Domain;

            public class ShopDbContext : DbContext
            {
                public ShopDbContext(DbContextOptions<ShopDbContext> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
                protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(new OrderConfiguration());
            }

            public class OrderConfiguration : IEntityTypeConfiguration<Order>
            {
                public void Configure(EntityTypeBuilder<Order> builder) => builder.HasKey(o => o.Id);
            }

            public class OrderRepository : IOrderRepository
            {
                private readonly ShopDbContext _db;
                public OrderRepository(ShopDbContext db) => _db = db;
                public Task<List<Order>> ListAsync() => _db.Orders.Where(o => o.Total > 0).ToListAsync();
                public Task<Order?> FindAsync(int id) => _db.Orders.FirstOrDefaultAsync(o => o.Id == id);
                public void Extra() { }
            }

            public class SqlOrderReader
            {
                private readonly string _cs;
                public SqlOrderReader(string cs) => _cs = cs;
                public async Task<IEnumerable<Order>> ReadAsync()
                {
                    using var connection = new SqlConnection(_cs);
                    await connection.OpenAsync();
                    return await connection.QueryAsync<Order>("select * from Orders");
                }

                public IDbConnection Open() => new SqlConnection(_cs);
            }

            public class Runner
            {
                private readonly ShopDbContext _db;
                public Runner(ShopDbContext db) => _db = db;
                public T Run<T>(System.Func<ShopDbContext, T> work) => work(_db);
            }
        }

        namespace Shop.Infrastructure.Migrations
        {
            public partial class AddOrderNumber : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                    => migrationBuilder.AddColumn<string>(name: "Number", table: "Orders", nullable: false, defaultValue: "");

                protected override void Down(MigrationBuilder migrationBuilder)
                    => migrationBuilder.DropColumn(name: "Number", table: "Orders");
            }
        }
        """;
}
