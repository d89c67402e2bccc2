using ArchGate.Analyzers.Configuration;
using static ArchGate.Tests.Configuration.ConfigTest;

namespace ArchGate.Tests.Configuration;

/// <summary>The values of archgate.json land in the model (ArchGateConfig) as the rules expect them.</summary>
public class ConfigModelTests
{
    [Fact]
    public void Product_example_binds_every_section()
    {
        var result = Read(ProductExample);
        Assert.Empty(result.Problems);
        var config = result.Config;
        Assert.False(config.HasErrors);

        Assert.Equal(new[] { "Api", "Application", "Domain", "Infrastructure" }, config.Layers.Select(l => l.Name));
        var infrastructure = config.Layers.Single(l => l.Name == "Infrastructure");
        Assert.Equal(new[] { "Shop.Infrastructure.**" }, infrastructure.Namespaces.Patterns.Select(p => p.Text));
        Assert.Equal("layers.Infrastructure.namespaces", infrastructure.Namespaces.ConfigPath);
        Assert.Equal(new[] { "Shop.Infrastructure" }, infrastructure.Assemblies);
        Assert.Equal("layers.Infrastructure", infrastructure.ConfigPath);
        Assert.Empty(config.Layers.Single(l => l.Name == "Api").Assemblies);

        Assert.Equal(new[] { "Application", "Domain" }, config.Dependencies["Api"]);
        Assert.Empty(config.Dependencies["Domain"]);
        Assert.True(config.IsDependencyAllowed("Infrastructure", "Application"));
        Assert.True(config.IsDependencyAllowed("Domain", "Domain"));
        Assert.False(config.IsDependencyAllowed("Domain", "Infrastructure"));
        Assert.False(config.IsDependencyAllowed("Application", "Api"));

        Assert.False(config.RequireLayer);
        Assert.Equal(new[] { "Program", "Shop.Api.DependencyInjection.**" }, config.CompositionRoot.Patterns.Select(p => p.Text));
        Assert.Equal("compositionRoot", config.CompositionRoot.ConfigPath);

        var dataAccess = config.DataAccess!;
        Assert.Equal(new[] { BuiltInApiGroup.EFCore, BuiltInApiGroup.AdoNet, BuiltInApiGroup.Dapper }, dataAccess.Apis.Select(a => a.Group));
        Assert.All(dataAccess.Apis, a => Assert.Null(a.Pattern));
        Assert.Equal(new[] { "Infrastructure" }, dataAccess.AllowedIn.LayerNames);
        Assert.Empty(dataAccess.AllowedIn.Patterns.Patterns);
        Assert.Equal("dataAccess.allowedIn", dataAccess.AllowedIn.ConfigPath);

        Assert.Equal(new[] { "Shop.Application.Abstractions.I*Repository" }, config.Repositories.Interfaces.Patterns.Select(p => p.Text));
        Assert.Equal(new[] { "Shop.Infrastructure.Persistence.*Repository" }, config.Repositories.Implementations.Patterns.Select(p => p.Text));

        Assert.Equal(new[] { "Infrastructure" }, config.RawSql.AllowedIn!.LayerNames);
        var sink = Assert.Single(config.RawSql.Sinks);
        Assert.Equal('M', sink.DocIdKind);
        Assert.Equal("Shop.Infrastructure.Db.Run", sink.DocumentationIdName);

        var save = config.Transactions.SaveChangesAllowedIn!;
        Assert.Empty(save.LayerNames);
        Assert.Equal(new[] { "Shop.Infrastructure.Persistence.UnitOfWork" }, save.Patterns.Patterns.Select(p => p.Text));
        Assert.Equal("transactions.saveChangesAllowedIn", save.ConfigPath);
        Assert.Equal(new[] { "M:Shop.Bus.IBus.Publish``1(``0)" }, config.Transactions.ExternalCalls.Select(p => p.Text));

        Assert.Equal(MigrationProvider.Auto, config.Migrations.Provider);
        Assert.Equal("20260101000000_Baseline", config.Migrations.StartAfter);
        Assert.True(config.Migrations.CheckDown);

        var restriction = Assert.Single(config.Restrictions);
        Assert.Equal(0, restriction.Index);
        Assert.Equal("restrictions[0]", restriction.ConfigPath);
        Assert.Equal("T:System.Net.Http.HttpClient", Assert.Single(restriction.Apis).Pattern!.Text);
        Assert.Equal(new[] { "Infrastructure" }, restriction.AllowedIn.LayerNames);
        Assert.Equal("restrictions[0].allowedIn", restriction.AllowedIn.ConfigPath);
        Assert.Equal("outbound HTTP goes through the typed clients in Infrastructure", restriction.Because);

        Assert.True(config.Api.EntityTypes.IsEmpty);
    }

    [Fact]
    public void Defaults_when_sections_are_absent()
    {
        var config = Read("{}").Config;
        Assert.Empty(config.Layers);
        Assert.Empty(config.Dependencies);
        Assert.False(config.RequireLayer);
        Assert.True(config.CompositionRoot.IsEmpty);
        Assert.Null(config.DataAccess);
        Assert.True(config.Repositories.Interfaces.IsEmpty);
        Assert.Null(config.RawSql.AllowedIn);
        Assert.Empty(config.RawSql.Sinks);
        Assert.Null(config.Transactions.SaveChangesAllowedIn);
        Assert.Equal(MigrationProvider.Auto, config.Migrations.Provider);
        Assert.Null(config.Migrations.StartAfter);
        Assert.True(config.Migrations.CheckDown);
        Assert.Empty(config.Restrictions);
        Assert.False(config.HasErrors);
    }

    [Fact]
    public void Migrations_defaults_inside_an_empty_section()
    {
        var migrations = Read("""{ "migrations": {} }""").Config.Migrations;
        Assert.Equal(MigrationProvider.Auto, migrations.Provider);
        Assert.True(migrations.CheckDown);
        Assert.Null(migrations.StartAfter);
    }

    [Theory]
    [InlineData("auto", MigrationProvider.Auto)]
    [InlineData("postgres", MigrationProvider.Postgres)]
    [InlineData("sqlserver", MigrationProvider.SqlServer)]
    [InlineData("sqlite", MigrationProvider.Sqlite)]
    [InlineData("mysql", MigrationProvider.MySql)]
    public void Every_provider_name_binds(string name, MigrationProvider provider)
    {
        var result = Read("{ \"migrations\": { \"provider\": \"" + name + "\", \"checkDown\": false } }");
        Assert.Empty(result.Problems);
        Assert.Equal(provider, result.Config.Migrations.Provider);
        Assert.False(result.Config.Migrations.CheckDown);
    }

    [Fact]
    public void Provider_names_and_enum_are_in_step()
        => Assert.Equal(ConfigReader.ProviderNames.Length, Enum.GetValues<MigrationProvider>().Length);

    [Fact]
    public void Scope_lists_split_layer_names_from_patterns()
    {
        var result = Read("""
            { "layers": { "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"] } }, "dependencies": { "Infrastructure": [] },
              "dataAccess": { "apis": ["@dapper", "T:System.Data.Common.DbConnection", "Shop.Legacy.*"], "allowedIn": ["Infrastructure", "Shop.Tools.**", "N:Shop.Migrations"] },
              "requireLayer": true,
              "api": { "entityTypes": ["Shop.Domain.**", "T:Shop.Domain.Order"] } }
            """);
        Assert.Empty(result.Problems);
        var config = result.Config;
        Assert.True(config.RequireLayer);
        Assert.Equal(new[] { "Infrastructure" }, config.DataAccess!.AllowedIn.LayerNames);
        Assert.Equal(new[] { "Shop.Tools.**", "N:Shop.Migrations" }, config.DataAccess.AllowedIn.Patterns.Patterns.Select(p => p.Text));
        Assert.Equal("Infrastructure, Shop.Tools.**, N:Shop.Migrations", config.DataAccess.AllowedIn.Describe());
        Assert.Equal(new[] { "@dapper", "T:System.Data.Common.DbConnection", "Shop.Legacy.*" }, config.DataAccess.Apis.Select(a => a.ToString()));
        Assert.Equal(BuiltInApiGroup.Dapper, config.DataAccess.Apis[0].Group);
        Assert.Equal(BuiltInApiGroup.None, config.DataAccess.Apis[1].Group);
        Assert.Equal(new[] { "Shop.Domain.**", "T:Shop.Domain.Order" }, config.Api.EntityTypes.Patterns.Select(p => p.Text));
    }

    [Fact]
    public void Restrictions_keep_their_index_and_a_missing_allowedIn_allows_nowhere()
    {
        var result = Read("""
            { "restrictions": [
                { "apis": ["T:System.Net.Http.HttpClient"], "allowedIn": ["Shop.Http.**"] },
                { "apis": ["M:System.Console.WriteLine(System.String)"], "because": "log through ILogger" } ] }
            """);
        Assert.Empty(result.Problems);
        Assert.Equal(new[] { 0, 1 }, result.Config.Restrictions.Select(r => r.Index));
        Assert.Equal("nowhere", result.Config.Restrictions[1].AllowedIn.Describe());
        Assert.Equal("restrictions[1].allowedIn", result.Config.Restrictions[1].AllowedIn.ConfigPath);
        Assert.Null(result.Config.Restrictions[0].Because);
    }

    [Fact]
    public void A_config_with_errors_is_flagged_and_keeps_what_could_be_read()
    {
        var result = Read("""
            { "layers": { "Api": { "namespaces": ["Shop.Api.**", "Shop..Bad"] } }, "dependencies": { "Api": [] },
              "requireLayer": true, "migrations": { "provider": "oracle" } }
            """);
        Assert.Equal(new[] { "AG0005", "AG0009" }, result.Problems.Select(p => p.Descriptor.Id));
        Assert.True(result.Config.HasErrors);
        Assert.True(result.Config.RequireLayer);
        Assert.Equal(new[] { "Shop.Api.**" }, result.Config.Layers.Single().Namespaces.Patterns.Select(p => p.Text));
        Assert.Equal(MigrationProvider.Auto, result.Config.Migrations.Provider);
    }

    [Fact]
    public void Problems_carry_the_json_path()
    {
        var result = Read("""
            { "layers": { "Api": { "namespaces": [1] } }, "dependencies": { "Api": ["Web"] },
              "migrations": { "checkDown": 1 }, "restrictions": [ { "apis": ["@x"] } ], "compositionRoot": [ "Program" "x" ] }
            """);
        Assert.Equal(
            new[] { "layers.Api.namespaces[0]", "dependencies.Api[0]", "migrations.checkDown", "restrictions[0].apis[0]", "compositionRoot" },
            result.Problems.OrderBy(p => p.Span.Start).Select(p => p.ConfigPath));
    }

    [Fact]
    public void The_sample_configuration_is_clean()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Combine("samples"), "archgate.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var result = Read(File.ReadAllText(file));
            Assert.True(result.Problems.IsEmpty, file + ":\n" + string.Join("\n", result.Problems.Select(p => p.Descriptor.Id + " " + p.Message)));
        }
    }
}
