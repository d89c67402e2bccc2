using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer>;

namespace ArchGate.Tests.Sql;

/// <summary>Issue 15, point 6: shapes of constant SQL that are no longer reported, each with its violating twin.</summary>
public class ConstantShapesTests
{
    private static Task Check(string members, params DiagnosticResult[] expected)
        => Verifier.AnalyzerAsync(SqlTestCode.Wrap(members), expected);

    [Fact]
    public Task Elements_of_a_split_constant_and_of_a_local_array_of_constants_are_clean()
        => Check("""
            public void Run(ShopDb db, int i)
            {
                var columns = "Id,Name".Split(',');
                db.Database.ExecuteSqlRaw("SELECT " + columns[i] + " FROM Users");
                foreach (var column in "Id;Name".Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    db.Database.ExecuteSqlRaw("SELECT " + column + " FROM Users");
                }

                var tables = new[] { "Users", "Orders" };
                tables[1] = "Archive";
                db.Database.ExecuteSqlRaw("DELETE FROM " + tables[i] + " WHERE Id = 1");
                db.Database.ExecuteSqlRaw("SELECT " + string.Join(", ", tables) + " FROM Users");
            }
            """);

    [Fact]
    public Task Elements_of_a_split_value_or_of_an_array_written_with_a_value_are_reported()
        => Check("""
            private static void Fill(string[] target) { }
            public void Run(ShopDb db, int i, Func<string> input)
            {
                var columns = input().Split(',');
                db.Database.ExecuteSqlRaw({|AG3001:"SELECT " + columns[i] + " FROM Users"|});
                var tables = new[] { "Users", "Orders" };
                tables[1] = input();
                db.Database.ExecuteSqlRaw({|AG3001:"DELETE FROM " + tables[i]|});
                var passed = new[] { "Users" };
                Fill(passed);
                db.Database.ExecuteSqlRaw({|AG3001:"DELETE FROM " + passed[0]|});
            }
            """);

    [Fact]
    public Task Static_readonly_fields_and_get_only_properties_of_another_class_are_followed()
        => Verifier.AnalyzerAsync(SqlTestCode.Usings + """
            internal static class UserSql
            {
                public const string Table = "Users";
                public static readonly string Select = "SELECT * FROM " + Table;
                public static string SelectActive { get; } = Select + " WHERE Active = 1";
                public static string Mutable { get; set; } = "SELECT * FROM Users";
                public static string FromEnvironment { get; } = "SELECT * FROM " + Environment.GetEnvironmentVariable("T");
            }

            public class Repo
            {
                public void Run(ShopDb db)
                {
                    db.Database.ExecuteSqlRaw(UserSql.Select);
                    db.Database.ExecuteSqlRaw(UserSql.SelectActive + " AND Id = {0}", 1);
                    db.Database.ExecuteSqlRaw({|AG3001:UserSql.Mutable|});
                    db.Database.ExecuteSqlRaw({|AG3001:UserSql.FromEnvironment|});
                }
            }
            """ + SqlTestCode.Model);

    [Fact]
    public Task Stored_procedure_call_built_from_the_procedure_name_and_parameter_names_is_clean()
        => Check("""
            private const string UpdateUser = "dbo.UpdateUser";
            public int Run(ShopDb db, int id, string name)
            {
                var parameters = new[] { new SqlParameter("@Id", id), new SqlParameter { ParameterName = "@Name", Value = name } };
                var sql = "EXEC " + UpdateUser + " " + string.Join(", ", parameters.Select(p => p.ParameterName));
                db.Database.ExecuteSqlRaw(sql, parameters);
                var names = new[] { "Id", "Name" };
                return db.Database.ExecuteSqlRaw($"EXEC {UpdateUser} " + string.Join(", ", names.Select(n => "@" + n)), parameters);
            }
            """);

    [Fact]
    public Task Stored_procedure_call_with_a_parameter_name_or_element_from_a_value_is_reported()
        => Check("""
            private const string UpdateUser = "dbo.UpdateUser";
            public int Run(ShopDb db, int id, Func<string> input)
            {
                var parameters = new[] { new SqlParameter("@Id", id), new SqlParameter(input(), id) };
                db.Database.ExecuteSqlRaw({|AG3001:"EXEC " + UpdateUser + " " + string.Join(", ", parameters.Select(p => p.ParameterName))|}, parameters);
                var names = new[] { "Id", input() };
                return db.Database.ExecuteSqlRaw({|AG3001:$"EXEC {UpdateUser} " + string.Join(", ", names.Select(n => "@" + n))|}, parameters);
            }
            """);
}
