using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.Migrations.MigrationSource;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.ColumnChangeAnalyzer>;

namespace ArchGate.Tests.Migrations;

public class ColumnChangeTests
{
    // ---- AG6005 type change -------------------------------------------------------------------

    [Fact]
    public async Task AG6005_narrowing_a_varchar_is_reported()
    {
        var source = Migration("ShortenEmail", """
            migrationBuilder.{|#0:AlterColumn|}<string>(
                name: "Email",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256);
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres,
            Verifier.Diagnostic("AG6005").WithLocation(0).WithArguments("ShortenEmail", "Customers.Email", "character varying(256)", "character varying(100)"));
    }

    [Fact]
    public async Task AG6005_changing_the_clr_type_is_reported_on_every_provider()
    {
        var source = Migration("PriceToDecimal", """
            migrationBuilder.{|#0:AlterColumn|}<decimal>(
                name: "Price",
                table: "Products",
                type: "decimal(18,2)",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "int");
            """, "");
        await Verifier.AnalyzerAsync(source, SqlServer,
            Verifier.Diagnostic("AG6005").WithLocation(0).WithArguments("PriceToDecimal", "Products.Price", "int", "decimal(18,2)"));
        await Verifier.AnalyzerAsync(source, Sqlite,
            Verifier.Diagnostic("AG6005").WithLocation(0).WithArguments("PriceToDecimal", "Products.Price", "int", "decimal(18,2)"));
    }

    [Fact]
    public async Task AG6005_clean_twin_postgres_safe_widenings()
    {
        var source = Migration("Widen", """
            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "Customers",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256);

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task AG6005_postgres_widening_is_not_safe_on_sqlserver_syntax_and_vice_versa()
    {
        var source = Migration("Widen", """
            migrationBuilder.{|#0:AlterColumn|}<string>(
                name: "Email",
                table: "Customers",
                type: "nvarchar(max)",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(256)",
                oldMaxLength: 256);
            """, "");
        await Verifier.AnalyzerAsync(source, SqlServer);
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6005").WithLocation(0).WithArguments("Widen", "Customers.Email", "nvarchar(256)", "nvarchar(max)"));
    }

    [Fact]
    public async Task AG6005_clean_twin_nullable_value_type_is_the_same_clr_type()
    {
        var source = Migration("OptionalQuantity", """
            migrationBuilder.AlterColumn<int?>(
                name: "Quantity",
                table: "OrderLines",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task AG6005_clean_twin_alter_on_a_table_created_in_the_same_migration()
    {
        var source = Migration("CreateCustomers", CreateCustomers + """

            migrationBuilder.AlterColumn<long>(
                name: "Id",
                table: "Customers",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");
            """, DropCustomers);
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    // ---- AG6006 NULL -> NOT NULL ----------------------------------------------------------------

    [Fact]
    public async Task AG6006_making_an_existing_column_required_is_reported()
    {
        var source = Migration("RequirePhone", """
            migrationBuilder.{|#0:AlterColumn|}<string>(
                name: "Phone",
                table: "Customers",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6006").WithLocation(0).WithArguments("RequirePhone", "Customers.Phone", "Phone"));
    }

    [Fact]
    public async Task AG6006_clean_twin_making_a_column_nullable()
    {
        var source = Migration("OptionalPhone", """
            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Customers",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    // ---- AG6007 required column ---------------------------------------------------------------

    [Fact]
    public async Task AG6007_required_column_without_default_on_existing_table_is_reported()
    {
        var source = Migration("AddLoyaltyTier", """
            migrationBuilder.{|#0:AddColumn|}<int>(
                name: "LoyaltyTier",
                table: "Customers",
                type: "integer",
                nullable: false);
            """, """
            migrationBuilder.DropColumn(
                name: "LoyaltyTier",
                table: "Customers");
            """);
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6007").WithLocation(0).WithArguments("AddLoyaltyTier", "LoyaltyTier", "Customers"));
    }

    [Fact]
    public async Task AG6007_clean_twins_default_nullable_computed_and_new_table()
    {
        var source = Migration("AddColumns", CreateCustomers + """

            migrationBuilder.AddColumn<int>(
                name: "LoyaltyTier",
                table: "Orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Nickname",
                table: "Orders",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            migrationBuilder.AddColumn<int>(
                name: "Total",
                table: "Orders",
                type: "integer",
                nullable: false,
                computedColumnSql: "\"Quantity\" * \"Price\"",
                stored: true);

            migrationBuilder.AddColumn<int>(
                name: "Rank",
                table: "Customers",
                type: "integer",
                nullable: false);
            """, DropCustomers);
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    // ---- AG6008 volatile default ----------------------------------------------------------------

    [Fact]
    public async Task AG6008_volatile_default_on_postgres_is_reported()
    {
        var source = Migration("AddPublicId", """
            migrationBuilder.{|#0:AddColumn|}<Guid>(
                name: "PublicId",
                table: "Customers",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres,
            Verifier.Diagnostic("AG6008").WithLocation(0).WithArguments("AddPublicId", "PublicId", "Customers", "gen_random_uuid()", "PostgreSQL"));
    }

    [Fact]
    public async Task AG6008_newid_on_sqlserver_is_reported_for_not_null_columns_only()
    {
        var source = Migration("AddPublicId", """
            migrationBuilder.{|#0:AddColumn|}<Guid>(
                name: "PublicId",
                table: "Customers",
                type: "uniqueidentifier",
                nullable: false,
                defaultValueSql: "NEWID()");

            migrationBuilder.AddColumn<Guid>(
                name: "ExternalId",
                table: "Customers",
                type: "uniqueidentifier",
                nullable: true,
                defaultValueSql: "NEWID()");
            """, "");
        await Verifier.AnalyzerAsync(source, SqlServer,
            Verifier.Diagnostic("AG6008").WithLocation(0).WithArguments("AddPublicId", "PublicId", "Customers", "NEWID()", "SQL Server"));
    }

    [Fact]
    public async Task AG6008_clean_twins_now_is_stable_unknown_provider_and_new_table()
    {
        var addNow = Migration("AddSeenAt", """
            migrationBuilder.AddColumn<DateTime>(
                name: "SeenAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");
            """, "");
        await Verifier.AnalyzerAsync(addNow, Postgres);

        var random = Migration("AddPublicId", """
            migrationBuilder.AddColumn<Guid>(
                name: "PublicId",
                table: "Customers",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");
            """, "");
        await Verifier.AnalyzerAsync(random, Sqlite);

        var sameMigration = Migration("CreateCustomers", CreateCustomers + """

            migrationBuilder.AddColumn<Guid>(
                name: "PublicId",
                table: "Customers",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");
            """, DropCustomers);
        await Verifier.AnalyzerAsync(sameMigration, Postgres);
    }

    // ---- AG6014 no-op / hand-edited AlterColumn -----------------------------------------------

    [Fact]
    public async Task AG6014_alter_column_without_old_arguments_is_reported()
    {
        var source = Migration("TweakEmail", """
            migrationBuilder.{|#0:AlterColumn|}<string>(
                name: "Email",
                table: "Customers",
                type: "text",
                nullable: false);
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6014").WithLocation(0).WithArguments(
            "TweakEmail", "Customers.Email",
            "gives none of its old* arguments (oldClrType, oldType, oldNullable...), so the provider cannot tell what changes and may rebuild or reset the column"));
    }

    [Fact]
    public async Task AG6014_alter_column_that_changes_nothing_is_reported()
    {
        var source = Migration("TweakEmail", """
            migrationBuilder.{|#0:AlterColumn|}<string>(
                name: "Email",
                table: "Customers",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6014").WithLocation(0).WithArguments(
            "TweakEmail", "Customers.Email", "changes nothing: every argument equals its old* counterpart"));
    }

    [Fact]
    public async Task AG6014_clean_twins_comment_change_and_identity_annotation()
    {
        var source = Migration("Tweaks", """
            migrationBuilder.AlterColumn<string>(
                name: "Email",
                table: "Customers",
                type: "text",
                nullable: true,
                comment: "contact address",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Id",
                table: "Orders",
                type: "integer",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer")
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres);
    }
}
