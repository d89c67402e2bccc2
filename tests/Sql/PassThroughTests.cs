using ArchGate.Analyzers.Sql;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer>;

namespace ArchGate.Tests.Sql;

public class PassThroughTests
{
    private static DiagnosticResult Info(int location) => new DiagnosticResult(SqlInjectionAnalyzer.SqlPassThrough).WithLocation(location);

    [Fact]
    public async Task AG3003_public_method_forwarding_its_parameter_is_reported_as_info_not_AG3001()
    {
        var source = SqlTestCode.Wrap("""
            public int Run(ShopDb db, string sql) => db.Database.ExecuteSqlRaw({|#0:sql|});
            """);
        await Verifier.AnalyzerAsync(source, Info(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Run", "sql", "ExecuteSqlRaw"));
    }

    [Fact]
    public Task Private_pass_through_called_with_constants_is_clean()
        => Verifier.AnalyzerAsync(SqlTestCode.Wrap("""
            private int Run(ShopDb db, string where) => db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE " + where);
            public void Clean(ShopDb db)
            {
                Run(db, "Id = 1");
                Run(db, "Name = " + nameof(User));
            }
            """));

    [Fact]
    public Task Private_pass_through_called_with_a_value_is_AG3001_at_the_call()
        => Verifier.AnalyzerAsync(SqlTestCode.Wrap("""
            private int Run(ShopDb db, string where) => db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE " + where);
            private void Twice(ShopDb db, string where) => Run(db, where);
            public void Dirty(ShopDb db, Func<string> input)
            {
                var name = input();
                Run(db, {|AG3001:"Name = '" + name + "'"|});
                Twice(db, {|AG3001:name|});
                Twice(db, "Id = 2");
            }
            """));

    [Fact]
    public Task Public_pass_through_declared_as_a_sink_is_not_info_and_its_callers_are_checked()
    {
        var test = Verifier.Create("""{ "rawSql": { "sinks": ["M:Repo.Run(ShopDb,System.String)"] } }""", SqlTestCode.Wrap("""
            public int Run(ShopDb db, string sql) => db.Database.ExecuteSqlRaw(sql);
            public void Call(ShopDb db, Func<string> input)
            {
                Run(db, "DELETE FROM Users");
                Run(db, {|AG3001:input()|});
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task User_sink_property_and_method_with_values_are_reported()
    {
        var test = Verifier.Create(
            """{ "rawSql": { "sinks": ["M:Shop.Db.Exec(System.Int32,System.String)", "M:Shop.Db.Run(System.String,System.String)", "P:Shop.Db.Text"] } }""",
            """
            using System;
            namespace Shop
            {
                public class Db
                {
                    public string Text { get; set; } = "";
                    public void Exec(int timeout, string sql) { }
                    public void Run(string connectionName, string query) { }
                }

                public class Caller
                {
                    public void Call(Db db, Func<string> input)
                    {
                        db.Exec(30, "SELECT 1");
                        db.Text = "SELECT 1";
                        db.Exec(30, {|AG3001:"SELECT " + input()|});
                        db.Text = {|AG3001:input()|};
                        db.Run(input(), "SELECT 1");
                        db.Run("main", {|AG3001:input()|});
                    }
                }
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task Lambda_parameter_reaching_a_sink_is_AG3001()
        => Verifier.AnalyzerAsync(SqlTestCode.Wrap("""
            public void Run(ShopDb db, List<string> statements)
            {
                statements.ForEach(s => db.Database.ExecuteSqlRaw({|AG3001:s|}));
            }
            """));
}
