using System.Globalization;
using System.Text;

// Generates a synthetic but realistic layered backend of about N lines of C#:
// per module (one aggregate): a domain entity, an application repository interface and service,
// an infrastructure EF Core repository, a Dapper read model query, an entity configuration and an
// API controller returning DTOs; every 10 modules an EF Core migration; one DbContext over all.
// Every 50 modules one controller takes the shortcuts ArchGate exists to stop (the DbContext in the
// API layer, SQL built from a string, an entity returned to the client), so that the analyzers also
// report, as they would on a real code base.
// With --sql, every module also gets a SQL-heavy query class (EF Core, Dapper and ADO.NET raw SQL in
// the shapes real repositories use: parameters, allow-listed ORDER BY columns, StringBuilders, helpers,
// stored procedures, whole-SQL and spliced private helpers), about doubling the raw-SQL
// sinks per line, and every 25 modules one repository method that splices a value into SQL (AG3001).
//   dotnet run --project bench/Generator -- <lines> <output-dir> <archgate-analyzers-dir> [--sql]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Generator <lines> <output-dir> <analyzer-dir> [--sql]");
    return 2;
}

var sqlHeavy = args.Skip(3).Contains("--sql");

var targetLines = int.Parse(args[0], CultureInfo.InvariantCulture);
var output = Path.GetFullPath(args[1]);
var analyzerDir = Path.GetFullPath(args[2]);
if (Directory.Exists(output))
{
    Directory.Delete(output, recursive: true);
}

Directory.CreateDirectory(output);
var lines = 0;
var module = 0;
while (lines < targetLines)
{
    lines += WriteModule(module++);
    if (sqlHeavy)
    {
        lines += WriteSqlModule(module - 1);
    }
    if (module % 10 == 0)
    {
        lines += WriteMigration(module);
    }

    if (module % 50 == 0)
    {
        lines += WriteShortcut(module - 1);
    }
}

lines += WriteDbContext(module);
File.WriteAllText(Path.Combine(output, "Bench.csproj"), Project(analyzerDir));
File.WriteAllText(Path.Combine(output, "archgate.json"), ArchGateJson);
File.WriteAllText(Path.Combine(output, "BannedSymbols.txt"), BannedSymbols);
File.WriteAllText(Path.Combine(output, "Directory.Build.props"), "<Project></Project>\n");
File.WriteAllText(Path.Combine(output, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
Console.WriteLine($"generated {module} modules, {lines} lines of C# in {output}");
return 0;

int Write(string relative, string text)
{
    var path = Path.Combine(output, relative);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, text);
    return text.Count(c => c == '\n');
}

int WriteModule(int i)
{
    var n = "Item" + i.ToString(CultureInfo.InvariantCulture);
    var count = 0;
    count += Write($"Domain/{n}.cs", $$"""
        namespace Bench.Domain.{{n}}s;

        public sealed class {{n}}
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public decimal Price { get; set; }
            public int Quantity { get; set; }
            public bool Archived { get; set; }
            public System.DateTime CreatedAt { get; set; }

            public decimal Total() => Price * Quantity;

            public void Archive()
            {
                if (Archived)
                {
                    throw new System.InvalidOperationException("already archived");
                }

                Archived = true;
            }
        }

        """);
    count += Write($"Application/{n}Service.cs", $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Bench.Domain.{{n}}s;

        namespace Bench.Application.Abstractions
        {
            public interface I{{n}}Repository
            {
                Task<{{n}}?> FindAsync(int id, CancellationToken cancellationToken);
                Task<IReadOnlyList<{{n}}>> ListAsync(int skip, int take, CancellationToken cancellationToken);
                Task AddAsync({{n}} entity, CancellationToken cancellationToken);
            }
        }

        namespace Bench.Application.{{n}}s
        {
            using Bench.Application.Abstractions;

            public sealed record {{n}}Dto(int Id, string Name, decimal Total);

            public sealed class {{n}}Service
            {
                private readonly I{{n}}Repository _repository;

                public {{n}}Service(I{{n}}Repository repository) => _repository = repository;

                public async Task<{{n}}Dto?> GetAsync(int id, CancellationToken cancellationToken)
                {
                    var entity = await _repository.FindAsync(id, cancellationToken);
                    return entity is null ? null : new {{n}}Dto(entity.Id, entity.Name, entity.Total());
                }

                public async Task<IReadOnlyList<{{n}}Dto>> ListAsync(int page, CancellationToken cancellationToken)
                {
                    var items = await _repository.ListAsync(page * 20, 20, cancellationToken);
                    var result = new List<{{n}}Dto>(items.Count);
                    foreach (var item in items)
                    {
                        result.Add(new {{n}}Dto(item.Id, item.Name, item.Total()));
                    }

                    return result;
                }
            }
        }

        """);
    count += Write($"Infrastructure/{n}Repository.cs", $$"""
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Bench.Application.Abstractions;
        using Bench.Domain.{{n}}s;
        using Dapper;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;

        namespace Bench.Infrastructure.Persistence
        {
            public sealed class {{n}}Repository : I{{n}}Repository
            {
                private readonly BenchDbContext _db;

                public {{n}}Repository(BenchDbContext db) => _db = db;

                public Task<{{n}}?> FindAsync(int id, CancellationToken cancellationToken)
                    => _db.{{n}}s.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);

                public async Task<IReadOnlyList<{{n}}>> ListAsync(int skip, int take, CancellationToken cancellationToken)
                    => await _db.{{n}}s.AsNoTracking().Where(x => !x.Archived).OrderBy(x => x.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);

                public async Task AddAsync({{n}} entity, CancellationToken cancellationToken)
                {
                    _db.{{n}}s.Add(entity);
                    await _db.SaveChangesAsync(cancellationToken);
                }
            }

            public sealed class {{n}}Configuration : IEntityTypeConfiguration<{{n}}>
            {
                public void Configure(EntityTypeBuilder<{{n}}> builder)
                {
                    builder.ToTable("{{n}}s");
                    builder.HasKey(x => x.Id);
                    builder.Property(x => x.Name).HasMaxLength(200);
                    builder.Property(x => x.Price).HasPrecision(18, 2);
                }
            }

            public sealed class {{n}}ReadModel
            {
                private readonly DbConnection _connection;

                public {{n}}ReadModel(DbConnection connection) => _connection = connection;

                public Task<IEnumerable<{{n}}>> ExpensiveAsync(decimal minimum)
                    => _connection.QueryAsync<{{n}}>("SELECT Id, Name, Price, Quantity FROM {{n}}s WHERE Price >= @minimum", new { minimum });

                public Task<int> CountAsync()
                    => _connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM {{n}}s");
            }
        }

        """);
    count += Write($"Api/{n}sController.cs", $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Bench.Application.{{n}}s;
        using Microsoft.AspNetCore.Mvc;

        namespace Bench.Api.Controllers;

        [ApiController]
        [Route("api/{{n}}s")]
        public sealed class {{n}}sController : ControllerBase
        {
            private readonly {{n}}Service _service;

            public {{n}}sController({{n}}Service service) => _service = service;

            [HttpGet("{id:int}")]
            public async Task<ActionResult<{{n}}Dto>> Get(int id, CancellationToken cancellationToken)
            {
                var dto = await _service.GetAsync(id, cancellationToken);
                return dto is null ? NotFound() : Ok(dto);
            }

            [HttpGet]
            public Task<IReadOnlyList<{{n}}Dto>> List([FromQuery] int page, CancellationToken cancellationToken)
                => _service.ListAsync(page, cancellationToken);
        }

        """);
    return count;
}

int WriteSqlModule(int i)
{
    var n = "Item" + i.ToString(CultureInfo.InvariantCulture);
    var splice = i % 25 == 24
        ? $$"""
                public Task<IEnumerable<{{n}}>> ByNameUnsafeAsync(string name)
                    => _connection.QueryAsync<{{n}}>("SELECT Id, Name FROM {{n}}s WHERE Name = '" + name + "'");
        """
        : string.Empty;
    return Write($"Infrastructure/Sql/{n}SqlQueries.cs", $$"""
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Linq;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Bench.Domain.{{n}}s;
        using Dapper;
        using Microsoft.EntityFrameworkCore;

        namespace Bench.Infrastructure.Sql
        {
            public interface I{{n}}SqlQueries
            {
                Task<IEnumerable<{{n}}>> ByNameAsync(string name);
                Task<List<{{n}}>> SortedAsync(string sort, bool descending, CancellationToken cancellationToken);
                Task<long> CountAsync(string name, CancellationToken cancellationToken);
            }

            public sealed class {{n}}SqlQueries : I{{n}}SqlQueries
            {
                private const string Table = "{{n}}s";
                private static readonly string SelectAll = "SELECT Id, Name, Price, Quantity FROM " + Table;
                private readonly Bench.Infrastructure.Persistence.BenchDbContext _db;
                private readonly DbConnection _connection;

                public {{n}}SqlQueries(Bench.Infrastructure.Persistence.BenchDbContext db, DbConnection connection)
                {
                    _db = db;
                    _connection = connection;
                }

                public Task<IEnumerable<{{n}}>> ByNameAsync(string name)
                    => _connection.QueryAsync<{{n}}>(SelectAll + " WHERE Name = @name", new { name });

                public Task<List<{{n}}>> SortedAsync(string sort, bool descending, CancellationToken cancellationToken)
                {
                    var column = sort switch { "name" => "Name", "price" => "Price", _ => "Id" };
                    var sql = new StringBuilder(SelectAll);
                    sql.Append(" WHERE Quantity > {0}");
                    sql.Append(" ORDER BY ").Append(column).Append(descending ? " DESC" : " ASC");
                    return _db.{{n}}s.FromSqlRaw(sql.ToString(), 0).ToListAsync(cancellationToken);
                }

                public async Task<long> CountAsync(string name, CancellationToken cancellationToken)
                {
                    await using var command = _connection.CreateCommand();
                    command.CommandText = Where("SELECT count(*) FROM " + Table, "Name");
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@Name";
                    parameter.Value = name;
                    command.Parameters.Add(parameter);
                    return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
                }

                public Task<int> ArchiveAsync(int id, CancellationToken cancellationToken)
                    => Execute("UPDATE " + Table + " SET Archived = true WHERE Id = {0}", id, cancellationToken);

                public Task<int> UpdatePriceAsync(int id, decimal price, CancellationToken cancellationToken)
                {
                    var names = new[] { "Id", "Price" };
                    return _db.Database.ExecuteSqlRawAsync("CALL update_{{n}}_price(" + string.Join(", ", names.Select(p => "@" + p)) + ")", new object[] { id, price }, cancellationToken);
                }
        {{splice}}
                private Task<int> Execute(string sql, int id, CancellationToken cancellationToken)
                    => _db.Database.ExecuteSqlRawAsync(sql, new object[] { id }, cancellationToken);

                private static string Where(string select, string column) => select + " WHERE " + column + " = @" + column;
            }
        }

        """);
}

int WriteShortcut(int i)
{
    var n = "Item" + i.ToString(CultureInfo.InvariantCulture);
    return Write($"Api/Shortcuts/{n}ShortcutController.cs", $$"""
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Bench.Domain.{{n}}s;
        using Bench.Infrastructure.Persistence;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        namespace Bench.Api.Shortcuts;

        [ApiController]
        [Route("api/shortcuts/{{n}}")]
        public sealed class {{n}}ShortcutController : ControllerBase
        {
            private readonly BenchDbContext _db;

            public {{n}}ShortcutController(BenchDbContext db) => _db = db;

            [HttpGet("search")]
            public async Task<ActionResult<{{n}}[]>> Search(string name, CancellationToken cancellationToken)
                => await _db.{{n}}s.FromSqlRaw("SELECT * FROM \"{{n}}s\" WHERE \"Name\" = '" + name + "'").ToArrayAsync(cancellationToken);
        }

        """);
}

int WriteMigration(int upTo)
{
    var id = (20260101000000L + upTo).ToString(CultureInfo.InvariantCulture);
    var sb = new StringBuilder();
    sb.AppendLine("using Microsoft.EntityFrameworkCore.Migrations;").AppendLine();
    sb.AppendLine("namespace Bench.Infrastructure.Migrations;").AppendLine();
    sb.AppendLine($"public partial class M{id}_Batch : Migration").AppendLine("{");
    sb.AppendLine("    protected override void Up(MigrationBuilder migrationBuilder)").AppendLine("    {");
    for (var i = upTo - 10; i < upTo; i++)
    {
        sb.AppendLine($$"""
                    migrationBuilder.CreateTable(
                        name: "Item{{i}}s",
                        columns: table => new
                        {
                            Id = table.Column<int>(type: "integer", nullable: false),
                            Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                            Price = table.Column<decimal>(type: "numeric(18,2)", nullable: false),
                        },
                        constraints: table => table.PrimaryKey("PK_Item{{i}}s", x => x.Id));
            """);
    }

    sb.AppendLine("    }").AppendLine();
    sb.AppendLine("    protected override void Down(MigrationBuilder migrationBuilder)").AppendLine("    {");
    for (var i = upTo - 1; i >= upTo - 10; i--)
    {
        sb.AppendLine($"        migrationBuilder.DropTable(name: \"Item{i}s\");");
    }

    sb.AppendLine("    }").AppendLine("}");
    return Write($"Infrastructure/Migrations/M{id}_Batch.cs", sb.ToString());
}

int WriteDbContext(int modules)
{
    var sb = new StringBuilder();
    sb.AppendLine("using Microsoft.EntityFrameworkCore;").AppendLine();
    sb.AppendLine("namespace Bench.Infrastructure.Persistence;").AppendLine();
    sb.AppendLine("public sealed class BenchDbContext : DbContext").AppendLine("{");
    sb.AppendLine("    public BenchDbContext(DbContextOptions<BenchDbContext> options) : base(options) { }").AppendLine();
    for (var i = 0; i < modules; i++)
    {
        sb.AppendLine($"    public DbSet<Bench.Domain.Item{i}s.Item{i}> Item{i}s => Set<Bench.Domain.Item{i}s.Item{i}>();");
    }

    sb.AppendLine().AppendLine("    protected override void OnModelCreating(ModelBuilder modelBuilder)")
        .AppendLine("        => modelBuilder.ApplyConfigurationsFromAssembly(typeof(BenchDbContext).Assembly);").AppendLine("}");
    return Write("Infrastructure/BenchDbContext.cs", sb.ToString());
}

static string Project(string analyzerDir) => $$"""
    <Project Sdk="Microsoft.NET.Sdk.Web">
      <PropertyGroup>
        <TargetFramework>net10.0</TargetFramework>
        <OutputType>Library</OutputType>
        <Nullable>enable</Nullable>
        <ImplicitUsings>disable</ImplicitUsings>
        <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
        <NoWarn>$(NoWarn);NU1603</NoWarn>
        <!-- Which analyzers run: ArchGate, BannedApi, both (default) or none. -->
        <BenchAnalyzers Condition="'$(BenchAnalyzers)' == ''">both</BenchAnalyzers>
      </PropertyGroup>
      <ItemGroup>
        <PackageReference Include="Microsoft.EntityFrameworkCore.Relational" Version="10.0.0" />
        <PackageReference Include="Dapper" Version="2.1.66" />
      </ItemGroup>
      <ItemGroup Condition="'$(BenchAnalyzers)' == 'both' or '$(BenchAnalyzers)' == 'archgate'">
        <Analyzer Include="{{analyzerDir}}/ArchGate.Analyzers.dll" />
        <AdditionalFiles Include="archgate.json" />
      </ItemGroup>
      <ItemGroup Condition="'$(BenchAnalyzers)' == 'both' or '$(BenchAnalyzers)' == 'bannedapi'">
        <PackageReference Include="Microsoft.CodeAnalysis.BannedApiAnalyzers" Version="5.6.0" PrivateAssets="all" />
        <AdditionalFiles Include="BannedSymbols.txt" />
      </ItemGroup>
    </Project>

    """;

public partial class Program
{
    private const string ArchGateJson = """
        {
          "layers": {
            "Api": { "namespaces": ["Bench.Api.**"] },
            "Application": { "namespaces": ["Bench.Application.**"] },
            "Domain": { "namespaces": ["Bench.Domain.**"] },
            "Infrastructure": { "namespaces": ["Bench.Infrastructure.**"] }
          },
          "dependencies": {
            "Api": ["Application", "Domain"],
            "Application": ["Domain"],
            "Infrastructure": ["Application", "Domain"],
            "Domain": []
          },
          "requireLayer": true,
          "dataAccess": { "apis": ["@efcore", "@adonet", "@dapper"], "allowedIn": ["Infrastructure"] },
          "repositories": {
            "interfaces": ["Bench.Application.Abstractions.I*Repository"],
            "implementations": ["Bench.Infrastructure.Persistence.*Repository"]
          },
          "rawSql": { "allowedIn": ["Infrastructure"] },
          "migrations": { "provider": "postgres" }
        }

        """;

    // The same data-access APIs as a BannedApiAnalyzers ban list (banned everywhere: BannedApi cannot scope).
    private const string BannedSymbols = """
        T:Microsoft.EntityFrameworkCore.DbContext;EF Core only in Infrastructure
        T:Microsoft.EntityFrameworkCore.DbSet`1;EF Core only in Infrastructure
        T:Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions;EF Core only in Infrastructure
        T:Microsoft.EntityFrameworkCore.RelationalQueryableExtensions;EF Core only in Infrastructure
        T:Dapper.SqlMapper;Dapper only in Infrastructure
        T:System.Data.Common.DbConnection;ADO.NET only in Infrastructure
        T:System.Data.Common.DbCommand;ADO.NET only in Infrastructure
        T:System.Data.Common.DbDataReader;ADO.NET only in Infrastructure
        T:System.Data.IDbConnection;ADO.NET only in Infrastructure
        T:System.Data.IDbCommand;ADO.NET only in Infrastructure

        """;
}
