using ArchGate.Analyzers.Migrations;
using ArchGate.Tests.Configuration;
using static ArchGate.Tests.Migrations.MigrationSource;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.DestructiveOperationAnalyzer>;

namespace ArchGate.Tests.Migrations;

/// <summary>
/// Issue 16, shape 8: one migrations project per database provider, each with its own timestamp for the same
/// logical migration, so <c>migrations.startAfter</c> takes an id per migrations assembly. The test project's
/// assembly is <c>TestProject</c>.
/// </summary>
public class StartAfterPerAssemblyTests
{
    private const string Up = """
        migrationBuilder.DropColumn(
            name: "LegacyName",
            table: "Customers");
        """;

    private static async Task RunAsync(string config, string id, bool expectReported)
    {
        var test = Verifier.Create(config);
        var up = expectReported ? Up.Replace("DropColumn", "{|AG6001:DropColumn|}") : Up;
        test.TestState.Sources.Add(($"Migrations/{id}.cs", Migration("Old", up, "")));
        test.TestState.Sources.Add(($"Migrations/{id}.Designer.cs", Designer("Old", id)));
        await test.RunAsync();
    }

    [Fact]
    public Task The_id_of_the_compilations_assembly_applies() => RunAsync(
        """{ "migrations": { "provider": "postgres", "startAfter": { "Shop.Data.SqlServer": "20250101000000_X", "TestProject": "20250102000000_X" } } }""",
        "20250102000000_X", expectReported: false);

    [Fact]
    public Task A_later_migration_of_that_assembly_is_checked() => RunAsync(
        """{ "migrations": { "provider": "postgres", "startAfter": { "Shop.Data.SqlServer": "20250101000000_X", "TestProject": "20250102000000_X" } } }""",
        "20250102000001_Y", expectReported: true);

    /// <summary>The other provider's later timestamp must not silence this assembly's migration.</summary>
    [Fact]
    public Task Another_assemblys_id_does_not_apply() => RunAsync(
        """{ "migrations": { "provider": "postgres", "startAfter": { "Shop.Data.SqlServer": "20250105000000_X", "TestProject": "20250102000000_X" } } }""",
        "20250103000000_Y", expectReported: true);

    [Fact]
    public Task An_assembly_that_is_not_listed_has_every_migration_checked() => RunAsync(
        """{ "migrations": { "provider": "postgres", "startAfter": { "Shop.Data.SqlServer": "20250105000000_X" } } }""",
        "20250101000000_Old", expectReported: true);

    [Fact]
    public Task A_string_keeps_working() => RunAsync(
        """{ "migrations": { "provider": "postgres", "startAfter": "20250102000000_X" } }""",
        "20250101000000_Old", expectReported: false);

    [Fact]
    public void The_reader_keeps_one_id_per_assembly()
    {
        var config = ConfigTest.Read("""{ "migrations": { "startAfter": { "Shop.Data.SqlServer": "20250101000000_X", "Shop.Data.Postgres": "20250102000000_X" } } }""").Config;
        Assert.Null(config.Migrations.StartAfter);
        Assert.Equal("20250101000000_X", config.Migrations.StartAfterFor("Shop.Data.SqlServer"));
        Assert.Equal("20250102000000_X", config.Migrations.StartAfterFor("Shop.Data.Postgres"));
        Assert.Null(config.Migrations.StartAfterFor("Shop.Data.Sqlite"));
    }

    [Fact]
    public Task Bad_values_are_reported_at_their_place() => ConfigTest.VerifyMarkupAsync("""
        {
          "migrations": {
            "startAfter": {
              "Shop.Data.SqlServer": {|AG0009:"Baseline"|},
              "Shop.Data.Postgres": {|AG0003:20250102000000|},
              {|AG0009:"Shop.Data.*"|}: "20250102000000_X",
              "Shop.Data.Sqlite": "20250102000000_X",
              {|AG0006:"Shop.Data.Sqlite"|}: "20250103000000_X"
            }
          }
        }
        """);

    [Fact]
    public Task Neither_string_nor_object_is_a_wrong_type() => ConfigTest.VerifyMarkupAsync("""
        { "migrations": { "startAfter": {|AG0003:[|}"20250102000000_X"] } }
        """);
}
