using ArchGate.Analyzers.Configuration;
using static ArchGate.Tests.Configuration.ConfigTest;

namespace ArchGate.Tests.Configuration;

/// <summary>
/// archgate.json files that are not valid JSON: each is AG0001 (Error, fail closed) at the exact
/// place, one diagnostic per mistake (no cascade of follow-up errors), and nothing throws.
/// </summary>
public class ConfigSyntaxTests
{
    [Fact]
    public Task Empty_file_is_AG0001_at_1_1() => VerifyAsync("", At("AG0001", 1, 1, 1, 1));

    [Fact]
    public Task Whitespace_only_file_is_AG0001_at_1_1() => VerifyAsync("  \n\t\n   ", At("AG0001", 1, 1, 1, 1));

    [Fact]
    public Task Comment_only_file_is_AG0001_at_1_1() => VerifyAsync("// nothing here yet\n/* still nothing */\n", At("AG0001", 1, 1, 1, 1));

    [Fact]
    public async Task Empty_file_message_says_what_to_write()
    {
        var message = Assert.Single(Messages("", "AG0001"));
        Assert.Equal("archgate.json is not valid JSON: the file is empty (it holds no JSON value); it must contain one JSON object. Write at least {}. ArchGate does not apply a configuration it cannot read (comments and trailing commas are allowed).", message);
        await Task.CompletedTask;
    }

    [Fact]
    public Task Unterminated_string_recovers_at_the_closing_bracket() => VerifyAsync("""
        {
          "layers": {
            "Api": { "namespaces": ["Shop.Api.**] }
          },
          "dependencies": { "Api": [] }
        }
        """, At("AG0001", 3, 29, 3, 30));

    [Fact]
    public void Unterminated_string_message_names_the_path()
    {
        var message = Assert.Single(Messages("{\n  \"compositionRoot\": [\"Program]\n}", "AG0001"));
        Assert.StartsWith("archgate.json is not valid JSON at 'compositionRoot[0]': unterminated string", message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Unterminated_property_name() => VerifyAsync("""
        {
          "requireLayer: true,
          "compositionRoot": ["Program"]
        }
        """, At("AG0001", 2, 3, 2, 4));

    [Fact]
    public Task Unterminated_string_at_end_of_file() => VerifyAsync("{ \"a", At("AG0001", 1, 3, 1, 4));

    [Fact]
    public Task Unterminated_block_comment() => VerifyAsync("""
        {
          /* layers come later
          "requireLayer": true
        }
        """, At("AG0001", 2, 3, 2, 5));

    [Fact]
    public Task Unterminated_object_is_reported_at_its_opening_brace() => VerifyAsync("{\n  \"requireLayer\": true\n", At("AG0001", 1, 1, 1, 2));

    [Fact]
    public Task Missing_closing_brace_leaves_the_outer_object_open() => VerifyAsync("""
        {
          "migrations": { "checkDown": true,
          "requireLayer": true
        }
        """,
        // The parser cannot know the '}' belonged on line 2: "requireLayer" is read inside "migrations"
        // (unknown there), and the root object is the one left open.
        At("AG0001", 1, 1, 1, 2), At("AG0002", 3, 3, 3, 17));

    [Fact]
    public Task Unterminated_nested_object_is_reported_once_at_the_innermost() => VerifyAsync("""
        {
          "migrations": { "checkDown": true,
        """, At("AG0001", 2, 17, 2, 18));

    [Fact]
    public Task Unterminated_array() => VerifyAsync("{\n  \"compositionRoot\": [\"Program\"\n", At("AG0001", 2, 22, 2, 23));

    [Fact]
    public Task Array_closed_by_brace() => VerifyAsync("""{ "compositionRoot": ["Program" }""", At("AG0001", 1, 33, 1, 34));

    [Fact]
    public Task Missing_colon_is_reported_at_the_property_name_and_the_value_still_binds() => VerifyAsync("""
        {
          "requireLayer" true,
          "compositionRoot": "Program"
        }
        """, At("AG0001", 2, 3, 2, 17), At("AG0003", 3, 22, 3, 31));

    [Fact]
    public Task Missing_comma_between_properties() => VerifyAsync("""
        {
          "requireLayer": true
          "compositionRoot": ["Program"]
        }
        """, At("AG0001", 3, 3, 3, 4));

    [Fact]
    public Task Missing_comma_between_items() => VerifyAsync("""{ "compositionRoot": ["Program" "Startup"] }""", At("AG0001", 1, 33, 1, 34));

    [Fact]
    public Task Double_comma_in_array() => VerifyAsync("""{ "compositionRoot": ["Program",, "Startup"] }""", At("AG0001", 1, 33, 1, 34));

    [Fact]
    public Task Comma_where_a_property_name_is_expected() => VerifyAsync("""{ , "requireLayer": true }""", At("AG0001", 1, 3, 1, 4));

    [Fact]
    public Task Missing_value() => VerifyAsync("""{ "requireLayer": , "compositionRoot": [] }""", At("AG0001", 1, 19, 1, 20));

    [Fact]
    public Task Single_quoted_value() => VerifyAsync("{\n  \"compositionRoot\": ['Program']\n}", At("AG0001", 2, 23, 2, 32));

    [Fact]
    public Task Single_quoted_property_name_still_binds() => VerifyAsync("{\n  'requireLayer': 1\n}", At("AG0001", 2, 3, 2, 17), At("AG0003", 2, 19, 2, 20));

    [Fact]
    public void Single_quote_message_shows_the_fix()
    {
        var message = Assert.Single(Messages("{ \"compositionRoot\": ['Program'] }", "AG0001"));
        Assert.Contains("strings must be in double quotes, not single quotes. Write \"Program\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Unquoted_property_name() => VerifyAsync("{\n  requireLayer: true\n}", At("AG0001", 2, 3, 2, 15));

    [Fact]
    public Task Unquoted_string_value() => VerifyAsync("{\n  \"compositionRoot\": [Shop.Api.Program]\n}", At("AG0001", 2, 23, 2, 39));

    [Theory]
    [InlineData("01", 2)]
    [InlineData("1.", 2)]
    [InlineData("-", 1)]
    [InlineData("1e", 2)]
    [InlineData("1e+", 3)]
    [InlineData("0x10", 4)]
    [InlineData("12abc", 5)]
    [InlineData("--1", 3)]
    [InlineData(".5", 1)]
    [InlineData("+1", 1)]
    [InlineData("NaN", 3)]
    [InlineData("Infinity", 8)]
    [InlineData("TRUE", 4)]
    [InlineData("nul", 3)]
    public Task Bad_literal_is_AG0001_over_the_token(string literal, int length)
        => VerifyAsync("{ \"requireLayer\": " + literal + " }", At("AG0001", 1, 19, 1, 19 + length));

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1.5e-3")]
    [InlineData("10E+2")]
    public void Valid_numbers_are_read(string literal)
    {
        Assert.True(JsonParser.IsJsonNumber(literal));
        var result = Read("{ \"requireLayer\": " + literal + " }");
        var problem = Assert.Single(result.Problems);
        Assert.Equal("AG0003", problem.Descriptor.Id); // a number where a boolean is expected: read, then rejected by type
    }

    [Fact]
    public Task Invalid_escape_in_string() => VerifyAsync("""{ "compositionRoot": ["Shop\Api"] }""", At("AG0001", 1, 28, 1, 30));

    [Fact]
    public Task Invalid_unicode_escape() => VerifyAsync("""{ "$schema": "\u12G4" }""", At("AG0001", 1, 15, 1, 17));

    [Fact]
    public Task Control_character_in_string() => VerifyAsync("{ \"$schema\": \"a\u0001b\" }", At("AG0001", 1, 16, 1, 17));

    [Fact]
    public Task Garbage_after_the_root_object() => VerifyAsync("{ \"requireLayer\": true }\n}", At("AG0001", 2, 1, 2, 2));

    [Fact]
    public Task Second_root_object() => VerifyAsync("{}\n{}", At("AG0001", 2, 1, 2, 2));

    [Fact]
    public Task Stray_closing_brace_only() => VerifyAsync("}", At("AG0001", 1, 1, 1, 2));

    [Theory]
    [InlineData("[]", 1)]
    [InlineData("[ \"layers\" ]", 1)]
    [InlineData("\"layers\"", 8)]
    [InlineData("42", 2)]
    [InlineData("null", 4)]
    [InlineData("true", 4)]
    public Task Root_that_is_not_an_object_is_AG0003(string root, int length)
        => VerifyAsync(root, At("AG0003", 1, 1, 1, 1 + length));

    [Fact]
    public Task Byte_order_mark_is_accepted() => VerifyAsync("\uFEFF{\n  \"requireLayer\": true\n}\n");

    [Fact]
    public Task Byte_order_mark_does_not_shift_positions_on_later_lines() => VerifyAsync("\uFEFF{\n  \"requireLayer\": tru\n}\n", At("AG0001", 2, 19, 2, 22));

    [Fact]
    public Task Comments_and_trailing_commas_are_accepted() => VerifyAsync("""
        // ArchGate configuration
        {
          /* block
             comment */
          "requireLayer": true, // trailing comment
          "compositionRoot": ["Program",],
          "migrations": { "checkDown": false, },
        }
        """);

    [Fact]
    public Task Nesting_deeper_than_the_limit_is_AG0001_at_the_first_bracket_too_deep()
    {
        // 70 nested arrays: the 64th '[' (column 20 + 64) is too deep; the outer array is still read, so
        // its first item (an array, where a string is expected) is also reported.
        var config = "{\"compositionRoot\": " + new string('[', 70) + new string(']', 70) + "}";
        return VerifyAsync(config, At("AG0003", 1, 22, 1, 23), At("AG0001", 1, 84, 1, 85));
    }

    [Fact]
    public void Pathological_nesting_neither_overflows_nor_hangs()
    {
        foreach (var open in new[] { "[", "{", "{\"a\":", "[{\"a\":" })
        {
            var text = string.Concat(Enumerable.Repeat(open, 100_000));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = Read(text);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{open}: took {watch.Elapsed}");
            Assert.Contains(result.Problems, p => p.Descriptor.Id == "AG0001");
            Assert.True(result.Problems.Length <= 3, open + ": " + string.Join(" | ", result.Problems.Select(p => p.Message)));
        }
    }

    [Fact]
    public void Huge_file_is_read_quickly_and_positions_stay_exact()
    {
        // 3,000 layers in a chain (L0 may use L1, ... ) plus a mistake on the very last line.
        var sb = new System.Text.StringBuilder("{\n  \"layers\": {\n");
        const int N = 3000;
        for (var i = 0; i < N; i++)
        {
            sb.Append("    \"L").Append(i).Append("\": { \"namespaces\": [\"Shop.L").Append(i).Append(".**\"] },\n");
        }

        sb.Append("  },\n  \"dependencies\": {\n");
        for (var i = 0; i < N; i++)
        {
            sb.Append("    \"L").Append(i).Append("\": [").Append(i + 1 < N ? "\"L" + (i + 1) + "\"" : string.Empty).Append("],\n");
        }

        sb.Append("  },\n  \"requireLayer\": yes\n}\n");
        var text = sb.ToString();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Read(text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        var problem = Assert.Single(result.Problems);
        Assert.Equal("AG0001", problem.Descriptor.Id);
        var line = Microsoft.CodeAnalysis.Text.SourceText.From(text).Lines.GetLinePosition(problem.Span.Start);
        Assert.Equal((2 * N) + 6 - 1, line.Line); // 0-based: the "requireLayer" line
        Assert.Equal(18, line.Character);
        Assert.Equal(N, result.Config.Layers.Length);
    }

    [Fact]
    public void Huge_dependency_cycle_is_one_diagnostic()
    {
        const int N = 3000;
        var layers = string.Join(",\n", Enumerable.Range(0, N).Select(i => $"\"L{i}\": {{ \"namespaces\": [\"L{i}.**\"] }}"));
        var deps = string.Join(",\n", Enumerable.Range(0, N).Select(i => $"\"L{i}\": [\"L{(i + 1) % N}\"]"));
        var result = Read("{ \"layers\": {\n" + layers + "\n}, \"dependencies\": {\n" + deps + "\n} }");
        var problem = Assert.Single(result.Problems);
        Assert.Equal("AG0008", problem.Descriptor.Id);
        Assert.Contains("L0 -> L1 -> ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("(3000 layers)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_are_capped_per_file()
    {
        var text = "{\"compositionRoot\":[" + string.Join(",", Enumerable.Repeat("\"A.**\"", 100_000)) + "]}";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Read(text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        Assert.Equal(ConfigReader.MaxProblems + 1, result.Problems.Length);
        Assert.All(result.Problems, p => Assert.Equal("AG0006", p.Descriptor.Id));
        Assert.Contains("the rest are not reported", result.Problems[^1].Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "A.**" }, result.Config.CompositionRoot.Patterns.Select(p => p.Text));
    }

    [Fact]
    public void Huge_string_and_number_are_read_quickly()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var text = Read("{\"requireLayer\":\"" + new string('x', 2_000_000) + "\"}");
        var number = Read("{\"requireLayer\":" + new string('9', 100_000) + "}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        Assert.Equal("AG0003", Assert.Single(text.Problems).Descriptor.Id);
        Assert.Equal("AG0003", Assert.Single(number.Problems).Descriptor.Id);
    }
}
