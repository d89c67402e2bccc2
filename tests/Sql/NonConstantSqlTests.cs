using ArchGate.Analyzers.Sql;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer>;

namespace ArchGate.Tests.Sql;

public class NonConstantSqlTests
{
    private static Task Check(string members, params DiagnosticResult[] expected)
        => Verifier.AnalyzerAsync(SqlTestCode.Wrap(members), expected);

    // ---- EF Core ---------------------------------------------------------------------------

    [Fact]
    public Task FromSqlRaw_with_interpolation_is_reported()
        => Check("""
            public IQueryable<User> Find(ShopDb db, Func<string> input)
            {
                var name = input();
                return db.Users.FromSqlRaw({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|});
            }
            """);

    [Fact]
    public Task FromSqlRaw_with_constant_format_and_positional_parameters_is_clean()
        => Check("""
            public IQueryable<User> Find(ShopDb db, Func<string> input)
            {
                var name = input();
                return db.Users.FromSqlRaw("SELECT * FROM Users WHERE Name = {0}", name);
            }
            """);

    [Fact]
    public Task FromSql_with_interpolation_is_clean()
        => Check("""
            public IQueryable<User> Find(ShopDb db, Func<string> input)
            {
                var name = input();
                return db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}");
            }
            """);

    [Fact]
    public Task FromSql_with_formattable_string_variable_is_clean()
        => Check("""
            public IQueryable<User> Find(ShopDb db, Func<string> input)
            {
                var name = input();
                FormattableString query = $"SELECT * FROM Users WHERE Name = {name}";
                return db.Users.FromSql(query);
            }
            """);

    [Fact]
    public Task ExecuteSqlRaw_and_async_and_SqlQueryRaw_with_concatenation_are_reported()
        => Check("""
            public async Task Run(ShopDb db, Func<string> input, CancellationToken ct)
            {
                var name = input();
                db.Database.ExecuteSqlRaw({|AG3001:"DELETE FROM Users WHERE Name = '" + name + "'"|});
                await db.Database.ExecuteSqlRawAsync({|AG3001:"DELETE FROM Users WHERE Name = '" + name + "'"|}, ct);
                var ids = db.Database.SqlQueryRaw<int>({|AG3001:"SELECT Id FROM Users WHERE Name = '" + name + "'"|}).ToList();
            }
            """);

    [Fact]
    public Task ExecuteSqlRaw_and_async_and_SqlQueryRaw_with_constants_are_clean()
        => Check("""
            public async Task Run(ShopDb db, Func<string> input, CancellationToken ct)
            {
                var name = input();
                db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE Name = {0}", name);
                await db.Database.ExecuteSqlRawAsync("DELETE FROM Users WHERE Name = 'x'", ct);
                var ids = db.Database.SqlQueryRaw<int>("SELECT Id FROM Users WHERE Name = {0}", name).ToList();
                await db.Database.ExecuteSqlAsync($"DELETE FROM Users WHERE Name = {name}", ct);
            }
            """);

    [Fact]
    public async Task Message_names_the_value_and_what_to_do()
    {
        var source = SqlTestCode.Wrap("""
            public IQueryable<User> Find(ShopDb db, Func<string> input)
            {
                var name = input();
                return db.Users.FromSqlRaw({|#0:"SELECT * FROM Users WHERE Name = '" + name + "'"|});
            }
            """);
        await Verifier.AnalyzerAsync(source, Verifier.Diagnostic(SqlInjectionAnalyzer.NonConstantSql).WithLocation(0).WithArguments(
            "FromSqlRaw",
            "'name' is inserted into it between quotes, so it is certainly a value",
            "SQL must never be assembled from run-time values (SQL injection)",
            "Pass the values as parameters: call FromSql with an interpolated string (each hole becomes a DbParameter), or keep constant SQL with positional parameters ({0}) and pass the values after it"));
    }

    // ---- constants -------------------------------------------------------------------------

    [Fact]
    public Task Literals_consts_nameof_and_concatenation_of_constants_are_clean()
        => Check("""
            private const string Table = "Users";
            public void Run(ShopDb db)
            {
                const string where = " WHERE Id = 1";
                db.Database.ExecuteSqlRaw("DELETE FROM " + Table + where);
                db.Database.ExecuteSqlRaw($"DELETE FROM {Table}{where}");
                db.Database.ExecuteSqlRaw("DELETE FROM " + nameof(User) + "s");
                db.Database.ExecuteSqlRaw(string.Format("DELETE FROM {0}", Table));
                db.Database.ExecuteSqlRaw(string.Concat("DELETE FROM ", Table));
                db.Database.ExecuteSqlRaw("SELECT " + string.Join(", ", new[] { "Id", "Name" }) + " FROM Users");
                db.Database.ExecuteSqlRaw(string.Empty + "SELECT 1");
            }
            """);

    [Fact]
    public Task Format_concat_and_join_of_a_value_are_reported()
        => Check("""
            public void Run(ShopDb db, Func<string> input)
            {
                var name = input();
                db.Database.ExecuteSqlRaw({|AG3001:string.Format("DELETE FROM Users WHERE Name = '{0}'", name)|});
                db.Database.ExecuteSqlRaw({|AG3001:string.Concat("DELETE FROM ", name)|});
                db.Database.ExecuteSqlRaw({|AG3001:"SELECT " + string.Join(", ", new[] { "Id", name }) + " FROM Users"|});
            }
            """);

    [Fact]
    public Task Conditional_and_switch_with_constant_arms_are_clean()
        => Check("""
            public List<User> List(ShopDb db, string sort, bool descending)
            {
                var column = sort switch { "name" => "Name", "id" => "Id", _ => "Id" };
                var direction = descending ? "DESC" : "ASC";
                return db.Users.FromSqlRaw("SELECT * FROM Users ORDER BY " + column + " " + direction).ToList();
            }
            """);

    [Fact]
    public Task Conditional_and_switch_with_a_value_arm_are_reported()
        => Check("""
            public List<User> List(ShopDb db, Func<string> input, bool descending)
            {
                var sort = input();
                var column = sort switch { "name" => "Name", _ => sort };
                var direction = descending ? "DESC" : input();
                db.Users.FromSqlRaw({|AG3001:"SELECT * FROM Users ORDER BY " + direction|}).ToList();
                return db.Users.FromSqlRaw({|AG3001:"SELECT * FROM Users ORDER BY " + column|}).ToList();
            }
            """);

    [Fact]
    public Task Static_readonly_initialized_with_constants_is_clean()
        => Check("""
            private static readonly string Select = "SELECT * FROM Users";
            private static readonly string ById = Select + " WHERE Id = {0}";
            public List<User> Get(ShopDb db, int id) => db.Users.FromSqlRaw(ById, id).ToList();
            """);

    [Fact]
    public Task Static_readonly_initialized_with_a_value_and_instance_fields_are_reported()
        => Check("""
            private static readonly string Select = "SELECT * FROM " + Environment.GetEnvironmentVariable("TABLE");
            private readonly string _instance = "SELECT * FROM Users";
            public List<User> Get(ShopDb db)
            {
                db.Users.FromSqlRaw({|AG3001:_instance|}).ToList();
                return db.Users.FromSqlRaw({|AG3001:Select|}).ToList();
            }
            """);

    [Fact]
    public Task Static_readonly_assigned_in_static_constructor_from_a_value_is_reported()
        => Check("""
            private static readonly string Select;
            static Repo() { Select = "SELECT * FROM " + Environment.GetEnvironmentVariable("TABLE"); }
            public List<User> Get(ShopDb db) => db.Users.FromSqlRaw({|AG3001:Select|}).ToList();
            """);

    [Fact]
    public Task Numbers_bools_guids_and_enums_are_safe()
        => Check("""
            public List<User> Get(ShopDb db, Func<int> input, Func<Guid> key, Func<DayOfWeek> day)
            {
                var id = input();
                var g = key();
                var d = day();
                return db.Users.FromSqlRaw($"SELECT TOP {id} * FROM Users WHERE Key = '{g}' AND Day = '{d}' AND Id > " + id.ToString()).ToList();
            }
            """);

    // ---- locals ----------------------------------------------------------------------------

    [Fact]
    public Task Local_built_with_plus_equals_across_branches_and_loops_from_constants_is_clean()
        => Check("""
            public List<User> Search(ShopDb db, bool onlyActive, string[] filters)
            {
                var sql = "SELECT * FROM Users WHERE 1 = 1";
                if (onlyActive)
                {
                    sql += " AND Active = 1";
                }
                else
                {
                    sql = sql + " AND Deleted = 0";
                }

                foreach (var f in filters)
                {
                    sql += " AND Name <> {0}";
                }

                return db.Users.FromSqlRaw(sql, "x").ToList();
            }
            """);

    [Fact]
    public async Task Local_built_with_a_value_in_a_branch_is_reported_with_the_path()
    {
        var source = SqlTestCode.Wrap("""
            public List<User> Search(ShopDb db, bool byName, Func<string> input)
            {
                var name = input();
                var sql = "SELECT * FROM Users WHERE 1 = 1";
                if (byName)
                {
                    sql += " AND Name = '" + name + "'";
                }

                return db.Users.FromSqlRaw({|#0:sql|}).ToList();
            }
            """);
        await Verifier.AnalyzerAsync(source, Verifier.Diagnostic(SqlInjectionAnalyzer.NonConstantSql).WithLocation(0).WithArguments(
            "FromSqlRaw",
            "'sql' is built from 'name' at line 22",
            "SQL must never be assembled from run-time values (SQL injection)",
            "The SQL is built across statements, so no automatic fix is offered: build it from constants only (pick identifiers and optional clauses from constant allow-lists, e.g. a switch expression) and send every value as a parameter. Pass the values as parameters: call FromSql with an interpolated string (each hole becomes a DbParameter), or keep constant SQL with positional parameters ({0}) and pass the values after it"));
    }

    [Fact]
    public Task Local_assigned_in_a_loop_from_the_loop_variable_is_reported()
        => Check("""
            public void Run(ShopDb db, List<string> names)
            {
                var sql = "DELETE FROM Users WHERE Name IN (";
                foreach (var n in names)
                {
                    sql += "'" + n + "',";
                }

                db.Database.ExecuteSqlRaw({|AG3001:sql|});
            }
            """);

    [Fact]
    public Task Loop_over_a_constant_array_is_clean()
        => Check("""
            public void Run(ShopDb db)
            {
                var sql = "SELECT ";
                foreach (var c in new[] { "Id", "Name" })
                {
                    sql += c + ",";
                }

                db.Database.ExecuteSqlRaw(sql);
            }
            """);

    [Fact]
    public Task Local_written_through_out_argument_is_reported()
        => Check("""
            private static bool TryGet(out string s) { s = Console.ReadLine() ?? ""; return true; }
            public void Run(ShopDb db)
            {
                var sql = "SELECT 1";
                TryGet(out sql);
                db.Database.ExecuteSqlRaw({|AG3001:sql|});
            }
            """);

    // ---- StringBuilder ---------------------------------------------------------------------

    [Fact]
    public Task StringBuilder_with_constant_appends_is_clean()
        => Check("""
            public void Run(ShopDb db, bool active)
            {
                var sb = new StringBuilder("SELECT * FROM Users");
                sb.AppendLine(" WHERE 1 = 1");
                if (active)
                {
                    sb.Append(" AND Active = ").Append(1);
                }

                sb.AppendFormat(" AND Name <> {0}", "'x'").Insert(0, "/* q */ ");
                db.Database.ExecuteSqlRaw(sb.ToString());
            }
            """);

    [Fact]
    public Task StringBuilder_with_a_value_appended_is_reported()
        => Check("""
            public void Run(ShopDb db, Func<string> input)
            {
                var name = input();
                var sb = new StringBuilder("SELECT * FROM Users");
                sb.Append(" WHERE Name = '").Append(name).Append("'");
                db.Database.ExecuteSqlRaw({|AG3001:sb.ToString()|});
            }
            """);

    [Fact]
    public Task StringBuilder_passed_to_another_method_is_reported()
        => Check("""
            private static void AddWhere(StringBuilder sb) { }
            public void Run(ShopDb db)
            {
                var sb = new StringBuilder("SELECT * FROM Users");
                AddWhere(sb);
                db.Database.ExecuteSqlRaw({|AG3001:sb.ToString()|});
            }
            """);

    // ---- helpers ---------------------------------------------------------------------------

    [Fact]
    public Task Helper_returning_constants_given_constant_arguments_is_clean()
        => Check("""
            private static string Select(string table) => "SELECT * FROM " + table;
            internal static string OrderBy(bool desc) { if (desc) { return " ORDER BY Id DESC"; } return " ORDER BY Id"; }
            private static string Where => " WHERE Active = 1";
            public void Run(ShopDb db, bool desc)
            {
                db.Database.ExecuteSqlRaw(Select("Users") + Where + OrderBy(desc));
            }
            """);

    [Fact]
    public Task Helper_given_a_value_or_returning_a_value_is_reported()
        => Check("""
            private static string Select(string table) => "SELECT * FROM " + table;
            private static string Input() => Console.ReadLine() ?? "";
            private static string Recurse(int n) => n == 0 ? Console.ReadLine() ?? "" : Recurse(n - 1);
            public void Run(ShopDb db, Func<string> input)
            {
                db.Database.ExecuteSqlRaw({|AG3001:Select(input())|});
                db.Database.ExecuteSqlRaw({|AG3001:Input()|});
                db.Database.ExecuteSqlRaw({|AG3001:Recurse(3)|});
            }
            """);

    [Fact]
    public Task Virtual_helper_is_not_followed()
        => Check("""
            protected virtual string Select() => "SELECT * FROM Users";
            public void Run(ShopDb db) => db.Database.ExecuteSqlRaw({|AG3001:Select()|});
            """);

    // ---- Dapper ----------------------------------------------------------------------------

    [Fact]
    public Task Dapper_methods_with_values_are_reported()
        => Check("""
            public async Task Run(SqlConnection cn, Func<string> input)
            {
                var name = input();
                cn.Query<User>({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|});
                await cn.QueryAsync<User>({|AG3001:"SELECT * FROM Users WHERE Name = '" + name + "'"|});
                cn.Execute({|AG3001:$"DELETE FROM Users WHERE Name = '{name}'"|});
                await cn.ExecuteScalarAsync<int>({|AG3001:$"SELECT COUNT(*) FROM Users WHERE Name = '{name}'"|});
                cn.QueryMultiple({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|});
                cn.QueryFirstOrDefault<User>(new CommandDefinition({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|}));
            }
            """);

    [Fact]
    public Task Dapper_methods_with_parameters_are_clean()
        => Check("""
            public async Task Run(SqlConnection cn, Func<string> input)
            {
                var name = input();
                cn.Query<User>("SELECT * FROM Users WHERE Name = @name", new { name });
                await cn.QueryAsync<User>("SELECT * FROM Users WHERE Name = @name", new { name });
                cn.Execute("DELETE FROM Users WHERE Name = @name", new { name });
                await cn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Users WHERE Name = @name", new { name });
                cn.QueryMultiple("SELECT * FROM Users WHERE Name = @name", new { name });
                cn.QueryFirstOrDefault<User>(new CommandDefinition("SELECT * FROM Users WHERE Name = @name", new { name }));
            }
            """);

    // ---- ADO.NET ---------------------------------------------------------------------------

    [Fact]
    public Task AdoNet_command_text_constructors_and_adapters_with_values_are_reported()
        => Check("""
            public void Run(SqlConnection sql, NpgsqlConnection pg, SqliteConnection lite, DbConnection any, IDbConnection iface, Func<string> input)
            {
                var name = input();
                using var c1 = new SqlCommand({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|}, sql);
                using var c2 = new NpgsqlCommand({|AG3001:"SELECT * FROM Users WHERE Name = '" + name + "'"|}, pg);
                using var c3 = lite.CreateCommand();
                c3.CommandText = {|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|};
                using var c4 = any.CreateCommand();
                c4.CommandText = {|AG3001:"SELECT * FROM Users WHERE Name = '" + name + "'"|};
                using var c5 = iface.CreateCommand();
                c5.CommandText = {|AG3001:name|};
                using var c6 = new SqlCommand { CommandText = {|AG3001:name|} };
                using var adapter = new SqlDataAdapter({|AG3001:"SELECT * FROM Users WHERE Name = '" + name + "'"|}, sql);
            }
            """);

    [Fact]
    public Task AdoNet_with_constant_text_and_parameters_is_clean()
        => Check("""
            public void Run(SqlConnection sql, NpgsqlConnection pg, SqliteConnection lite, DbConnection any, IDbConnection iface, Func<string> input)
            {
                var name = input();
                using var c1 = new SqlCommand("SELECT * FROM Users WHERE Name = @name", sql);
                c1.Parameters.AddWithValue("@name", name);
                using var c2 = new NpgsqlCommand("SELECT * FROM Users WHERE Name = @name", pg);
                using var c3 = lite.CreateCommand();
                c3.CommandText = "SELECT * FROM Users WHERE Name = @name";
                using var c4 = any.CreateCommand();
                c4.CommandText = "SELECT * FROM Users";
                c4.CommandText += " WHERE Name = @name";
                using var c5 = iface.CreateCommand();
                c5.CommandText = "SELECT 1";
                using var c6 = new SqlCommand { CommandText = "SELECT 1" };
                using var adapter = new SqlDataAdapter("SELECT * FROM Users", "Server=.;Database=" + name);
            }
            """);

    [Fact]
    public async Task Message_for_an_identifier_hole_says_to_use_an_allow_list()
    {
        var source = SqlTestCode.Wrap("""
            public List<User> Get(ShopDb db, Func<string> input)
            {
                var table = input();
                return db.Users.FromSqlRaw({|#0:$"SELECT * FROM {table} WHERE Id = 1"|}).ToList();
            }
            """);
        await Verifier.AnalyzerAsync(source, Verifier.Diagnostic(SqlInjectionAnalyzer.NonConstantSql).WithLocation(0).WithArguments(
            "FromSqlRaw",
            "'table' is inserted into it",
            "SQL must never be assembled from run-time values (SQL injection)",
            "'table' is not in a value position (a table or column name, a list or a SQL fragment), so it cannot become a parameter: choose it from a constant allow-list (a switch expression returning constant strings) or use a query builder. Pass the values as parameters: call FromSql with an interpolated string (each hole becomes a DbParameter), or keep constant SQL with positional parameters ({0}) and pass the values after it"));
    }

    [Fact]
    public Task Local_function_forwarding_its_parameter_is_checked_at_its_calls()
        => Check("""
            public void Run(ShopDb db, Func<string> input)
            {
                Exec("DELETE FROM Users WHERE Id = 1");
                Exec({|AG3001:"DELETE FROM Users WHERE Name = '" + input() + "'"|});

                void Exec(string sql) => db.Database.ExecuteSqlRaw(sql);
            }
            """);

    // ---- robustness ------------------------------------------------------------------------

    [Fact]
    public async Task Empty_source_is_clean()
        => await Verifier.AnalyzerAsync("");
}
