using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.Migrations.MigrationSource;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.MissingDownAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.MissingDownAnalyzer, ArchGate.CodeFixes.Migrations.GenerateDownCodeFix>;

namespace ArchGate.Tests.Migrations;

public class MissingDownTests
{
    private const string AdditiveUp = """
        migrationBuilder.CreateTable(
            name: "Customers",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false),
                Name = table.Column<string>(type: "text", nullable: false)
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Customers", x => x.Id);
            });

        migrationBuilder.AddColumn<string>(
            name: "Note",
            table: "Orders",
            type: "text",
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_Orders_Note",
            table: "Orders",
            column: "Note")
            .Annotation("Npgsql:CreatedConcurrently", true);
        """;

    private const string GeneratedDown = """
        migrationBuilder.DropIndex(
            name: "IX_Orders_Note",
            table: "Orders");

        migrationBuilder.DropColumn(
            name: "Note",
            table: "Orders");

        migrationBuilder.DropTable(
            name: "Customers");
        """;

    private static string WithoutDown(string name, string up)
    {
        var full = Migration(name, up, "");
        var start = full.IndexOf("\n        /// <inheritdoc />\n        protected override void Down", StringComparison.Ordinal);
        var end = full.IndexOf("        }\n    }\n}", start, StringComparison.Ordinal);
        return full.Substring(0, start) + full.Substring(end + "        }\n".Length);
    }

    [Fact]
    public async Task AG6013_empty_Down_is_reported_and_fixed_in_reverse_order()
    {
        var source = Migration("AddCustomers", AdditiveUp, "").Replace("void Down(", "void {|#0:Down|}(");
        var fixedSource = Migration("AddCustomers", AdditiveUp, GeneratedDown);
        await FixVerifier.CodeFixAsync(source, fixedSource, Postgres,
            FixVerifier.Diagnostic("AG6013").WithLocation(0).WithArguments("AddCustomers", "has an empty Down method", " (code fix available: it drops what Up creates)"));
    }

    [Fact]
    public async Task AG6013_missing_Down_is_reported_at_Up_and_fixed()
    {
        var source = WithoutDown("AddCustomers", AdditiveUp).Replace("void Up(", "void {|#0:Up|}(");
        var fixedSource = Migration("AddCustomers", AdditiveUp, GeneratedDown);
        await FixVerifier.CodeFixAsync(source, fixedSource, Postgres,
            FixVerifier.Diagnostic("AG6013").WithLocation(0).WithArguments("AddCustomers", "has no Down method", " (code fix available: it drops what Up creates)"));
    }

    [Fact]
    public async Task AG6013_expression_bodied_throwing_Down_is_replaced_by_a_block()
    {
        var full = Migration("AddCustomers", AdditiveUp, "");
        var source = full.Replace("        protected override void Down(MigrationBuilder migrationBuilder)\n        {\n\n        }\n",
            "        protected override void {|#0:Down|}(MigrationBuilder migrationBuilder) => throw new NotSupportedException();\n");
        Assert.NotEqual(full, source);
        var fixedSource = Migration("AddCustomers", AdditiveUp, GeneratedDown);
        await FixVerifier.CodeFixAsync(source, fixedSource, Postgres,
            FixVerifier.Diagnostic("AG6013").WithLocation(0).WithArguments("AddCustomers", "has a Down method that only throws", " (code fix available: it drops what Up creates)"));
    }

    [Fact]
    public async Task AG6013_throwing_Down_is_reported_without_a_fix_when_Up_is_not_additive()
    {
        var source = Migration("RenameName", """
            migrationBuilder.RenameColumn(
                name: "Name",
                table: "Customers",
                newName: "FullName");
            """, "throw new NotSupportedException();").Replace("void Down(", "void {|#0:Down|}(");
        await Verifier.AnalyzerAsync(source, Postgres,
            Verifier.Diagnostic("AG6013").WithLocation(0).WithArguments("RenameName", "has a Down method that only throws", ""));
        await FixVerifier.CodeFixAsync(source, source, Postgres, FixVerifier.Diagnostic("AG6013").WithLocation(0));
    }

    [Fact]
    public async Task AG6013_clean_twins_scaffolded_Down_sql_only_Up_and_checkDown_false()
    {
        await Verifier.AnalyzerAsync(Migration("AddCustomers", AdditiveUp, GeneratedDown), Postgres);
        await Verifier.AnalyzerAsync(Migration("Backfill", """
            migrationBuilder.Sql("UPDATE \"Customers\" SET \"Tier\" = 0 WHERE \"Tier\" IS NULL;");
            """, ""), Postgres);
        await Verifier.AnalyzerAsync(Migration("AddCustomers", AdditiveUp, ""), """{ "migrations": { "checkDown": false } }""");
    }
}
