using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.Configuration.ConfigTest;

namespace ArchGate.Tests.Configuration;

/// <summary>AG0010: a pattern of archgate.json that matches nothing in a project that can see where its target would be.</summary>
public class PatternCoverageTests
{
    private const string Shop = """
        namespace Shop.Domain { public class Order { } }
        namespace Shop.Application.Abstractions { public interface IOrderRepository { } }
        namespace Shop.Infrastructure.Persistence
        {
            public class OrderRepository : Shop.Application.Abstractions.IOrderRepository { }
            public class GenericRepository<T> { }
            public class UnitOfWork { public void Commit() { } }
        }
        namespace Shop.Api.Controllers { public class OrdersController { } }
        """;

    private const string Dependencies = """
        "dependencies": { "Api": ["Application", "Domain"], "Application": ["Domain"], "Infrastructure": ["Application", "Domain"], "Domain": [] },
        """;

    [Fact]
    public async Task Typos_in_a_namespace_segment_or_a_type_name_are_reported_with_the_correction()
    {
        var markup = """
            {
              "layers": {
                "Api": { "namespaces": ["Shop.Api.**"] },
                "Application": { "namespaces": [{|AG0010:"Shop.Aplication.**"|}] },
                "Domain": { "namespaces": ["Shop.Domain.**"] },
                "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
              },
            """ + Dependencies + """
              "repositories": {
                "interfaces": [{|AG0010:"Shop.Application.Abstractions.IOrderRepositry"|}],
                "implementations": [{|AG0010:"Shop.Infrastrcture.Persistence.*Repository"|}, {|AG0010:"T:Shop.Infrastructure.Persistence.GenericRepository`2"|}]
              },
              "transactions": { "saveChangesAllowedIn": [{|AG0010:"Shop.Infrastructure.Persistence.UnitOfWrk"|}] }
            }
            """;
        var (config, expected) = ParseMarkup(markup);
        const string Tail = " A pattern that matches nothing leaves the rule it configures without effect: correct it, or remove it if what it named is gone.";
        string[] messages =
        [
            "'Shop.Aplication.**' at layers.Application.namespaces[0] names 'Shop.Aplication', which does not exist in this project, but 'Shop.Application' does (did you mean 'Shop.Application.**'?)." + Tail,
            "'Shop.Application.Abstractions.IOrderRepositry' at repositories.interfaces[0] names 'Shop.Application.Abstractions.IOrderRepositry', which does not exist in this project, but 'Shop.Application.Abstractions.IOrderRepository' does (did you mean 'Shop.Application.Abstractions.IOrderRepository'?)." + Tail,
            "'Shop.Infrastrcture.Persistence.*Repository' at repositories.implementations[0] names 'Shop.Infrastrcture', which does not exist in this project, but 'Shop.Infrastructure' does (did you mean 'Shop.Infrastructure.Persistence.*Repository'?)." + Tail,
            "'T:Shop.Infrastructure.Persistence.GenericRepository`2' at repositories.implementations[1] names 'Shop.Infrastructure.Persistence.GenericRepository`2', which does not exist in this project, but 'Shop.Infrastructure.Persistence.GenericRepository`1' does (did you mean 'T:Shop.Infrastructure.Persistence.GenericRepository`1'?)." + Tail,
            "'Shop.Infrastructure.Persistence.UnitOfWrk' at transactions.saveChangesAllowedIn[0] names 'Shop.Infrastructure.Persistence.UnitOfWrk', which does not exist in this project, but 'Shop.Infrastructure.Persistence.UnitOfWork' does (did you mean 'Shop.Infrastructure.Persistence.UnitOfWork'?)." + Tail,
        ];
        await RunAsync(config, expected.Select((e, i) => e.WithSeverity(DiagnosticSeverity.Warning).WithMessage(messages[i])).ToArray());
    }

    [Fact]
    public async Task A_literal_namespace_with_types_and_nothing_matching_is_reported_without_a_guess()
    {
        var markup = """
            {
              "transactions": {
                "saveChangesAllowedIn": [{|AG0010:"Shop.Infrastructure.Persistence.*Cache"|}],
                "externalCalls": [{|AG0010:"M:Shop.Infrastructure.Persistence.UnitOfWork.Publish"|}]
              }
            }
            """;
        var (config, expected) = ParseMarkup(markup);
        await RunAsync(config,
            expected[0].WithSeverity(DiagnosticSeverity.Warning).WithMessage(
                "'Shop.Infrastructure.Persistence.*Cache' at transactions.saveChangesAllowedIn[0] matches no namespace or type in this project, although the project sees the namespace 'Shop.Infrastructure.Persistence' and its types. A pattern that matches nothing leaves the rule it configures without effect: correct it, or remove it if what it named is gone."),
            expected[1].WithSeverity(DiagnosticSeverity.Warning).WithMessage(
                "'M:Shop.Infrastructure.Persistence.UnitOfWork.Publish' at transactions.externalCalls[0] matches no method in this project, although the project sees the namespace 'Shop.Infrastructure.Persistence' and its types. A pattern that matches nothing leaves the rule it configures without effect: correct it, or remove it if what it named is gone."));
    }

    /// <summary>
    /// The clean twin: every pattern matches, or points where this project cannot see (another host's
    /// namespace, a wildcard namespace part, the global namespace, a namespace that here only parents others).
    /// </summary>
    [Fact]
    public async Task Patterns_that_match_or_point_out_of_sight_are_silent()
    {
        var config = """
            {
              "layers": {
                "Api": { "namespaces": ["Shop.Api.**"] },
                "Application": { "namespaces": ["Shop.Application.**"] },
                "Domain": { "namespaces": ["Shop.Domain.**"] },
                "Infrastructure": { "namespaces": ["Shop.Infrastructure.**", "Shop.Infrastructure.Legacy.**"] },
                "Worker": { "namespaces": ["Shop.Worker.**"] }
              },
              "dependencies": { "Api": ["Application", "Domain"], "Application": ["Domain"], "Infrastructure": ["Application", "Domain"], "Domain": [], "Worker": ["Application", "Domain"] },
              "compositionRoot": ["Program", "Shop.Api.DependencyInjection.**", "**.Startup", "Shop.*.Hosting.Program"],
              "repositories": {
                "interfaces": ["Shop.Application.Abstractions.I*Repository"],
                "implementations": ["Shop.Infrastructure.Persistence.*Repository", "T:Shop.Infrastructure.Persistence.GenericRepository`1"]
              },
              "rawSql": { "allowedIn": ["N:Shop.Infrastructure"], "sinks": ["M:Shop.Infrastructure.Db.Run(System.String)"] },
              "transactions": {
                "saveChangesAllowedIn": ["Shop.Infrastructure.Persistence.UnitOfWork"],
                "externalCalls": ["M:Shop.Infrastructure.Persistence.UnitOfWork.Commit", "M:Shop.Bus.IBus.Publish``1(``0)"]
              },
              "restrictions": [ { "apis": ["T:System.Net.Http.HttpClient"], "allowedIn": ["Infrastructure"] } ]
            }
            """;
        await RunAsync(config);
    }

    [Fact]
    public async Task A_namespace_that_here_only_parents_another_projects_namespace_is_not_a_place_to_look()
    {
        // A test project's Shop.Api.Tests makes Shop.Api exist, but Shop.Api's types are in a project it does not reference.
        var config = """{ "compositionRoot": ["Shop.Api.Program", "Shop.Api.Controllers.**"] }""";
        var test = Verify<ConfigurationAnalyzer>.Create(config, "namespace Shop.Api.Tests { public class OrderTests { } }");
        await test.RunAsync();
    }

    [Fact]
    public async Task An_assembly_name_an_edit_away_from_a_referenced_one_is_reported()
    {
        // The test project's own assembly is TestProject; EF Core's relational assembly is referenced.
        var markup = """
            {
              "layers": {
                "Api": { "namespaces": ["Shop.Api.**"], "assemblies": [{|AG0010:"TestProjet"|}, "testproject"] },
                "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"], "assemblies": [{|AG0010:"Microsoft.EntityFrameworkCore.Relationl"|}, "Shop.Infrastructure", "Shop.*"] }
              },
              "dependencies": { "Api": [], "Infrastructure": [] }
            }
            """;
        var (config, expected) = ParseMarkup(markup);
        const string Tail = " An assembly name that matches nothing leaves the layer without the code it was meant to hold: correct it, or remove it if the assembly is gone.";
        await RunAsync(config,
            expected[0].WithSeverity(DiagnosticSeverity.Warning).WithMessage(
                "'TestProjet' at layers.Api.assemblies[0] is neither this project's assembly nor one it references, but 'TestProject' is (did you mean 'TestProject'?)." + Tail),
            expected[1].WithSeverity(DiagnosticSeverity.Warning).WithMessage(
                "'Microsoft.EntityFrameworkCore.Relationl' at layers.Infrastructure.assemblies[0] is neither this project's assembly nor one it references, but 'Microsoft.EntityFrameworkCore.Relational' is (did you mean 'Microsoft.EntityFrameworkCore.Relational'?)." + Tail));
    }

    /// <summary>docs/rules/AG0010.md: its violating example gives AG0010 on both patterns, its fixed example nothing.</summary>
    [Fact]
    public async Task Examples_of_the_rule_page_are_true()
    {
        var page = File.ReadAllText(RepoPaths.Combine("docs", "rules", "AG0010.md"));
        var violating = page.Substring(page.IndexOf("## Violating example", StringComparison.Ordinal));
        var source = Block(violating, "csharp");
        var test = Verify<ConfigurationAnalyzer>.Create(Block(violating, "json"), source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0010", DiagnosticSeverity.Warning).WithSpan(ConfigFile, 3, 20, 3, 67));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("AG0010", DiagnosticSeverity.Warning).WithSpan(ConfigFile, 4, 25, 4, 69));
        await test.RunAsync();

        var fixedExample = page.Substring(page.IndexOf("## Fixed example", StringComparison.Ordinal));
        await Verify<ConfigurationAnalyzer>.Create(Block(fixedExample, "json"), source).RunAsync();

        static string Block(string text, string language)
        {
            var match = System.Text.RegularExpressions.Regex.Match(text, "```" + language + "\\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.True(match.Success, "no " + language + " block");
            return match.Groups[1].Value;
        }
    }

    [Theory]
    [InlineData("Infrastrcture", "Infrastructure")]
    [InlineData("Aplication", "Application")]
    [InlineData("shop", "Shop")]
    [InlineData("Worker", null)] // no name an edit or two away
    [InlineData("Api", null)] // the name itself is there
    [InlineData("Apx", "Api")]
    [InlineData("Apxy", null)] // two edits on a short name is another name
    public void Closest_name(string name, string? expected)
        => Assert.Equal(expected, PatternCoverage.Closest(name, ["Api", "Application", "Domain", "Infrastructure", "Shop"]));

    private static async Task RunAsync(string config, params DiagnosticResult[] expected)
    {
        Read(config);
        var test = Verify<ConfigurationAnalyzer>.Create(config, Shop);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
