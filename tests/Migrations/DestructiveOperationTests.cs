using ArchGate.Analyzers.Migrations;
using ArchGate.CodeFixes.Migrations;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.Migrations.MigrationSource;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.DestructiveOperationAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.DestructiveOperationAnalyzer, ArchGate.CodeFixes.Migrations.DropAddToRenameCodeFix>;

namespace ArchGate.Tests.Migrations;

public class DestructiveOperationTests
{
    [Fact]
    public async Task AG6001_drop_column_of_existing_table_is_reported_with_the_safe_alternative()
    {
        var source = Migration("RemoveLegacyName", """
            migrationBuilder.{|#0:DropColumn|}(
                name: "LegacyName",
                table: "Customers");
            """, """
            migrationBuilder.AddColumn<string>(
                name: "LegacyName",
                table: "Customers",
                type: "text",
                nullable: true);
            """);
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6001").WithLocation(0).WithArguments("RemoveLegacyName", "Customers.LegacyName"));
    }

    [Fact]
    public async Task AG6001_drop_column_without_config_is_reported_for_any_provider()
    {
        var source = Migration("RemoveLegacyName", """
            migrationBuilder.{|AG6001:DropColumn|}(
                name: "LegacyName",
                table: "Customers",
                schema: "sales");
            """, "");
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task AG6001_clean_twin_column_of_a_table_created_in_the_same_migration()
    {
        var source = Migration("CreateCustomers", CreateCustomers + """

            migrationBuilder.DropColumn(
                name: "Name",
                table: "Customers");
            """, DropCustomers);
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task AG6001_clean_twin_drop_column_in_Down_is_not_checked()
    {
        var source = Migration("AddNickname", """
            migrationBuilder.AddColumn<string>(
                name: "Nickname",
                table: "Customers",
                type: "text",
                nullable: true);
            """, """
            migrationBuilder.DropColumn(
                name: "Nickname",
                table: "Customers");
            """);
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task AG6002_drop_table_is_reported()
    {
        var source = Migration("DropAuditLog", """
            migrationBuilder.{|#0:DropTable|}(
                name: "AuditLog");
            """, """
            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });
            """);
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6002").WithLocation(0).WithArguments("DropAuditLog", "AuditLog"));
    }

    [Fact]
    public async Task AG6002_clean_twin_drop_table_only_in_Down()
    {
        await Verifier.AnalyzerAsync(Migration("CreateCustomers", CreateCustomers, DropCustomers), Postgres);
    }

    [Fact]
    public async Task AG6003_rename_column_and_table_and_schema_move_are_reported()
    {
        var source = Migration("Renames", """
            migrationBuilder.{|#0:RenameColumn|}(
                name: "Name",
                table: "Customers",
                newName: "FullName");

            migrationBuilder.{|#1:RenameTable|}(
                name: "Orders",
                newName: "PurchaseOrders");

            migrationBuilder.{|#2:RenameTable|}(
                name: "Invoices",
                newName: "Invoices",
                newSchema: "billing");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres,
            Verifier.Diagnostic("AG6003").WithLocation(0).WithArguments("Renames", "column", "Customers.Name", "FullName"),
            Verifier.Diagnostic("AG6003").WithLocation(1).WithArguments("Renames", "table", "Orders", "PurchaseOrders"),
            Verifier.Diagnostic("AG6003").WithLocation(2).WithArguments("Renames", "table", "Invoices", "billing.Invoices"));
    }

    [Fact]
    public async Task AG6003_clean_twin_rename_of_a_table_created_in_the_same_migration()
    {
        var source = Migration("CreateCustomers", CreateCustomers + """

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "Customers",
                newName: "FullName");
            """, DropCustomers);
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    private const string DropAddUp = """
        migrationBuilder.{|#0:DropColumn|}(
            name: "Name",
            table: "Customers");

        migrationBuilder.{|#1:AddColumn|}<string>(
            name: "FullName",
            table: "Customers",
            type: "text",
            nullable: false,
            defaultValue: "");
        """;

    private const string DropAddDown = """
        migrationBuilder.DropColumn(
            name: "FullName",
            table: "Customers");

        migrationBuilder.AddColumn<string>(
            name: "Name",
            table: "Customers",
            type: "text",
            nullable: false,
            defaultValue: "");
        """;

    [Fact]
    public async Task AG6004_drop_and_add_of_a_same_typed_column_is_a_lost_rename()
    {
        var source = Migration("RenameName", DropAddUp, DropAddDown);
        await Verifier.AnalyzerAsync(source, Postgres,
            Verifier.Diagnostic("AG6004").WithLocation(0).WithLocation(1).WithArguments("RenameName", "Name", "FullName", "Customers"));
    }

    [Fact]
    public async Task AG6004_clean_twin_different_type_is_a_drop_and_an_add()
    {
        var source = Migration("ReplaceName", """
            migrationBuilder.{|AG6001:DropColumn|}(
                name: "Name",
                table: "Customers");

            migrationBuilder.AddColumn<int>(
                name: "NameId",
                table: "Customers",
                type: "integer",
                nullable: true);
            """, """
            migrationBuilder.DropColumn(
                name: "NameId",
                table: "Customers");

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Customers",
                type: "text",
                nullable: false,
                defaultValue: "");
            """);
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task AG6004_fix_turns_the_pair_into_RenameColumn_in_Up_and_Down()
    {
        var source = Migration("RenameName", DropAddUp, DropAddDown);
        var fixedSource = Migration("RenameName", """
            migrationBuilder.{|#0:RenameColumn|}(
                name: "Name",
                table: "Customers",
                newName: "FullName");
            """, """
            migrationBuilder.RenameColumn(
                name: "FullName",
                table: "Customers",
                newName: "Name");
            """);
        var test = FixVerifier.Create(Postgres, source, fixedSource);
        test.ExpectedDiagnostics.Add(FixVerifier.Diagnostic("AG6004").WithLocation(0).WithLocation(1));
        test.FixedState.ExpectedDiagnostics.Add(FixVerifier.Diagnostic("AG6003").WithLocation(0));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    [Fact]
    public async Task AG6004_fix_all_handles_two_pairs()
    {
        var source = Migration("RenameTwo", """
            migrationBuilder.{|#0:DropColumn|}(
                name: "Name",
                table: "Customers");

            migrationBuilder.{|#1:DropColumn|}(
                name: "Code",
                table: "Products");

            migrationBuilder.{|#2:AddColumn|}<string>(
                name: "FullName",
                table: "Customers",
                type: "text",
                nullable: true);

            migrationBuilder.{|#3:AddColumn|}<int>(
                name: "Sku",
                table: "Products",
                type: "integer",
                nullable: false,
                defaultValue: 0);
            """, """
            migrationBuilder.DropColumn(
                name: "FullName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Sku",
                table: "Products");

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Customers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Code",
                table: "Products",
                type: "integer",
                nullable: false,
                defaultValue: 0);
            """);
        var fixedSource = Migration("RenameTwo", """
            migrationBuilder.{|#0:RenameColumn|}(
                name: "Name",
                table: "Customers",
                newName: "FullName");

            migrationBuilder.{|#1:RenameColumn|}(
                name: "Code",
                table: "Products",
                newName: "Sku");
            """, """
            migrationBuilder.RenameColumn(
                name: "FullName",
                table: "Customers",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "Sku",
                table: "Products",
                newName: "Code");
            """);
        var test = FixVerifier.Create(Postgres, source, fixedSource);
        test.ExpectedDiagnostics.Add(FixVerifier.Diagnostic("AG6004").WithLocation(0).WithLocation(2));
        test.ExpectedDiagnostics.Add(FixVerifier.Diagnostic("AG6004").WithLocation(1).WithLocation(3));
        test.FixedState.ExpectedDiagnostics.Add(FixVerifier.Diagnostic("AG6003").WithLocation(0));
        test.FixedState.ExpectedDiagnostics.Add(FixVerifier.Diagnostic("AG6003").WithLocation(1));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    [Fact]
    public async Task Start_after_skips_older_migrations_by_the_id_in_the_Designer_partial()
    {
        var up = """
            migrationBuilder.DropColumn(
                name: "LegacyName",
                table: "Customers");
            """;
        var config = """{ "migrations": { "provider": "postgres", "startAfter": "20260101000000_Baseline" } }""";
        var test = Verifier.Create(config);
        test.TestState.Sources.Add(("Migrations/20251201000000_Old.cs", Migration("Old", up, "")));
        test.TestState.Sources.Add(("Migrations/20251201000000_Old.Designer.cs", Designer("Old", "20251201000000_Old")));
        await test.RunAsync();

        var newer = Verifier.Create(config);
        newer.TestState.Sources.Add(("Migrations/20260201000000_New.cs", Migration("New", up.Replace("DropColumn", "{|AG6001:DropColumn|}"), "")));
        newer.TestState.Sources.Add(("Migrations/20260201000000_New.Designer.cs", Designer("New", "20260201000000_New")));
        await newer.RunAsync();
    }

    [Fact]
    public async Task Model_snapshot_and_non_migration_classes_are_not_checked()
    {
        var source = """
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Infrastructure;
            using Microsoft.EntityFrameworkCore.Migrations;

            class ShopDbContext : DbContext { }

            [DbContext(typeof(ShopDbContext))]
            partial class ShopDbContextModelSnapshot : ModelSnapshot
            {
                protected override void BuildModel(ModelBuilder modelBuilder) { }
            }

            class Helper
            {
                void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Customers");
            }
            """;
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task Suppress_message_with_justification_acknowledges_a_reviewed_drop()
    {
        var source = Migration("RemoveLegacyName", """
            migrationBuilder.DropColumn(
                name: "LegacyName",
                table: "Customers");
            """, "").Replace("    public partial class", "    [System.Diagnostics.CodeAnalysis.SuppressMessage(\"ArchGate.Migrations\", \"AG6001\", Justification = \"column unmapped since release 41\")]\n    public partial class");
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task Pragma_around_the_call_acknowledges_a_reviewed_drop()
    {
        var source = Migration("RemoveLegacyName", """
            #pragma warning disable AG6001 // unmapped since release 41
            migrationBuilder.DropColumn(
                name: "LegacyName",
                table: "Customers");
            #pragma warning restore AG6001

            migrationBuilder.{|AG6001:DropColumn|}(
                name: "OtherLegacy",
                table: "Customers");
            """, "");
        var test = Verifier.Create(Postgres, source);
        test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck; // the source has its own #pragma restore
        await test.RunAsync();
    }

    [Fact]
    public async Task Incomplete_code_does_not_crash()
    {
        var source = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public partial class Broken : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.{|CS7036:DropColumn|}(name: "LegacyName");
                    migrationBuilder.RenameTable(name: null!, newName: "X");
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, Postgres);
    }
}
