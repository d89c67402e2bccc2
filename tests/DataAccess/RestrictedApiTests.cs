using ArchGate.Analyzers.DataAccess;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.DataAccess.DataAccessTestCode;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.DataAccess.DataAccessAnalyzer>;

namespace ArchGate.Tests.DataAccess;

/// <summary>AG2004: an API of a <c>restrictions</c> entry used outside its <c>allowedIn</c>.</summary>
public class RestrictedApiTests
{
    private static string ConfigWith(string restrictions) => "{\n" + DataAccessTestCode.Layers + "\n  \"restrictions\": " + restrictions + "\n}";

    private static readonly string HttpConfig = ConfigWith("""
        [
          { "apis": ["T:System.Net.Http.HttpClient"], "allowedIn": ["Infrastructure"],
            "because": "outbound HTTP goes through the typed clients in Infrastructure" }
        ]
        """);

    private static Task RunAsync(string source, string config, params DiagnosticResult[] expected)
    {
        var test = Verifier.Create(config, source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task Type_restriction_reports_field_construction_and_static_use_with_the_because_text()
    {
        await RunAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Shop.Api
            {
                public class PaymentsController
                {
                    private readonly {|#0:HttpClient|} _http = new HttpClient();
                    public Task<string> Get() => _http.GetStringAsync("https://example.com");
                    public HttpClient Other() => new {|AG2004:HttpClient|}();
                    public int Count() => HttpClient.{|AG2004:DefaultProxy|} is null ? 0 : 1;
                }
            }
            """, HttpConfig,
            new DiagnosticResult(DataAccessAnalyzer.RestrictedApiOutsideScope).WithLocation(0).WithArguments(
                "Shop.Api.PaymentsController", "'System.Net.Http.HttpClient'", "restrictions[0]", "T:System.Net.Http.HttpClient",
                "Infrastructure", "outbound HTTP goes through the typed clients in Infrastructure"),
            Verifier.Diagnostic("AG2004").WithSpan(10, 16, 10, 26));
    }

    /// <summary>Issue 16, shape 7: the uses of one restricted type in one member are one decision, one diagnostic.</summary>
    [Fact]
    public async Task Uses_of_a_restricted_type_in_one_member_are_one_diagnostic_and_other_members_their_own()
    {
        var config = ConfigWith("""[ { "apis": ["T:System.DateTime"], "allowedIn": ["Infrastructure"], "because": "use IClock" } ]""");
        await RunAsync("""
            namespace Shop.Application
            {
                public class Stamps
                {
                    public string Three() => System.DateTime.{|#0:Now|}.ToString() + System.DateTime.{|#1:UtcNow|} + System.DateTime.{|#2:Today|};
                    public System.DayOfWeek One() => System.DateTime.{|#3:Today|}.DayOfWeek;
                }
            }
            """, config,
            Verifier.Diagnostic("AG2004").WithLocation(0).WithLocation(1).WithLocation(2),
            Verifier.Diagnostic("AG2004").WithLocation(3));
    }

    [Fact]
    public async Task Type_restriction_inside_allowed_scope_and_composition_root_is_clean()
    {
        await RunAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            namespace Shop.Infrastructure.Payments
            {
                public class PaymentClient
                {
                    private readonly HttpClient _http;
                    public PaymentClient(HttpClient http) => _http = http;
                    public System.Uri? Base => _http.BaseAddress;
                }
            }

            namespace Shop.Api.DependencyInjection
            {
                public static class Registration
                {
                    public static void Add(IServiceCollection services) => services.AddSingleton(new HttpClient());
                }
            }
            """, HttpConfig);
    }

    [Fact]
    public async Task Namespace_restriction_covers_every_type_below_it()
    {
        await RunAsync("""
            using System.Net.Http;

            namespace Shop.Application.Orders
            {
                public class Notifier
                {
                    public object Build() => new {|AG2004:HttpRequestMessage|}(HttpMethod.{|AG2004:Get|}, "https://example.com");
                    public void Handle({|AG2004:HttpResponseMessage|} response) { }
                }
            }
            """, ConfigWith("""[ { "apis": ["N:System.Net.Http"], "allowedIn": ["Infrastructure"], "because": "no HTTP in the core" } ]"""));
    }

    [Fact]
    public async Task Method_restriction_with_parameters_selects_one_overload()
    {
        await RunAsync("""
            using System.IO;
            using System.Text;

            namespace Shop.Application.Files
            {
                public class Reader
                {
                    public string A(string path) => File.{|AG2004:ReadAllText|}(path);
                    public string B(string path) => File.ReadAllText(path, Encoding.UTF8);
                }
            }
            """, ConfigWith("""[ { "apis": ["M:System.IO.File.ReadAllText(System.String)"], "allowedIn": ["Infrastructure"] } ]"""));
    }

    [Fact]
    public async Task Method_restriction_without_parameters_selects_every_overload()
    {
        await RunAsync("""
            using System.IO;
            using System.Text;

            namespace Shop.Application.Files
            {
                public class Reader
                {
                    public string A(string path) => File.{|AG2004:ReadAllText|}(path);
                    public string B(string path) => File.{|AG2004:ReadAllText|}(path, Encoding.UTF8);
                    public string[] C(string path) => File.ReadAllLines(path);
                }
            }
            """, ConfigWith("""[ { "apis": ["M:System.IO.File.ReadAllText"], "allowedIn": ["Infrastructure"] } ]"""));
    }

    [Fact]
    public async Task Generic_extension_method_restriction_matches_the_reduced_call()
    {
        await RunAsync("""
            using System.Collections.Generic;
            using System.Linq;

            namespace Shop.Application.Lists
            {
                public class Lists
                {
                    public List<int> A(IEnumerable<int> items) => items.{|AG2004:ToList|}();
                    public List<int> B(IEnumerable<int> items) => Enumerable.{|AG2004:ToList|}(items);
                    public int[] C(IEnumerable<int> items) => items.ToArray();
                }
            }
            """, ConfigWith("""[ { "apis": ["M:System.Linq.Enumerable.ToList``1(System.Collections.Generic.IEnumerable{``0})"], "allowedIn": ["Infrastructure"] } ]"""));
    }

    [Fact]
    public async Task Property_field_and_event_restrictions()
    {
        await RunAsync("""
            using System;

            namespace Shop.Domain.Time
            {
                public class Clock
                {
                    public DateTime Now() => DateTime.{|AG2004:UtcNow|};
                    public DateTime Today() => DateTime.Today;
                    public string Empty() => string.{|AG2004:Empty|};
                    public void Hook() => AppDomain.CurrentDomain.{|AG2004:UnhandledException|} += (s, e) => { };
                    public string Name() => nameof(DateTime.UtcNow);
                }
            }
            """, ConfigWith("""
                [
                  { "apis": ["P:System.DateTime.UtcNow"], "allowedIn": ["Infrastructure"], "because": "inject TimeProvider" },
                  { "apis": ["F:System.String.Empty", "E:System.AppDomain.UnhandledException"], "allowedIn": ["Infrastructure"] }
                ]
                """));
    }

    [Fact]
    public async Task Constructor_and_accessor_ids_from_bannedsymbols_files()
    {
        await RunAsync("""
            using System;
            using System.Text;

            namespace Shop.Application.Text
            {
                public class Texts
                {
                    public StringBuilder A() => new {|AG2004:StringBuilder|}(16);
                    public StringBuilder B() => new StringBuilder();
                    public DateTime C() => DateTime.{|AG2004:Now|};
                }
            }
            """, ConfigWith("""[ { "apis": ["M:System.Text.StringBuilder.#ctor(System.Int32)", "M:System.DateTime.get_Now"], "allowedIn": ["Infrastructure"] } ]"""));
    }

    [Fact]
    public async Task Generic_type_restriction_matches_constructed_types_and_globs_work()
    {
        await RunAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            namespace Shop.Application.Caching
            {
                public class Cache
                {
                    private readonly {|AG2004:ConcurrentDictionary<string, int>|} _a = new();
                    private readonly {|AG2004:List<int>|} _b = new();
                    private readonly Dictionary<string, int> _c = new();
                }
            }
            """, ConfigWith("""
                [
                  { "apis": ["T:System.Collections.Generic.List`1"], "allowedIn": ["Infrastructure"] },
                  { "apis": ["System.Collections.Concurrent.*"], "allowedIn": ["Infrastructure"] }
                ]
                """));
    }

    [Fact]
    public async Task Groups_can_be_restricted_and_message_without_because_gives_advice()
    {
        await RunAsync("""
            using Dapper;
            using Microsoft.Data.SqlClient;

            namespace Shop.Infrastructure.Reports
            {
                public class Report
                {
                    public int Run(SqlConnection c) => c.{|#0:ExecuteScalar<int>|}("select 1");
                }
            }

            namespace Shop.Infrastructure.Dapper.Queries
            {
                public class Allowed
                {
                    public int Run(SqlConnection c) => c.ExecuteScalar<int>("select 1");
                }
            }
            """, ConfigWith("""[ { "apis": ["@dapper"], "allowedIn": ["Shop.Infrastructure.Dapper.**"] } ]"""),
            new DiagnosticResult(DataAccessAnalyzer.RestrictedApiOutsideScope).WithLocation(0).WithArguments(
                "Shop.Infrastructure.Reports.Report", "'Dapper.SqlMapper.ExecuteScalar'", "restrictions[0]", "@dapper",
                "Shop.Infrastructure.Dapper.**", "move this use into Shop.Infrastructure.Dapper.**, or depend on an abstraction implemented there"));
    }

    [Fact]
    public async Task Bannedsymbols_style_entry_without_allowedIn_bans_everywhere_but_the_composition_root()
    {
        await RunAsync("""
            using System;

            namespace Shop.Infrastructure.Time
            {
                public class Clock { public DateTime Now() => DateTime.{|#0:Now|}; }
            }

            public static class Program
            {
                public static void Main() => Console.WriteLine(DateTime.Now);
            }
            """, ConfigWith("""[ { "apis": ["P:System.DateTime.Now"], "because": "use TimeProvider." } ]"""),
            new DiagnosticResult(DataAccessAnalyzer.RestrictedApiOutsideScope).WithLocation(0).WithArguments(
                "Shop.Infrastructure.Time.Clock", "'System.DateTime.Now'", "restrictions[0]", "P:System.DateTime.Now",
                "the composition root", "use TimeProvider"));
    }

    [Fact]
    public async Task Cref_and_nameof_are_not_uses_of_a_restriction()
    {
        await RunAsync("""
            using System.Net.Http;

            namespace Shop.Api
            {
                /// <summary>Never <see cref="HttpClient"/> here.</summary>
                public class Docs
                {
                    public string Name => nameof(HttpClient) + nameof(HttpClient.Timeout);
                    public string Text => "new HttpClient()";
                }
            }
            """, HttpConfig);
    }
}
