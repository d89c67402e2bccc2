using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer, ArchGate.CodeFixes.Sql.ParameterizeSqlCodeFix>;

namespace ArchGate.Tests.Sql;

public class ParameterizeSqlCodeFixTests
{
    private static Task Fix(string before, string after)
        => Verifier.CodeFixAsync(SqlTestCode.Wrap(before), SqlTestCode.Wrap(after));

    // ---- EF Core ---------------------------------------------------------------------------

    [Fact]
    public Task FromSqlRaw_interpolation_becomes_FromSql_and_quotes_are_removed()
        => Fix("""
            public List<User> Find(ShopDb db, Func<string> input)
            {
                var name = input();
                return db.Users.FromSqlRaw({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}' AND Id > 0"|}).ToList();
            }
            """, """
            public List<User> Find(ShopDb db, Func<string> input)
            {
                var name = input();
                return db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name} AND Id > 0").ToList();
            }
            """);

    [Fact]
    public Task ExecuteSqlRaw_concatenation_and_async_with_token_and_SqlQueryRaw_become_interpolated()
        => Fix("""
            public async Task Run(ShopDb db, Func<string> input, CancellationToken ct)
            {
                var name = input();
                db.Database.ExecuteSqlRaw({|AG3001:"DELETE FROM Users WHERE Name = '" + name + "'"|});
                await db.Database.ExecuteSqlRawAsync({|AG3001:"DELETE FROM Users WHERE Name LIKE '%" + name + "%'"|}, ct);
                var ids = db.Database.SqlQueryRaw<int>({|AG3001:$"SELECT Id AS Value FROM Users WHERE Name <> {name}"|}).ToList();
            }
            """, """
            public async Task Run(ShopDb db, Func<string> input, CancellationToken ct)
            {
                var name = input();
                db.Database.ExecuteSql($"DELETE FROM Users WHERE Name = {name}");
                await db.Database.ExecuteSqlAsync($"DELETE FROM Users WHERE Name LIKE {"%" + name + "%"}", ct);
                var ids = db.Database.SqlQuery<int>($"SELECT Id AS Value FROM Users WHERE Name <> {name}").ToList();
            }
            """);

    [Fact]
    public Task No_fix_for_an_identifier_hole()
        => Fix("""
            public List<User> Find(ShopDb db, Func<string> input)
            {
                var table = input();
                return db.Users.FromSqlRaw({|AG3001:$"SELECT * FROM {table}"|}).ToList();
            }
            """, """
            public List<User> Find(ShopDb db, Func<string> input)
            {
                var table = input();
                return db.Users.FromSqlRaw({|AG3001:$"SELECT * FROM {table}"|}).ToList();
            }
            """);

    [Fact]
    public Task No_fix_for_sql_built_across_statements()
        => Fix("""
            public List<User> Find(ShopDb db, Func<string> input, bool byName)
            {
                var sql = "SELECT * FROM Users";
                if (byName)
                {
                    sql += " WHERE Name = '" + input() + "'";
                }

                return db.Users.FromSqlRaw({|AG3001:sql|}).ToList();
            }
            """, """
            public List<User> Find(ShopDb db, Func<string> input, bool byName)
            {
                var sql = "SELECT * FROM Users";
                if (byName)
                {
                    sql += " WHERE Name = '" + input() + "'";
                }

                return db.Users.FromSqlRaw({|AG3001:sql|}).ToList();
            }
            """);

    // ---- Dapper ----------------------------------------------------------------------------

    [Fact]
    public Task Dapper_interpolation_becomes_parameters_in_a_new_object()
        => Fix("""
            public IEnumerable<User> Find(SqlConnection cn, Func<User> input)
            {
                var user = input();
                return cn.Query<User>({|AG3001:$"SELECT * FROM Users WHERE Name = '{user.Name}' AND Id = {user.Id + 1}"|});
            }
            """, """
            public IEnumerable<User> Find(SqlConnection cn, Func<User> input)
            {
                var user = input();
                return cn.Query<User>("SELECT * FROM Users WHERE Name = @Name AND Id = @p1", param: new { user.Name, p1 = user.Id + 1 });
            }
            """);

    [Fact]
    public Task Dapper_like_moves_wildcards_and_merges_into_the_existing_object()
        => Fix("""
            public Task<IEnumerable<User>> Find(SqlConnection cn, Func<string> input, int minId)
            {
                var name = input();
                return cn.QueryAsync<User>({|AG3001:"SELECT * FROM Users WHERE Id > @minId AND Name LIKE '%" + name + "%'"|}, new { minId });
            }
            """, """
            public Task<IEnumerable<User>> Find(SqlConnection cn, Func<string> input, int minId)
            {
                var name = input();
                return cn.QueryAsync<User>("SELECT * FROM Users WHERE Id > @minId AND Name LIKE @name", new { minId, name = "%" + name + "%" });
            }
            """);

    [Fact]
    public Task Dapper_keeps_constant_holes_and_reuses_a_repeated_value()
        => Fix("""
            private const string Table = "Users";
            public int Run(SqlConnection cn, Func<string> input)
            {
                var name = input();
                return cn.Execute({|AG3001:$"UPDATE {Table} SET Name = '{name}' WHERE Name = '{name}'"|});
            }
            """, """
            private const string Table = "Users";
            public int Run(SqlConnection cn, Func<string> input)
            {
                var name = input();
                return cn.Execute($"UPDATE {Table} SET Name = @name WHERE Name = @name", param: new { name });
            }
            """);

    [Fact]
    public Task CommandDefinition_gets_parameters()
        => Fix("""
            public User? Find(SqlConnection cn, Func<string> input)
            {
                var name = input();
                return cn.QueryFirstOrDefault<User>(new CommandDefinition({|AG3001:"SELECT * FROM Users WHERE Name = '" + name + "'"|}));
            }
            """, """
            public User? Find(SqlConnection cn, Func<string> input)
            {
                var name = input();
                return cn.QueryFirstOrDefault<User>(new CommandDefinition("SELECT * FROM Users WHERE Name = @name", parameters: new { name }));
            }
            """);

    // ---- ADO.NET ---------------------------------------------------------------------------

    [Fact]
    public Task SqlCommand_constructor_gets_AddWithValue()
        => Fix("""
            public object? Find(SqlConnection cn, Func<string> input)
            {
                var name = input();
                using var cmd = new SqlCommand({|AG3001:$"SELECT Id FROM Users WHERE Name = '{name}'"|}, cn);
                return cmd.ExecuteScalar();
            }
            """, """
            public object? Find(SqlConnection cn, Func<string> input)
            {
                var name = input();
                using var cmd = new SqlCommand("SELECT Id FROM Users WHERE Name = @name", cn);
                cmd.Parameters.AddWithValue("@name", name);
                return cmd.ExecuteScalar();
            }
            """);

    [Fact]
    public Task Npgsql_and_Sqlite_command_text_get_AddWithValue()
        => Fix("""
            public void Run(NpgsqlConnection pg, SqliteConnection lite, Func<string> input)
            {
                var name = input();
                using (var cmd = new NpgsqlCommand({|AG3001:"DELETE FROM users WHERE name LIKE '" + name + "%'"|}, pg))
                {
                    cmd.ExecuteNonQuery();
                }

                using var cmd2 = lite.CreateCommand();
                cmd2.CommandText = {|AG3001:$"DELETE FROM Users WHERE Name = '{name}'"|};
                cmd2.ExecuteNonQuery();
            }
            """, """
            public void Run(NpgsqlConnection pg, SqliteConnection lite, Func<string> input)
            {
                var name = input();
                using (var cmd = new NpgsqlCommand("DELETE FROM users WHERE name LIKE @name", pg))
                {
                    cmd.Parameters.AddWithValue("@name", name + "%");
                    cmd.ExecuteNonQuery();
                }

                using var cmd2 = lite.CreateCommand();
                cmd2.CommandText = "DELETE FROM Users WHERE Name = @name";
                cmd2.Parameters.AddWithValue("@name", name);
                cmd2.ExecuteNonQuery();
            }
            """);

    [Fact]
    public Task DbCommand_without_AddWithValue_gets_CreateParameter()
        => Fix("""
            public void Run(DbConnection cn, Func<string> input)
            {
                var name = input();
                using var cmd = cn.CreateCommand();
                cmd.CommandText = {|AG3001:"DELETE FROM Users WHERE Name = '" + name + "'"|};
                cmd.ExecuteNonQuery();
            }
            """, """
            public void Run(DbConnection cn, Func<string> input)
            {
                var name = input();
                using var cmd = cn.CreateCommand();
                cmd.CommandText = "DELETE FROM Users WHERE Name = @name";
                var nameParameter = cmd.CreateParameter();
                nameParameter.ParameterName = "@name";
                nameParameter.Value = name;
                cmd.Parameters.Add(nameParameter);
                cmd.ExecuteNonQuery();
            }
            """);

    // ---- issue 15: the value is a parameter of the enclosing method ------------------------

    [Fact]
    public Task Parameters_spliced_by_public_methods_become_sql_parameters_for_EFCore_Dapper_and_AdoNet()
        => Fix("""
            public List<User> FindByName(ShopDb db, string name)
                => db.Users.FromSqlRaw({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|}).ToList();
            public IEnumerable<User> Search(SqlConnection cn, string q)
                => cn.Query<User>({|AG3001:"SELECT * FROM Users WHERE Name LIKE '%" + q + "%'"|});
            public object? Count(SqlConnection cn, string name)
            {
                using var cmd = new SqlCommand({|AG3001:"SELECT COUNT(*) FROM Users WHERE Name = '" + name + "'"|}, cn);
                return cmd.ExecuteScalar();
            }
            """, """
            public List<User> FindByName(ShopDb db, string name)
                => db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}").ToList();
            public IEnumerable<User> Search(SqlConnection cn, string q)
                => cn.Query<User>("SELECT * FROM Users WHERE Name LIKE @q", param: new { q = "%" + q + "%" });
            public object? Count(SqlConnection cn, string name)
            {
                using var cmd = new SqlCommand("SELECT COUNT(*) FROM Users WHERE Name = @name", cn);
                cmd.Parameters.AddWithValue("@name", name);
                return cmd.ExecuteScalar();
            }
            """);

    [Fact]
    public async Task Fix_all_in_a_project_fixes_every_document()
    {
        var test = Verifier.Create(null, SqlTestCode.Wrap("""
            public List<User> FindByName(ShopDb db, string name)
                => db.Users.FromSqlRaw({|AG3001:$"SELECT * FROM Users WHERE Name = '{name}'"|}).ToList();
            """), SqlTestCode.Wrap("""
            public List<User> FindByName(ShopDb db, string name)
                => db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}").ToList();
            """));
        test.TestState.Sources.Add(SqlTestCode.Usings + """
            public class Queries
            {
                public int Delete(IDbConnection cn, string name) => cn.Execute({|AG3001:$"DELETE FROM Users WHERE Name = '{name}'"|});
            }
            """);
        test.FixedState.Sources.Add(SqlTestCode.Usings + """
            public class Queries
            {
                public int Delete(IDbConnection cn, string name) => cn.Execute("DELETE FROM Users WHERE Name = @name", param: new { name });
            }
            """);
        await test.RunAsync();
    }
}
