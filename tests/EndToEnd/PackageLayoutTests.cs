using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ArchGate.EndToEnd;

/// <summary>The packed ArchGate.Analyzers.nupkg has the layout PRODUCT.md's "Package" section asks for.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PackageLayoutTests
{
    private readonly SampleFixture _fixture;

    public PackageLayoutTests(SampleFixture fixture) => _fixture = fixture;

    private List<string> Entries()
    {
        using var zip = ZipFile.OpenRead(_fixture.PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private byte[] Read(string entryName)
    {
        using var zip = ZipFile.OpenRead(_fixture.PackagePath);
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{entryName} is not in the package; it has: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    [Fact]
    public void Both_assemblies_are_analyzers_and_nothing_is_lib_content()
    {
        var entries = Entries();
        Assert.Contains("analyzers/dotnet/cs/ArchGate.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ArchGate.CodeFixes.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.StartsWith("ref/", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.StartsWith("content", StringComparison.OrdinalIgnoreCase));

        // No third-party assembly rides along: the compiler provides Roslyn.
        var dlls = entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Order().ToList();
        Assert.Equal(new[] { "analyzers/dotnet/cs/ArchGate.Analyzers.dll", "analyzers/dotnet/cs/ArchGate.CodeFixes.dll" }, dlls);
    }

    [Fact]
    public void BuildTransitive_props_targets_and_the_strict_globalconfig_are_packed()
    {
        var entries = Entries();
        Assert.Contains("buildTransitive/ArchGate.Analyzers.props", entries);
        Assert.Contains("buildTransitive/ArchGate.Analyzers.targets", entries);
        Assert.Contains("buildTransitive/ArchGate.Analyzers.strict.globalconfig", entries);
        Assert.Contains("buildTransitive/ArchGateWriteBaselineTask.cs", entries); // the baseline writer, compiled by RoslynCodeTaskFactory
    }

    [Fact]
    public void Strict_globalconfig_raises_every_ArchGate_category_to_error()
    {
        var globalConfig = System.Text.Encoding.UTF8.GetString(Read("buildTransitive/ArchGate.Analyzers.strict.globalconfig"));
        Assert.Matches(@"(?m)^is_global\s*=\s*true\s*$", globalConfig);

        // Every category declared in the analyzers (RuleCategories.cs), so a new family cannot be forgotten.
        var categoriesSource = File.ReadAllText(Path.Combine(_fixture.RepoRoot, "src", "Analyzers", "Common", "RuleCategories.cs"));
        var categories = Regex.Matches(categoriesSource, "\"(ArchGate\\.[A-Za-z]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(categories);
        foreach (var category in categories)
        {
            Assert.Matches($@"(?m)^dotnet_analyzer_diagnostic\.category-{Regex.Escape(category)}\.severity\s*=\s*error\s*$", globalConfig);
        }
    }

    [Fact]
    public void Nuspec_is_a_development_dependency_with_readme_license_and_no_dependencies()
    {
        var nuspec = XDocument.Load(new MemoryStream(Read("ArchGate.Analyzers.nuspec")));
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("ArchGate.Analyzers", metadata.Element(ns + "id")?.Value);
        Assert.Equal(_fixture.Version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "tags")?.Value));
        Assert.Null(metadata.Element(ns + "dependencies"));
        Assert.Contains("README.md", Entries());
    }

    [Fact]
    public void Schema_of_archgate_json_is_packed_when_the_repository_has_it()
    {
        var schema = Path.Combine(_fixture.RepoRoot, "docs", "archgate.schema.json");
        var entries = Entries();
        if (File.Exists(schema))
        {
            Assert.Contains("schema/archgate.schema.json", entries);
            Assert.Equal(File.ReadAllBytes(schema), Read("schema/archgate.schema.json"));
        }
        else
        {
            Assert.DoesNotContain("schema/archgate.schema.json", entries);
        }
    }

    [Theory]
    [InlineData("ArchGate.Analyzers.dll", false)]
    [InlineData("ArchGate.CodeFixes.dll", true)]
    public void Assemblies_are_compiled_against_Roslyn_4_8_at_most(string assembly, bool isCodeFixAssembly)
    {
        // A newer Microsoft.CodeAnalysis reference than the user's compiler is CS8032 for every user on an older SDK.
        using var pe = new PEReader(new MemoryStream(Read("analyzers/dotnet/cs/" + assembly)));
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
            .Select(r => (Name: reader.GetString(r.Name), r.Version)).ToList();

        foreach (var (name, version) in references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
        {
            Assert.True(version <= new Version(4, 8, 0, 0), $"{assembly} references {name} {version}, newer than 4.8.0.0.");
            if (!isCodeFixAssembly)
            {
                // The command-line compiler has no Workspaces: an analyzer needing it fails with AD0001 (RS1038).
                Assert.DoesNotContain("Workspaces", name, StringComparison.Ordinal);
            }
        }

        if (!isCodeFixAssembly)
        {
            Assert.Contains(references, r => r.Name == "Microsoft.CodeAnalysis");
        }
    }
}
