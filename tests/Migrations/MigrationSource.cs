namespace ArchGate.Tests.Migrations;

/// <summary>Migrations written the way <c>dotnet ef migrations add</c> scaffolds them.</summary>
internal static class MigrationSource
{
    public const string Postgres = """{ "migrations": { "provider": "postgres" } }""";
    public const string SqlServer = """{ "migrations": { "provider": "sqlserver" } }""";
    public const string Sqlite = """{ "migrations": { "provider": "sqlite" } }""";

    /// <summary>A scaffolded migration class with the given bodies of Up and Down (indented by the helper).</summary>
    public static string Migration(string name, string up, string down)
        => "using System;\n"
            + "using Microsoft.EntityFrameworkCore.Migrations;\n\n"
            + "#nullable disable\n\n"
            + "namespace Shop.Infrastructure.Migrations\n"
            + "{\n"
            + "    /// <inheritdoc />\n"
            + "    public partial class " + name + " : Migration\n"
            + "    {\n"
            + "        /// <inheritdoc />\n"
            + "        protected override void Up(MigrationBuilder migrationBuilder)\n"
            + "        {\n"
            + Indent(up)
            + "        }\n\n"
            + "        /// <inheritdoc />\n"
            + "        protected override void Down(MigrationBuilder migrationBuilder)\n"
            + "        {\n"
            + Indent(down)
            + "        }\n"
            + "    }\n"
            + "}\n";

    /// <summary>The Designer partial that carries the migration id.</summary>
    public static string Designer(string name, string id)
        => "using Microsoft.EntityFrameworkCore;\n"
            + "using Microsoft.EntityFrameworkCore.Infrastructure;\n"
            + "using Microsoft.EntityFrameworkCore.Migrations;\n\n"
            + "#nullable disable\n\n"
            + "namespace Shop.Infrastructure.Migrations\n"
            + "{\n"
            + "    [DbContext(typeof(ShopDbContext))]\n"
            + "    [Migration(\"" + id + "\")]\n"
            + "    partial class " + name + "\n"
            + "    {\n"
            + "        /// <inheritdoc />\n"
            + "        protected override void BuildTargetModel(ModelBuilder modelBuilder)\n"
            + "        {\n"
            + "            modelBuilder.HasAnnotation(\"ProductVersion\", \"10.0.0\");\n"
            + "        }\n"
            + "    }\n\n"
            + "    public class ShopDbContext : DbContext\n"
            + "    {\n"
            + "    }\n"
            + "}\n";

    private static string Indent(string body)
    {
        var lines = body.Replace("\r\n", "\n").Trim('\n').Split('\n');
        return string.Concat(lines.Select(l => l.Length == 0 ? "\n" : "            " + l + "\n"));
    }

    /// <summary>Up: create a table "Customers" (the "same migration" twin of many rules).</summary>
    public const string CreateCustomers = """
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
        """;

    public const string DropCustomers = """
        migrationBuilder.DropTable(
            name: "Customers");
        """;
}
