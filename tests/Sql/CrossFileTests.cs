using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer, ArchGate.CodeFixes.Sql.ParameterizeSqlCodeFix>;

namespace ArchGate.Tests.Sql;

public class CrossFileTests
{
    private const string Sql = """
        internal static class SqlText
        {
            public static readonly string SelectUsers = "SELECT * FROM Users";
            public static readonly string FromEnvironment = "SELECT * FROM " + System.Environment.GetEnvironmentVariable("T");
            internal static string Where(string column) => " WHERE " + column + " = {0}";
            internal static string Input() => System.Console.ReadLine() ?? "";
        }
        """;

    [Fact]
    public Task Fields_and_helpers_declared_in_another_file_are_followed()
        => Verifier.Create(null, SqlTestCode.Wrap("""
            public List<User> Get(ShopDb db, Func<string> input)
            {
                db.Users.FromSqlRaw(SqlText.SelectUsers + SqlText.Where("Name"), input()).ToList();
                db.Users.FromSqlRaw({|AG3001:SqlText.FromEnvironment|}).ToList();
                return db.Users.FromSqlRaw({|AG3001:SqlText.SelectUsers + SqlText.Input()|}).ToList();
            }
            """), Sql).RunAsync();

    [Fact]
    public Task Dapper_concatenation_keeps_constant_parts_and_IDbCommand_gets_CreateParameter()
        => FixVerifier.CodeFixAsync(SqlTestCode.Wrap("""
            private const string Table = "Users";
            public void Run(IDbConnection cn, Func<string> input)
            {
                var name = input();
                cn.Execute({|AG3001:"DELETE FROM " + Table + " WHERE Name = '" + name + "'"|});
                using var cmd = cn.CreateCommand();
                cmd.CommandText = {|AG3001:$"DELETE FROM {Table} WHERE Name <> {name} AND Name LIKE '{name}%'"|};
                cmd.ExecuteNonQuery();
            }
            """), SqlTestCode.Wrap("""
            private const string Table = "Users";
            public void Run(IDbConnection cn, Func<string> input)
            {
                var name = input();
                cn.Execute("DELETE FROM " + Table + " WHERE Name = @name", param: new { name });
                using var cmd = cn.CreateCommand();
                cmd.CommandText = $"DELETE FROM {Table} WHERE Name <> @name AND Name LIKE @name2";
                var nameParameter = cmd.CreateParameter();
                nameParameter.ParameterName = "@name";
                nameParameter.Value = name;
                cmd.Parameters.Add(nameParameter);
                var name2Parameter = cmd.CreateParameter();
                name2Parameter.ParameterName = "@name2";
                name2Parameter.Value = name + "%";
                cmd.Parameters.Add(name2Parameter);
                cmd.ExecuteNonQuery();
            }
            """));
}
