using ArchGate.Analyzers.Sql;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer>;

namespace ArchGate.Tests.Sql;

/// <summary>
/// Issue 15, points 4 and 6: rawSql.sinks declared once are checked in every project that uses the same
/// archgate.json; SQL from a referenced project is either a const (clean) or cannot be seen (said so).
/// </summary>
public class CrossProjectTests
{
    private const string Config = """{ "rawSql": { "sinks": ["M:Shop.Data.Db.Run(System.String)"] } }""";

    /// <summary>The data project: a declared sink and SQL text helpers.</summary>
    private const string Data = """
        using System.Data.Common;

        namespace Shop.Data
        {
            public sealed class Db
            {
                private readonly DbConnection _connection;
                public Db(DbConnection connection) => _connection = connection;

                public int Run(string sql)
                {
                    using var command = _connection.CreateCommand();
                    command.CommandText = sql;
                    return command.ExecuteNonQuery();
                }
            }

            public static class UserSql
            {
                public const string ById = "SELECT * FROM Users WHERE Id = {0}";
                public const string Table = "Users";
                public static string SelectAll() => "SELECT * FROM Users";
            }
        }
        """;

    /// <summary>Without the declaration, Db.Run is a public pass-through of its own project (Info).</summary>
    private static DiagnosticResult UndeclaredRun => new DiagnosticResult(SqlInjectionAnalyzer.SqlPassThrough)
        .WithSpan("/Shop.Data/Test0.cs", 13, 35, 13, 38).WithArguments("Run", "sql", "DbCommand.CommandText");

    private static CSharpAnalyzerTest<SqlInjectionAnalyzer, DefaultVerifier> Create(string? config, string source)
    {
        var test = Verifier.Create(config, source);
        var project = test.TestState.AdditionalProjects["Shop.Data"];
        project.Sources.Add(Data);
        project.AdditionalReferences.AddRange(TestReferences.All);
        if (config is not null)
        {
            project.AdditionalFiles.Add((TestSetup.ConfigFileName, config));
        }

        test.TestState.AdditionalProjectReferences.Add("Shop.Data");
        return test;
    }

    private const string Caller = """
        using System;
        using Microsoft.AspNetCore.Mvc;
        using Shop.Data;

        namespace Shop.Api
        {
            public sealed class UsersController : ControllerBase
            {
                private readonly Db _db = null!;

                public int Purge(string name) => _db.Run({|#0:"DELETE FROM Users WHERE Name = '" + name + "'"|});
                public int Raw(string sql) => _db.Run({|#1:sql|});
                public int Clean() => _db.Run("DELETE FROM " + UserSql.Table + " WHERE Id = 1");
            }

            public sealed class Jobs
            {
                private readonly Db _db = null!;
                public int Cleanup(Func<string> input) => _db.Run({|#2:input()|});
                public int Constant() => _db.Run("DELETE FROM Users WHERE Id = 0");
            }
        }
        """;

    [Fact]
    public async Task Declared_sink_in_another_project_is_checked_at_its_calls()
    {
        var test = Create(Config, Caller);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG3001").WithLocation(0));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG3001").WithLocation(1));
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic("AG3001").WithLocation(2));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_the_declaration_the_other_projects_method_is_not_a_sink()
    {
        var test = Create(null, Caller.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("|}", ""));
        test.ExpectedDiagnostics.Add(UndeclaredRun);
        await test.RunAsync();
    }

    [Fact]
    public async Task Const_sql_from_a_referenced_project_is_clean_and_a_helper_there_cannot_be_seen()
    {
        var test = Create(null, SqlTestCode.Usings + """
            using Shop.Data;

            public class Repo
            {
                public List<User> ById(ShopDb db, int id) => db.Users.FromSqlRaw(UserSql.ById, id).ToList();
                public List<User> All(ShopDb db) => db.Users.FromSqlRaw({|#0:UserSql.SelectAll()|}).ToList();
            }
            """ + SqlTestCode.Model);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic(SqlInjectionAnalyzer.NonConstantSql).WithLocation(0).WithArguments(
            "FromSqlRaw",
            "'UserSql.SelectAll()' comes from the referenced assembly 'Shop.Data'",
            "ArchGate cannot see that this value is constant: the source of 'Shop.Data' is not part of this compilation",
            "If it is constant, make it a const (constants cross projects) or build it in this project; if the value is SQL by design, declare the method that runs it in archgate.json rawSql.sinks so that its callers are checked, or suppress AG3001 here with a justification"));
        test.ExpectedDiagnostics.Add(UndeclaredRun);
        await test.RunAsync();
    }
}
