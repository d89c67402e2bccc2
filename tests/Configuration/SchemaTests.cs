using System.Text.Json;
using ArchGate.Analyzers.Configuration;

namespace ArchGate.Tests.Configuration;

/// <summary>docs/archgate.schema.json describes exactly what ConfigReader accepts: same keys at the same paths, same enums.</summary>
public class SchemaTests
{
    private static readonly Lazy<JsonDocument> Schema = new(() => JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("docs", "archgate.schema.json"))));

    private static JsonElement Root => Schema.Value.RootElement;

    [Fact]
    public void Schema_is_draft_2020_12_and_closed_at_the_root()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Root.GetProperty("$schema").GetString());
        Assert.Equal("object", Root.GetProperty("type").GetString());
        Assert.False(Root.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Every_key_of_the_reader_is_in_the_schema_and_vice_versa()
    {
        var schemaKeys = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        Walk(Root, string.Empty, schemaKeys, depth: 0);

        var readerKeys = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (path, keys) in ConfigReader.KnownKeys)
        {
            readerKeys[path] = new SortedSet<string>(keys, StringComparer.Ordinal);
        }

        Assert.Equal(Describe(readerKeys), Describe(schemaKeys));
    }

    [Fact]
    public void Every_object_in_the_schema_rejects_unknown_keys_and_every_key_is_described()
    {
        var problems = new List<string>();
        Check(Root, "(root)");
        Assert.Empty(problems);

        void Check(JsonElement schema, string path)
        {
            schema = Resolve(schema);
            if (schema.TryGetProperty("properties", out var properties))
            {
                if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
                {
                    problems.Add(path + ": additionalProperties must be false");
                }

                foreach (var property in properties.EnumerateObject())
                {
                    if (!property.Value.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
                    {
                        problems.Add(path + "." + property.Name + ": no description");
                    }

                    Check(property.Value, path + "." + property.Name);
                }
            }

            if (schema.TryGetProperty("additionalProperties", out var map) && map.ValueKind == JsonValueKind.Object)
            {
                Check(map, path + ".*");
            }

            if (schema.TryGetProperty("items", out var items))
            {
                Check(items, path + "[]");
            }
        }
    }

    [Fact]
    public void Provider_enum_matches_the_reader()
    {
        var provider = Root.GetProperty("properties").GetProperty("migrations").GetProperty("properties").GetProperty("provider");
        Assert.Equal(ConfigReader.ProviderNames, provider.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("auto", provider.GetProperty("default").GetString());
    }

    [Fact]
    public void Api_group_enum_matches_the_reader()
    {
        var group = Root.GetProperty("$defs").GetProperty("apiGroup");
        Assert.Equal(ConfigReader.GroupNames, group.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void Defaults_match_the_model()
    {
        var properties = Root.GetProperty("properties");
        Assert.Equal(ArchGateConfig.Empty.RequireLayer, properties.GetProperty("requireLayer").GetProperty("default").GetBoolean());
        Assert.Equal(MigrationsConfig.Default.CheckDown, properties.GetProperty("migrations").GetProperty("properties").GetProperty("checkDown").GetProperty("default").GetBoolean());
    }

    /// <summary>Collects, per reader path ("" root, "layers.*" any layer, "restrictions[]" an item), the keys the schema declares.</summary>
    private static void Walk(JsonElement schema, string path, IDictionary<string, SortedSet<string>> keys, int depth)
    {
        Assert.True(depth < 20, "schema nesting too deep at " + path);
        schema = Resolve(schema);
        if (schema.TryGetProperty("properties", out var properties))
        {
            if (!keys.TryGetValue(path, out var set))
            {
                keys[path] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            foreach (var property in properties.EnumerateObject())
            {
                set.Add(property.Name);
                Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, keys, depth + 1);
            }
        }

        if (schema.TryGetProperty("additionalProperties", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            Walk(map, path + ".*", keys, depth + 1);
        }

        if (schema.TryGetProperty("items", out var items))
        {
            Walk(items, path + "[]", keys, depth + 1);
        }

        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var list))
            {
                foreach (var alternative in list.EnumerateArray())
                {
                    Walk(alternative, path, keys, depth + 1);
                }
            }
        }
    }

    private static JsonElement Resolve(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            Assert.StartsWith("#/$defs/", name, StringComparison.Ordinal);
            return Root.GetProperty("$defs").GetProperty(name.Substring("#/$defs/".Length));
        }

        return schema;
    }

    private static string Describe(SortedDictionary<string, SortedSet<string>> keys)
        => string.Join("\n", keys.Select(k => (k.Key.Length == 0 ? "(root)" : k.Key) + ": " + string.Join(", ", k.Value)));
}
