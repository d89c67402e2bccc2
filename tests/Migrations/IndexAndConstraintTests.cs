using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.Migrations.MigrationSource;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.IndexAndConstraintAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.IndexAndConstraintAnalyzer, ArchGate.CodeFixes.Migrations.ConcurrentIndexCodeFix>;

namespace ArchGate.Tests.Migrations;

public class IndexAndConstraintTests
{
    private const string EmailIndex = """
        migrationBuilder.{|#0:CreateIndex|}(
            name: "IX_Customers_Email",
            table: "Customers",
            column: "Email",
            unique: true);
        """;

    private const string DropEmailIndex = """
        migrationBuilder.DropIndex(
            name: "IX_Customers_Email",
            table: "Customers");
        """;

    // ---- AG6009 -------------------------------------------------------------------------------

    [Fact]
    public async Task AG6009_index_on_existing_table_without_concurrently_is_a_warning_on_postgres()
    {
        await Verifier.AnalyzerAsync(Migration("AddEmailIndex", EmailIndex, DropEmailIndex), Postgres,
            Verifier.Diagnostic("AG6009").WithLocation(0).WithArguments(
                "AddEmailIndex", "IX_Customers_Email", "Customers", "CONCURRENTLY",
                "PostgreSQL blocks every write to the table until the index is built", "Npgsql:CreatedConcurrently",
                ", keep that index in a migration of its own (AG6010), and configure IsCreatedConcurrently() on the index in the model so the next scaffold keeps it"));
    }

    [Fact]
    public async Task AG6009_index_without_online_is_info_on_sqlserver()
    {
        await Verifier.AnalyzerAsync(Migration("AddEmailIndex", EmailIndex, DropEmailIndex), SqlServer,
            Verifier.Diagnostic("AG6009").WithLocation(0).WithSeverity(DiagnosticSeverity.Info));
    }

    [Fact]
    public async Task AG6009_clean_twins_annotated_new_table_and_unknown_provider()
    {
        var concurrent = Migration("AddEmailIndex", """
            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email")
                .Annotation("Npgsql:CreatedConcurrently", true);
            """, DropEmailIndex);
        await Verifier.AnalyzerAsync(concurrent, Postgres);

        var online = Migration("AddEmailIndex", """
            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email")
                .Annotation("SqlServer:Online", true);
            """, DropEmailIndex);
        await Verifier.AnalyzerAsync(online, SqlServer);

        var sameMigration = Migration("CreateCustomers", CreateCustomers + """

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name",
                table: "Customers",
                column: "Name");
            """, DropCustomers);
        await Verifier.AnalyzerAsync(sameMigration, Postgres);

        // Both Npgsql and SQL Server are referenced by the test project: auto detection is ambiguous, provider rules stay silent.
        await Verifier.AnalyzerAsync(Migration("AddEmailIndex", EmailIndex.Replace("{|#0:CreateIndex|}", "CreateIndex"), DropEmailIndex));
    }

    [Fact]
    public async Task AG6009_fix_adds_the_postgres_annotation()
    {
        var fixedSource = Migration("AddEmailIndex", """
            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email",
                unique: true)
                .Annotation("Npgsql:CreatedConcurrently", true);
            """, DropEmailIndex);
        await FixVerifier.CodeFixAsync(Migration("AddEmailIndex", EmailIndex, DropEmailIndex), fixedSource, Postgres,
            FixVerifier.Diagnostic("AG6009").WithLocation(0));
    }

    [Fact]
    public async Task AG6009_fix_adds_the_sqlserver_annotation_after_existing_ones()
    {
        var source = Migration("AddEmailIndex", """
            migrationBuilder.{|#0:CreateIndex|}(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email",
                filter: "[Email] IS NOT NULL")
                .Annotation("SqlServer:Include", new[] { "Name" });
            """, DropEmailIndex);
        var fixedSource = Migration("AddEmailIndex", """
            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email",
                filter: "[Email] IS NOT NULL")
                .Annotation("SqlServer:Online", true)
                .Annotation("SqlServer:Include", new[] { "Name" });
            """, DropEmailIndex);
        await FixVerifier.CodeFixAsync(source, fixedSource, SqlServer,
            FixVerifier.Diagnostic("AG6009").WithLocation(0).WithSeverity(DiagnosticSeverity.Info));
    }

    [Fact]
    public async Task AG6009_fix_all_annotates_every_index()
    {
        var source = Migration("AddIndexes", """
            migrationBuilder.{|#0:CreateIndex|}(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email");
            """, "") + Migration("AddMoreIndexes", """
            migrationBuilder.{|#1:CreateIndex|}(
                name: "IX_Orders_PlacedAt",
                table: "Orders",
                column: "PlacedAt");
            """, "").Replace("using System;\nusing Microsoft.EntityFrameworkCore.Migrations;\n\n#nullable disable\n\n", "");
        var fixedSource = Migration("AddIndexes", """
            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email")
                .Annotation("Npgsql:CreatedConcurrently", true);
            """, "") + Migration("AddMoreIndexes", """
            migrationBuilder.CreateIndex(
                name: "IX_Orders_PlacedAt",
                table: "Orders",
                column: "PlacedAt")
                .Annotation("Npgsql:CreatedConcurrently", true);
            """, "").Replace("using System;\nusing Microsoft.EntityFrameworkCore.Migrations;\n\n#nullable disable\n\n", "");
        await FixVerifier.CodeFixAsync(source, fixedSource, Postgres,
            FixVerifier.Diagnostic("AG6009").WithLocation(0), FixVerifier.Diagnostic("AG6009").WithLocation(1));
    }

    // ---- AG6010 -------------------------------------------------------------------------------

    [Fact]
    public async Task AG6010_concurrent_index_with_other_operations_is_reported()
    {
        var source = Migration("AddEmail", """
            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Customers",
                type: "text",
                nullable: true);

            migrationBuilder.{|#0:CreateIndex|}(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email")
                .Annotation("Npgsql:CreatedConcurrently", true);
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres,
            Verifier.Diagnostic("AG6010").WithLocation(0).WithArguments("AddEmail", "IX_Customers_Email", "1"));
    }

    [Fact]
    public async Task AG6010_clean_twin_concurrent_index_alone_and_sqlserver_online_with_others()
    {
        var alone = Migration("AddEmailIndex", """
            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email")
                .Annotation("Npgsql:CreatedConcurrently", true);
            """, DropEmailIndex);
        await Verifier.AnalyzerAsync(alone, Postgres);

        var online = Migration("AddEmail", """
            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Customers",
                type: "nvarchar(450)",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email")
                .Annotation("SqlServer:Online", true);
            """, "");
        await Verifier.AnalyzerAsync(online, SqlServer);
    }

    // ---- AG6011 -------------------------------------------------------------------------------

    [Fact]
    public async Task AG6011_foreign_key_check_unique_and_primary_key_on_existing_tables_are_reported()
    {
        var source = Migration("Constraints", """
            migrationBuilder.{|#0:AddForeignKey|}(
                name: "FK_Orders_Customers_CustomerId",
                table: "Orders",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.{|#1:AddCheckConstraint|}(
                name: "CK_Orders_Total",
                table: "Orders",
                sql: "\"Total\" >= 0");

            migrationBuilder.{|#2:AddUniqueConstraint|}(
                name: "AK_Customers_Email",
                table: "Customers",
                column: "Email");

            migrationBuilder.{|#3:AddPrimaryKey|}(
                name: "PK_AuditLog",
                table: "AuditLog",
                column: "Id");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres,
            Verifier.Diagnostic("AG6011").WithLocation(0).WithArguments("Constraints", "foreign key", "FK_Orders_Customers_CustomerId", "Orders",
                "PostgreSQL validates every row while blocking writes to both tables",
                "Add it with migrationBuilder.Sql(\"ALTER TABLE ... ADD CONSTRAINT ... NOT VALID\"), then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration"),
            Verifier.Diagnostic("AG6011").WithLocation(1),
            Verifier.Diagnostic("AG6011").WithLocation(2),
            Verifier.Diagnostic("AG6011").WithLocation(3));
        await Verifier.AnalyzerAsync(source, SqlServer,
            Verifier.Diagnostic("AG6011").WithLocation(0).WithSeverity(DiagnosticSeverity.Info),
            Verifier.Diagnostic("AG6011").WithLocation(1).WithSeverity(DiagnosticSeverity.Info),
            Verifier.Diagnostic("AG6011").WithLocation(2).WithSeverity(DiagnosticSeverity.Info),
            Verifier.Diagnostic("AG6011").WithLocation(3).WithSeverity(DiagnosticSeverity.Info));
    }

    [Fact]
    public async Task AG6011_clean_twin_foreign_key_on_tables_created_in_the_same_migration()
    {
        var source = Migration("CreateOrders", CreateCustomers + """

            migrationBuilder.CreateTable(
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                });

            migrationBuilder.AddForeignKey(
                name: "FK_Orders_Customers_CustomerId",
                table: "Orders",
                column: "CustomerId",
                principalTable: "Customers",
                principalColumn: "Id");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres);
        await Verifier.AnalyzerAsync(source, Sqlite);
    }
}
