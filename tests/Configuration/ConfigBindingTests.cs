using static ArchGate.Tests.Configuration.ConfigTest;

namespace ArchGate.Tests.Configuration;

/// <summary>
/// archgate.json files that are valid JSON but not a valid configuration: unknown keys (AG0002),
/// wrong types (AG0003), unknown layers (AG0004), bad patterns (AG0005), duplicates (AG0006), layers
/// missing from 'dependencies' (AG0007), cycles (AG0008), invalid values (AG0009). The expected
/// diagnostics are marked in place: <c>{|AG0004:"Infra"|}</c>.
/// </summary>
public class ConfigBindingTests
{
    private const string TwoLayers = """
          "layers": {
            "Api": { "namespaces": ["Shop.Api.**"] },
            "Domain": { "namespaces": ["Shop.Domain.**"] }
          },
          "dependencies": { "Api": ["Domain"], "Domain": [] }
        """;

    [Fact]
    public Task Product_example_yields_no_diagnostic() => VerifyAsync(ProductExample);

    [Fact]
    public Task Product_example_with_trailing_commas_everywhere_yields_no_diagnostic()
    {
        var withCommas = ProductExample
            .Replace("\"Domain\": []", "\"Domain\": [],", StringComparison.Ordinal)
            .Replace("\"checkDown\": true }", "\"checkDown\": true, }", StringComparison.Ordinal)
            .Replace("in Infrastructure\" }\n  ]", "in Infrastructure\", },\n  ],", StringComparison.Ordinal)
            .Replace("[\"@efcore\", \"@adonet\", \"@dapper\"]", "[\"@efcore\", \"@adonet\", \"@dapper\",]", StringComparison.Ordinal);
        Assert.Contains("\"Domain\": [],", withCommas, StringComparison.Ordinal);
        Assert.Contains("true, }", withCommas, StringComparison.Ordinal);
        Assert.Contains("\", },\n  ],", withCommas, StringComparison.Ordinal);
        Assert.Contains("\"@dapper\",]", withCommas, StringComparison.Ordinal);
        return VerifyAsync(withCommas);
    }

    [Fact]
    public Task Unknown_key_at_the_root() => VerifyMarkupAsync("""
        {
          {|AG0002:"requireLayers"|}: true
        }
        """);

    [Fact]
    public void Unknown_key_at_the_root_suggests_the_closest_key()
    {
        var message = Assert.Single(Messages("{ \"dependancies\": {} }", "AG0002"));
        Assert.Equal("unknown key 'dependancies' at the top level (did you mean 'dependencies'?); it is ignored, so whatever it was meant to configure is not applied. Correct or remove it; the keys allowed here are: $schema, layers, dependencies, requireLayer, compositionRoot, dataAccess, repositories, rawSql, transactions, migrations, restrictions, api.", message);
    }

    [Fact]
    public Task Unknown_keys_in_nested_sections() => VerifyMarkupAsync("""
        {
          "layers": {
            "Api": { {|AG0002:"namespace"|}: ["Shop.Api.**"] }
          },
          "dependencies": { "Api": [] },
          "dataAccess": { "apis": ["@efcore"], {|AG0002:"allowIn"|}: ["Api"] },
          "repositories": { {|AG0002:"interface"|}: [] },
          "rawSql": { {|AG0002:"sink"|}: [] },
          "transactions": { {|AG0002:"saveChangesAllowed"|}: [] },
          "migrations": { {|AG0002:"checkdown"|}: false },
          "restrictions": [ { "apis": ["T:System.Net.Http.HttpClient"], {|AG0002:"reason"|}: "x" } ],
          "api": { {|AG0002:"entities"|}: [] }
        }
        """);

    [Fact]
    public void Nested_unknown_keys_suggest_the_closest_key_of_their_section()
    {
        var messages = Messages("""
            { "layers": { "Api": { "namespace": ["Shop.Api.**"] } }, "dependencies": { "Api": [] },
              "migrations": { "checkdown": false }, "restrictions": [ { "apis": ["T:X.Y"], "allowedin": [] } ] }
            """, "AG0002");
        Assert.Equal(3, messages.Count);
        Assert.Contains("unknown key 'namespace' in 'layers.Api' (did you mean 'namespaces'?)", messages[0], StringComparison.Ordinal);
        Assert.Contains("unknown key 'checkdown' in 'migrations' (did you mean 'checkDown'?)", messages[1], StringComparison.Ordinal);
        Assert.Contains("unknown key 'allowedin' in 'restrictions[0]' (did you mean 'allowedIn'?)", messages[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_far_from_every_known_key_has_no_suggestion()
    {
        var message = Assert.Single(Messages("{ \"telemetry\": true }", "AG0002"));
        Assert.DoesNotContain("did you mean", message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Wrong_type_of_every_section() => VerifyMarkupAsync("""
        {
          "$schema": {|AG0003:1|},
          "layers": {|AG0003:[|}],
          "dependencies": {|AG0003:[|}],
          "requireLayer": {|AG0003:"yes"|},
          "compositionRoot": {|AG0003:"Program"|},
          "dataAccess": {|AG0003:[|}"@efcore"],
          "repositories": {|AG0003:"Shop.*Repository"|},
          "rawSql": {|AG0003:1|},
          "transactions": {|AG0003:true|},
          "migrations": {|AG0003:null|},
          "restrictions": {|AG0003:{|} },
          "api": {|AG0003:"x"|}
        }
        """);

    [Fact]
    public Task Wrong_types_inside_sections() => VerifyMarkupAsync("""
        {
          "layers": {
            "Api": {|AG0003:"Shop.Api.**"|},
            "Domain": { "namespaces": {|AG0003:"Shop.Domain.**"|}, "assemblies": [{|AG0003:1|}] }
          },
          "dependencies": { "Api": {|AG0003:"Domain"|}, "Domain": [{|AG0003:null|}] },
          "dataAccess": { "apis": {|AG0003:"@efcore"|}, "allowedIn": [{|AG0003:[|}"Api"]] },
          "repositories": { "interfaces": [{|AG0003:true|}], "implementations": {|AG0003:{|}} },
          "rawSql": { "allowedIn": {|AG0003:"Api"|}, "sinks": {|AG0003:"M:A.B()"|} },
          "transactions": { "saveChangesAllowedIn": {|AG0003:1|}, "externalCalls": [{|AG0003:2|}] },
          "migrations": { "provider": {|AG0003:1|}, "startAfter": {|AG0003:20260101000000|}, "checkDown": {|AG0003:"true"|} },
          "restrictions": [ {|AG0003:"T:System.Net.Http.HttpClient"|}, { "apis": ["T:A.B"], "allowedIn": {|AG0003:"Api"|}, "because": {|AG0003:1|} } ],
          "api": { "entityTypes": {|AG0003:"Shop.Domain.**"|} }
        }
        """);

    [Fact]
    public void Wrong_type_message_names_the_path_and_the_expected_type()
    {
        var message = Assert.Single(Messages("{ \"migrations\": { \"checkDown\": \"true\" } }", "AG0003"));
        Assert.Equal("'migrations.checkDown' must be a boolean (true or false), not a string; the value is ignored, so what it configures is not applied. Write it as a boolean (true or false) (see archgate.schema.json for the shape).", message);
    }

    [Fact]
    public Task Unknown_layer_names_in_dependencies() => VerifyMarkupAsync("""
        {
          "layers": {
            "Api": { "namespaces": ["Shop.Api.**"] },
            "Domain": { "namespaces": ["Shop.Domain.**"] }
          },
          "dependencies": { "Api": ["Domain", {|AG0004:"Infrastructure"|}], "Domain": [], {|AG0004:"Domian"|}: [] }
        }
        """);

    [Fact]
    public void Unknown_layer_message_suggests_and_lists_the_declared_layers()
    {
        var messages = Messages("{" + TwoLayers + ", \"dataAccess\": { \"apis\": [\"@efcore\"], \"allowedIn\": [\"Domian\"] } }", "AG0004");
        Assert.Equal("'Domian' at dataAccess.allowedIn[0] is not a declared layer (did you mean 'Domain'?); declared layers: Api, Domain. Declare it under 'layers' or correct the name.", Assert.Single(messages));
    }

    [Fact]
    public Task Unknown_layer_names_in_scope_lists() => VerifyMarkupAsync("{" + TwoLayers + """
        ,
          "dataAccess": { "apis": ["@efcore"], "allowedIn": [{|AG0004:"Infrastructure"|}, "Shop.Tools.**"] },
          "rawSql": { "allowedIn": [{|AG0004:"Infra"|}] },
          "transactions": { "saveChangesAllowedIn": ["Domain", {|AG0004:"UnitOfWork"|}, "Shop.Domain.UnitOfWork"] },
          "restrictions": [ { "apis": ["T:System.Net.Http.HttpClient"], "allowedIn": [{|AG0004:"Api2"|}] } ]
        }
        """);

    [Fact]
    public Task Scope_list_entries_with_a_dot_or_wildcard_are_patterns_not_layers() => VerifyAsync("{" + TwoLayers + """
        ,
          "dataAccess": { "apis": ["@efcore"], "allowedIn": ["Shop.Tools.**", "Shop.*.Persistence", "T:Shop.Db", "N:Shop.Data", "*Repository"] }
        }
        """);

    [Fact]
    public Task Malformed_patterns() => VerifyMarkupAsync("{" + TwoLayers + """
        ,
          "compositionRoot": [{|AG0005:""|}, {|AG0005:"Shop..Api"|}, {|AG0005:"Shop.Api**"|}, {|AG0005:"X:Foo"|}, {|AG0005:"T:Shop.*"|}, {|AG0005:"Shop.Repo<T>"|}, {|AG0005:" Shop.Api"|}, {|AG0005:"Shop."|}],
          "repositories": { "interfaces": [{|AG0005:"M:Shop.IRepo.Get"|}], "implementations": [{|AG0005:"***"|}] },
          "rawSql": { "sinks": [{|AG0005:"Shop.Db.Run"|}, {|AG0005:"T:Shop.Db"|}, "M:Shop.Db.Run(System.String)", "P:Shop.Db.Sql"] },
          "api": { "entityTypes": [{|AG0005:"F:Shop.Domain.Order.Id"|}] },
          "restrictions": [ { "apis": [{|AG0005:"T:"|}, {|AG0005:"N:Shop.*"|}, {|AG0005:"T:Shop.Db(int)"|}, "M:Shop.Db.Run(System.String)", "F:Shop.Db.Timeout", "E:Shop.Db.Opened", "Shop.Db.*"] } ]
        }
        """);

    [Fact]
    public Task Malformed_patterns_in_layers() => VerifyMarkupAsync("""
        {
          "layers": {
            "Api": { "namespaces": [{|AG0005:"N:Shop.Api"|}, "Shop.Api.**"], "assemblies": [{|AG0005:"Shop Api"|}, {|AG0005:""|}, "Shop.Api*"] }
          },
          "dependencies": { "Api": [] }
        }
        """);

    [Fact]
    public void Malformed_pattern_messages_explain()
    {
        var messages = Messages("""{ "compositionRoot": ["Shop..Api", "Shop.Api**", "X:Foo", "T:Shop.*", "M:Shop.Program.Main"] }""", "AG0005");
        Assert.Equal(5, messages.Count);
        Assert.Equal("'Shop..Api' at compositionRoot[0] is not a valid pattern: 'Shop..Api' has an empty segment (two dots, or a dot at an end).", messages[0]);
        Assert.Equal("'Shop.Api**' at compositionRoot[1] is not a valid pattern: '**' must be a whole segment in 'Shop.Api**' (write 'A.**', not 'A**').", messages[1]);
        Assert.Contains("'X:' is not a documentation-comment ID prefix (use T:, M:, P:, F:, E: or N:)", messages[2], StringComparison.Ordinal);
        Assert.Contains("a documentation-comment ID cannot contain wildcards", messages[3], StringComparison.Ordinal);
        Assert.Equal("'M:Shop.Program.Main' at compositionRoot[4]: this list takes IDs of types (T:), namespaces (N:) only, not 'M:' IDs. Write a type or namespace pattern (e.g. \"Shop.Api.Program\", \"Shop.Api.**\").", messages[4]);
    }

    [Fact]
    public Task Duplicate_layers_keys_and_list_entries() => VerifyMarkupAsync("""
        {
          "layers": {
            "Api": { "namespaces": ["Shop.Api.**", {|AG0006:"Shop.Api.**"|}] },
            "Domain": { "namespaces": ["Shop.Domain.**"] },
            {|AG0006:"Api"|}: { "namespaces": ["Shop.Web.**"] }
          },
          "dependencies": { "Api": ["Domain", {|AG0006:"Domain"|}], "Domain": [], {|AG0006:"Domain"|}: ["Api"] },
          "requireLayer": true,
          {|AG0006:"requireLayer"|}: false,
          "dataAccess": { "apis": ["@efcore", {|AG0006:"@efcore"|}], "allowedIn": ["Api"] }
        }
        """);

    [Fact]
    public void Duplicates_keep_the_first()
    {
        var result = Read("""{ "requireLayer": true, "requireLayer": false, "compositionRoot": ["Program", "Program"] }""");
        Assert.True(result.Config.RequireLayer);
        Assert.Equal(new[] { "Program" }, result.Config.CompositionRoot.Patterns.Select(p => p.Text));
        Assert.Equal(2, result.Problems.Count(p => p.Descriptor.Id == "AG0006"));
    }

    [Fact]
    public Task Layer_missing_from_dependencies_is_reported_at_its_declaration() => VerifyMarkupAsync("""
        {
          "layers": {
            "Api": { "namespaces": ["Shop.Api.**"] },
            {|AG0007:"Domain"|}: { "namespaces": ["Shop.Domain.**"] }
          },
          "dependencies": { "Api": [] }
        }
        """);

    [Fact]
    public Task Every_layer_is_missing_when_there_is_no_dependencies_section() => VerifyMarkupAsync("""
        {
          "layers": {
            {|AG0007:"Api"|}: { "namespaces": ["Shop.Api.**"] },
            {|AG0007:"Domain"|}: { "namespaces": ["Shop.Domain.**"] }
          }
        }
        """);

    [Fact]
    public void Layer_missing_message_says_what_to_add()
    {
        var message = Assert.Single(Messages("""{ "layers": { "Api": { "namespaces": ["A.**"] } }, "dependencies": {} }""", "AG0007"));
        Assert.Equal("layer 'Api' is declared but 'dependencies' has no entry for it, so whether it may use other layers is left undecided (ArchGate allows it nothing). Add \"Api\": [ ... ] to 'dependencies' with the layers it may use ([] for none).", message);
    }

    [Fact]
    public Task Two_layer_cycle_is_reported_once_at_the_first_layer() => VerifyMarkupAsync("""
        {
          "layers": {
            "Application": { "namespaces": ["Shop.Application.**"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] }
          },
          "dependencies": {
            {|AG0008:"Application"|}: ["Infrastructure"],
            "Infrastructure": ["Application"]
          }
        }
        """);

    [Fact]
    public Task Three_layer_cycle_is_reported_once() => VerifyMarkupAsync("""
        {
          "layers": {
            "A": { "namespaces": ["A.**"] }, "B": { "namespaces": ["B.**"] }, "C": { "namespaces": ["C.**"] }, "D": { "namespaces": ["D.**"] }
          },
          "dependencies": { "D": ["A"], {|AG0008:"A"|}: ["B"], "B": ["C"], "C": ["A"] }
        }
        """);

    [Fact]
    public void Cycle_message_shows_the_cycle()
    {
        var message = Assert.Single(Messages("""
            { "layers": { "A": { "namespaces": ["A.**"] }, "B": { "namespaces": ["B.**"] }, "C": { "namespaces": ["C.**"] } },
              "dependencies": { "A": ["B"], "B": ["C"], "C": ["A"] } }
            """, "AG0008"));
        Assert.StartsWith("'dependencies' form a cycle: A -> B -> C -> A. ", message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Two_separate_cycles_are_two_diagnostics() => VerifyMarkupAsync("""
        {
          "layers": { "A": { "namespaces": ["A.**"] }, "B": { "namespaces": ["B.**"] }, "C": { "namespaces": ["C.**"] }, "D": { "namespaces": ["D.**"] } },
          "dependencies": { {|AG0008:"A"|}: ["B"], "B": ["A"], {|AG0008:"C"|}: ["D"], "D": ["C"] }
        }
        """);

    [Fact]
    public Task Self_reference_and_diamonds_are_not_cycles() => VerifyAsync("""
        {
          "layers": { "A": { "namespaces": ["A.**"] }, "B": { "namespaces": ["B.**"] }, "C": { "namespaces": ["C.**"] }, "D": { "namespaces": ["D.**"] } },
          "dependencies": { "A": ["A", "B", "C"], "B": ["D"], "C": ["D", "C"], "D": [] }
        }
        """);

    [Fact]
    public Task Unknown_provider_and_api_group() => VerifyMarkupAsync("""
        {
          "migrations": { "provider": {|AG0009:"postgresql"|} },
          "dataAccess": { "apis": [{|AG0009:"@ef"|}, {|AG0009:"@EFCore"|}, {|AG0009:"@"|}, "@dapper"], "allowedIn": ["Shop.Data.**"] }
        }
        """);

    [Fact]
    public void Unknown_provider_and_group_suggest_and_list_the_valid_values()
    {
        var provider = Assert.Single(Messages("""{ "migrations": { "provider": "postgresql" } }""", "AG0009"));
        Assert.Equal("'postgresql' at migrations.provider is not a migrations provider (did you mean 'postgres'?). Use one of: auto, postgres, sqlserver, sqlite, mysql.", provider);
        var group = Assert.Single(Messages("""{ "restrictions": [ { "apis": ["@EFCore"] } ] }""", "AG0009"));
        Assert.Equal("'@EFCore' at restrictions[0].apis[0] is not a built-in API group (did you mean '@efcore'?). Use one of @efcore, @adonet, @dapper, @efcore.context, @efcore.query, @efcore.model, @efcore.migrations, or a pattern.", group);
    }

    [Fact]
    public Task Start_after_that_is_not_a_migration_id() => VerifyMarkupAsync("""
        {
          "migrations": { "startAfter": {|AG0009:"Baseline"|} },
          "restrictions": [],
          "api": {}
        }
        """);

    [Theory]
    [InlineData("2026_Baseline")]
    [InlineData("20260101000000")]
    [InlineData("20260101000000_")]
    [InlineData("2026010100000a_Baseline")]
    [InlineData("")]
    public void Start_after_requires_the_ef_core_id_format(string id)
    {
        var result = Read("{ \"migrations\": { \"startAfter\": \"" + id + "\" } }");
        Assert.Equal("AG0009", Assert.Single(result.Problems).Descriptor.Id);
        Assert.Null(result.Config.Migrations.StartAfter);
    }

    [Fact]
    public Task Layers_with_no_members() => VerifyMarkupAsync("""
        {
          "layers": {
            {|AG0009:"Api"|}: {},
            {|AG0009:"Domain"|}: { "namespaces": [], "assemblies": [] },
            "Infrastructure": { "assemblies": ["Shop.Infrastructure"] }
          },
          "dependencies": { "Api": [], "Domain": [], "Infrastructure": [] }
        }
        """);

    [Fact]
    public Task Invalid_layer_names() => VerifyMarkupAsync("""
        {
          "layers": {
            {|AG0009:"Shop.Api"|}: { "namespaces": ["Shop.Api.**"] },
            {|AG0009:"Api*"|}: { "namespaces": ["Shop.Web.**"] },
            {|AG0009:""|}: { "namespaces": ["Shop.Other.**"] }
          }
        }
        """);

    [Fact]
    public Task Sections_with_nothing_to_apply() => VerifyMarkupAsync("""
        {
          "dataAccess": {|AG0009:{|} "allowedIn": ["Shop.Data.**"] },
          "restrictions": [ {|AG0009:{|} "allowedIn": ["Shop.Http.**"], "because": "HTTP stays in one place" } ]
        }
        """);

    [Fact]
    public Task A_layer_whose_value_has_the_wrong_type_is_still_declared() => VerifyMarkupAsync("""
        {
          "layers": { "Api": {|AG0003:[|}"Shop.Api.**"], "Domain": { "namespaces": ["Shop.Domain.**"] } },
          "dependencies": { "Api": ["Domain"], "Domain": [] }
        }
        """);

    [Fact]
    public Task Several_problems_in_one_file_are_all_reported() => VerifyMarkupAsync("""
        {
          "layers": {
            "Api": { "namespaces": ["Shop.Api.**"] },
            "Domain": { "namespaces": [{|AG0005:"Shop..Domain"|}, "Shop.Domain.**"] },
            {|AG0007:"Infrastructure"|}: { "namespaces": ["Shop.Infrastructure.**"] }
          },
          "dependencies": { {|AG0008:"Api"|}: ["Domain"], "Domain": ["Api", {|AG0004:"Infra"|}] },
          {|AG0002:"requiredLayer"|}: true,
          "compositionRoot": {|AG0003:"Program"|},
          "dataAccess": { "apis": [{|AG0009:"@efcor"|}], "allowedIn": ["Infrastructure"] },
          "migrations": { "provider": "sqlserver", "checkDown": {|AG0001:yes|} },
          "restrictions": [ { "apis": ["T:System.Net.Http.HttpClient"], "allowedIn": [{|AG0004:"Infrastructur"|}] }, ]
        }
        """);
}
