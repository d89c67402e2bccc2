using ArchGate.Analyzers.Sql;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Sql.SqlInjectionAnalyzer>;

namespace ArchGate.Tests.Sql;

/// <summary>
/// Issue 15, point 3: parameters of controller actions, minimal-API handlers, Razor Page handlers, SignalR
/// hub methods and gRPC service overrides are request data (real ASP.NET Core and Grpc.Core.Api metadata).
/// </summary>
public class EntryPointTests
{
    private const string Usings = SqlTestCode.Usings + """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.SignalR;

        """;

    /// <summary>An internal whole-SQL pass-through: its calls are checked, it is not reported itself.</summary>
    private const string Db = """

        internal sealed class Db
        {
            private readonly ShopDb _db;
            public Db(ShopDb db) => _db = db;
            internal int Run(string sql) => _db.Database.ExecuteSqlRaw(sql);
            internal int DeleteWhere(string where) => _db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE " + where);
        }
        """;

    private static Task Check(string code, params DiagnosticResult[] expected)
        => Verifier.AnalyzerAsync(Usings + code + Db + SqlTestCode.Model, expected);

    [Fact]
    public Task Controller_action_parameters_passed_to_a_pass_through_are_AG3001_at_the_call()
        => Check("""
            [ApiController]
            [Route("users")]
            public sealed class UsersController : ControllerBase
            {
                private readonly Db _db = null!;

                [HttpDelete]
                public int Delete([FromQuery] string sql) => _db.Run({|#0:sql|});

                [HttpGet("{name}")]
                public int ByName(string name) => _db.DeleteWhere({|AG3001:"Name = '" + name + "'"|});

                public int Plain(string where) => _db.DeleteWhere({|AG3001:where|});
            }

            public sealed class HomeController : Controller
            {
                private readonly Db _db = null!;
                public IActionResult Index(string sql) { _db.Run({|AG3001:sql|}); return View(); }
            }

            [ApiController]
            public sealed class PocoApi
            {
                private readonly Db _db = null!;
                public int Run(string sql) => _db.Run({|AG3001:sql|});
            }
            """,
            Verifier.Diagnostic(SqlInjectionAnalyzer.NonConstantSql).WithLocation(0).WithArguments(
                "Db.Run",
                "'sql' is not a compile-time constant ('Db.Run' passes it to 'ExecuteSqlRaw'); 'sql' is request data (a parameter of the controller action 'Delete')",
                "SQL must never be assembled from run-time values (SQL injection)",
                "Pass constant SQL and send the values as parameters"));

    [Fact]
    public Task Controller_actions_passing_constants_and_non_actions_are_not_request_data()
        => Check("""
            [ApiController]
            public sealed class UsersController : ControllerBase
            {
                private readonly Db _db = null!;

                [HttpDelete]
                public int Delete() => _db.Run("DELETE FROM Users WHERE Id = 1");

                [HttpGet]
                public int Sorted(bool byName) => _db.DeleteWhere(byName ? "Name = ''" : "Id = 0");

                [NonAction]
                internal int Helper(string sql) => _db.Run(sql);

                private int Private(string sql) => _db.Run(sql);
            }

            public sealed class Service
            {
                private readonly Db _db = null!;
                public int Forward(string sql) => _db.Run({|#0:sql|});
            }
            """,
            new DiagnosticResult(SqlInjectionAnalyzer.SqlPassThrough).WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Forward", "sql", "ExecuteSqlRaw"));

    [Fact]
    public Task Poco_controllers_by_name_or_attribute_are_request_data_NonController_is_not()
        => Check("""
            public sealed class OrdersController
            {
                private readonly Db _db = null!;
                public int Delete(string sql) => _db.Run({|AG3001:sql|});
            }

            [Controller]
            public sealed class Reports
            {
                private readonly Db _db = null!;
                public int Purge(string where) => _db.DeleteWhere({|AG3001:where|});
            }

            [NonController]
            public sealed class LegacyController
            {
                private readonly Db _db = null!;
                public int Forward(string sql) => _db.Run({|#0:sql|});
            }
            """,
            new DiagnosticResult(SqlInjectionAnalyzer.SqlPassThrough).WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("Forward", "sql", "ExecuteSqlRaw"));

    [Fact]
    public Task Razor_page_handlers_and_hub_methods_are_request_data()
        => Check("""
            public sealed class UsersPage : PageModel
            {
                private readonly Db _db = null!;
                public void OnGet(string filter) => _db.DeleteWhere({|AG3001:filter|});
                public void OnPostDeleteAsync(string sql) => _db.Run({|AG3001:sql|});
                public void Load(string sql) => _db.Run({|AG3003:sql|});
            }

            public sealed class UsersHub : Hub
            {
                private readonly Db _db = null!;
                public int Purge(string name) => _db.DeleteWhere({|AG3001:"Name = '" + name + "'"|});
                public int Constant() => _db.DeleteWhere("Id = 1");
            }
            """);

    [Fact]
    public Task Minimal_api_handlers_as_lambdas_and_method_groups_are_request_data()
        => Check("""
            public static class UserEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/users", (string name, ShopDb db) => db.Database.ExecuteSqlRaw({|AG3001:"DELETE FROM Users WHERE Name = '" + name + "'"|}));
                    app.MapGet("/users/safe", (string name, ShopDb db) => db.Database.ExecuteSql($"DELETE FROM Users WHERE Name = {name}"));
                    app.MapDelete("/users", {|AG3001:Delete|});
                    app.MapDelete("/users/safe", DeleteSafely);
                }

                private static int Delete(string name, ShopDb db) => db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE Name = '" + name + "'");

                private static int DeleteSafely(string name, ShopDb db) => db.Database.ExecuteSql($"DELETE FROM Users WHERE Name = {name}");
            }
            """);

    [Fact]
    public Task Grpc_service_overrides_are_request_data()
        => Check("""
            // The shape Grpc.Tools generates for a service: an abstract base marked [BindServiceMethod].
            public static partial class Users
            {
                [global::Grpc.Core.BindServiceMethod(typeof(Users), "BindService")]
                public abstract partial class UsersBase
                {
                    public virtual Task<int> Purge(string request, global::Grpc.Core.ServerCallContext context) => throw new NotImplementedException();
                    public virtual Task<int> Count(string request, global::Grpc.Core.ServerCallContext context) => throw new NotImplementedException();
                }
            }

            public sealed class UsersService : Users.UsersBase
            {
                private readonly Db _db = null!;
                public override Task<int> Purge(string request, global::Grpc.Core.ServerCallContext context) => Task.FromResult(_db.Run({|AG3001:request|}));
                public override Task<int> Count(string request, global::Grpc.Core.ServerCallContext context) => Task.FromResult(_db.Run("SELECT COUNT(*) FROM Users"));
            }
            """);
}
