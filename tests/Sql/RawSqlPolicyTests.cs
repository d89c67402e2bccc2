using ArchGate.Analyzers.Sql;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.RawSqlPolicyAnalyzer>;

namespace ArchGate.Tests.Sql;

public class RawSqlPolicyTests
{
    private const string Config = """
        {
          "layers": {
            "Application": { "namespaces": ["Shop.Application.**"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
          },
          "dependencies": { "Application": [], "Infrastructure": ["Application"] },
          "compositionRoot": ["Program"],
          "rawSql": { "allowedIn": ["Infrastructure"], "sinks": ["M:Shop.Infrastructure.Db.Run(System.String)"] }
        }
        """;

    private const string Infrastructure = """
        namespace Shop.Infrastructure
        {
            public static class Db
            {
                public static void Run(string sql) { }
            }

            public class Queries
            {
                public void All(ShopDb db, SqlConnection cn, DbConnection any)
                {
                    db.Users.FromSqlRaw("SELECT * FROM Users").ToList();
                    db.Users.FromSql($"SELECT * FROM Users").ToList();
                    db.Database.ExecuteSqlRaw("DELETE FROM Users");
                    cn.Query<User>("SELECT * FROM Users");
                    using var cmd = new SqlCommand("SELECT 1", cn);
                    using var cmd2 = any.CreateCommand();
                    cmd2.CommandText = "SELECT 1";
                    Db.Run("SELECT 1");
                }
            }
        }

        """;

    [Fact]
    public async Task Raw_sql_apis_outside_the_scope_are_reported_even_with_constants()
    {
        var source = SqlTestCode.Usings + Infrastructure + """
            namespace Shop.Application
            {
                using Shop.Infrastructure;

                public class OrderQueries
                {
                    public void All(ShopDb db, SqlConnection cn, DbConnection any)
                    {
                        db.Users.{|#0:FromSqlRaw|}("SELECT * FROM Users").ToList();
                        db.Users.{|AG3002:FromSql|}($"SELECT * FROM Users").ToList();
                        db.Database.{|AG3002:ExecuteSqlRaw|}("DELETE FROM Users");
                        cn.{|AG3002:Query<User>|}("SELECT * FROM Users");
                        using var cmd = {|AG3002:new SqlCommand("SELECT 1", cn)|};
                        using var cmd2 = any.CreateCommand();
                        {|AG3002:cmd2.CommandText|} = "SELECT 1";
                        Db.{|AG3002:Run|}("SELECT 1");
                        var count = db.Users.Count();
                    }
                }
            }
            """ + SqlTestCode.Model;
        await Verifier.AnalyzerAsync(source, Config, Verifier.Diagnostic(RawSqlPolicyAnalyzer.RawSqlOutsideAllowedScope).WithLocation(0).WithArguments(
            "FromSqlRaw", "Shop.Application.OrderQueries", " (layer Application)", "Infrastructure"));
    }

    [Fact]
    public Task Composition_root_and_allowed_scope_are_clean()
        => Verifier.AnalyzerAsync(SqlTestCode.Usings + Infrastructure + """
            public class Program
            {
                public static void Main(ShopDb db) => db.Database.ExecuteSqlRaw("CREATE TABLE T (Id int)");
            }
            """ + SqlTestCode.Model, Config);

    [Fact]
    public Task Without_allowedIn_nothing_is_reported()
        => Verifier.AnalyzerAsync(SqlTestCode.Usings + """
            namespace Shop.Application
            {
                public class OrderQueries
                {
                    public void All(ShopDb db) => db.Database.ExecuteSqlRaw("DELETE FROM Users");
                }
            }
            """ + SqlTestCode.Model, """{ "rawSql": { } }""");
}
