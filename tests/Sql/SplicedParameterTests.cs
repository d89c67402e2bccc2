using ArchGate.Analyzers.Sql;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer>;

namespace ArchGate.Tests.Sql;

/// <summary>
/// Issue 15, points 1, 2 and 5: a parameter spliced into SQL text is AG3001 at the sink unless only this
/// project calls the method (its calls are checked instead); a parameter that is the whole SQL text keeps
/// the method a pass-through.
/// </summary>
public class SplicedParameterTests
{
    private static Task Check(string members, params DiagnosticResult[] expected)
        => Verifier.AnalyzerAsync(SqlTestCode.Wrap(members), expected);

    // ---- 1. a value spliced into SQL text ---------------------------------------------------

    [Fact]
    public Task Public_methods_splicing_their_parameter_are_AG3001_for_EFCore_Dapper_and_AdoNet()
        => Check("""
            public List<User> FindByName(ShopDb db, string name)
                => db.Users.FromSqlRaw({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|}).ToList();
            public IEnumerable<User> Search(IDbConnection cn, string q)
                => cn.Query<User>({|AG3001:"SELECT * FROM Users WHERE Name LIKE '%" + q + "%'"|});
            public object? Count(SqlConnection cn, string name)
            {
                using var cmd = new SqlCommand({|AG3001:"SELECT COUNT(*) FROM Users WHERE Name = '" + name + "'"|}, cn);
                return cmd.ExecuteScalar();
            }
            public int Builder(ShopDb db, string name)
            {
                var sb = new StringBuilder("DELETE FROM Users");
                sb.Append(" WHERE Name = '").Append(name).Append('\'');
                return db.Database.ExecuteSqlRaw({|AG3001:sb.ToString()|});
            }
            public int Format(ShopDb db, string name) => db.Database.ExecuteSqlRaw({|AG3001:string.Format("DELETE FROM Users WHERE Name = '{0}'", name)|});
            public int Concat(ShopDb db, string where) => db.Database.ExecuteSqlRaw({|AG3001:string.Concat("DELETE FROM Users WHERE ", where)|});
            public int PlusEquals(ShopDb db, string name)
            {
                var sql = "DELETE FROM Users";
                sql += " WHERE Name = '" + name + "'";
                return db.Database.ExecuteSqlRaw({|AG3001:sql|});
            }
            """);

    [Fact]
    public Task Public_methods_passing_their_parameter_as_a_parameter_or_choosing_from_an_allow_list_are_clean()
        => Check("""
            public List<User> FindByName(ShopDb db, string name)
                => db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}").ToList();
            public IEnumerable<User> Search(IDbConnection cn, string q)
                => cn.Query<User>("SELECT * FROM Users WHERE Name LIKE @q", new { q = "%" + q + "%" });
            public object? Count(SqlConnection cn, string name)
            {
                using var cmd = new SqlCommand("SELECT COUNT(*) FROM Users WHERE Name = @name", cn);
                cmd.Parameters.AddWithValue("@name", name);
                return cmd.ExecuteScalar();
            }
            public List<User> List(ShopDb db, string sort, string direction)
            {
                var column = sort switch { "name" => "Name", "id" => "Id", _ => "Id" };
                var order = direction == "desc" ? " DESC" : " ASC";
                return db.Users.FromSqlRaw("SELECT * FROM Users ORDER BY " + column + order).ToList();
            }
            """);

    [Fact]
    public async Task Message_says_a_quoted_parameter_is_certainly_a_value_and_why_it_is_reported()
    {
        var source = SqlTestCode.Wrap("""
            public List<User> FindByName(ShopDb db, string name)
                => db.Users.FromSqlRaw({|#0:$"SELECT * FROM Users WHERE Name = '{name}'"|}).ToList();
            """);
        await Verifier.AnalyzerAsync(source, Verifier.Diagnostic(SqlInjectionAnalyzer.NonConstantSql).WithLocation(0).WithArguments(
            "FromSqlRaw",
            "'name' is inserted into it between quotes, so it is certainly a value; 'name' is a parameter of the public 'FindByName', so callers in other projects can pass any text",
            "SQL must never be assembled from run-time values (SQL injection)",
            "Pass the values as parameters: call FromSql with an interpolated string (each hole becomes a DbParameter), or keep constant SQL with positional parameters ({0}) and pass the values after it"));
    }

    [Fact]
    public Task A_public_caller_forwarding_to_a_public_splicing_method_is_not_reported_twice()
        => Check("""
            public List<User> FindByName(ShopDb db, string name)
                => db.Users.FromSqlRaw({|AG3001:"SELECT * FROM Users WHERE Name = '" + name + "'"|}).ToList();
            public List<User> Service(ShopDb db, string name) => FindByName(db, name);
            public List<User> Controller(ShopDb db, Func<string> input) => Service(db, input());
            """);

    [Fact]
    public Task Non_public_splicing_method_whose_callers_pass_constants_or_allow_listed_values_is_clean()
        => Check("""
            private int DeleteWhere(ShopDb db, string where) => db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE " + where);
            internal List<User> Ordered(ShopDb db, string column) => db.Users.FromSqlRaw($"SELECT * FROM Users ORDER BY {column}").ToList();
            public void Clean(ShopDb db, bool byName, string sort)
            {
                DeleteWhere(db, "Id = 1");
                Ordered(db, byName ? "Name" : "Id");
                Ordered(db, sort switch { "name" => "Name", _ => "Id" });
            }
            """);

    [Fact]
    public Task Non_public_splicing_method_is_AG3001_at_a_call_that_passes_a_value_or_a_public_parameter()
        => Check("""
            internal List<User> Ordered(ShopDb db, string column) => db.Users.FromSqlRaw($"SELECT * FROM Users ORDER BY {column}").ToList();
            private List<User> Forward(ShopDb db, string column) => Ordered(db, column);
            public void Dirty(ShopDb db, Func<string> input, string sort)
            {
                Ordered(db, {|AG3001:input()|});
                Ordered(db, {|AG3001:sort|});
                Forward(db, {|AG3001:sort|});
            }
            """);

    // ---- 2. whole-SQL pass-through -----------------------------------------------------------

    [Fact]
    public Task Whole_sql_parameter_keeps_the_method_a_pass_through()
        => Check("""
            public int Run(ShopDb db, string sql) => db.Database.ExecuteSqlRaw({|#0:sql|});
            internal int RunInternal(ShopDb db, string sql)
            {
                var text = sql;
                return db.Database.ExecuteSqlRaw(text);
            }
            public void Callers(ShopDb db, Func<string> input)
            {
                RunInternal(db, "DELETE FROM Users");
                RunInternal(db, {|AG3001:input()|});
            }
            """,
            new DiagnosticResult(SqlInjectionAnalyzer.SqlPassThrough).WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Run", "sql", "ExecuteSqlRaw"));

    // ---- 5. virtual, override and interface implementations ---------------------------------

    [Fact]
    public Task Virtual_override_abstract_and_interface_implementations_splicing_their_parameter_are_AG3001()
        => Verifier.AnalyzerAsync(SqlTestCode.Usings + """
            internal interface IUserQueries
            {
                int Delete(ShopDb db, string name);
            }

            internal sealed class UserQueries : IUserQueries
            {
                public int Delete(ShopDb db, string name) => db.Database.ExecuteSqlRaw({|#0:"DELETE FROM Users WHERE Name = '" + name + "'"|});
            }

            internal sealed class ExplicitQueries : IUserQueries
            {
                int IUserQueries.Delete(ShopDb db, string name) => db.Database.ExecuteSqlRaw({|AG3001:$"DELETE FROM Users WHERE Name = '{name}'"|});
            }

            internal class QueriesBase
            {
                internal virtual int Delete(ShopDb db, string name) => db.Database.ExecuteSqlRaw({|AG3001:$"DELETE FROM Users WHERE Name = '{name}'"|});
            }

            internal sealed class DerivedQueries : QueriesBase
            {
                internal override int Delete(ShopDb db, string name) => db.Database.ExecuteSqlRaw({|AG3001:$"DELETE FROM Users WHERE Name <> '{name}'"|});
            }
            """ + SqlTestCode.Model,
            Verifier.Diagnostic(SqlInjectionAnalyzer.NonConstantSql).WithLocation(0).WithArguments(
                "ExecuteSqlRaw",
                "'name' is inserted into it between quotes, so it is certainly a value; 'name' is a parameter of 'Delete', which is an interface implementation, so calls through the base type or interface are not checked",
                "SQL must never be assembled from run-time values (SQL injection)",
                "Pass the values as parameters: call ExecuteSql with an interpolated string (each hole becomes a DbParameter), or keep constant SQL with positional parameters ({0}) and pass the values after it"));

    [Fact]
    public Task Virtual_and_interface_implementations_with_parameters_or_whole_sql_are_clean()
        => Verifier.AnalyzerAsync(SqlTestCode.Usings + """
            internal interface IUserQueries
            {
                int Delete(ShopDb db, string name);
            }

            internal sealed class UserQueries : IUserQueries
            {
                public int Delete(ShopDb db, string name) => db.Database.ExecuteSql($"DELETE FROM Users WHERE Name = {name}");
            }

            internal class QueriesBase
            {
                internal virtual int Delete(ShopDb db, string name) => db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE Name = {0}", name);
                internal virtual int Run(ShopDb db, string sql) => db.Database.ExecuteSqlRaw(sql);
            }
            """ + SqlTestCode.Model);
}
