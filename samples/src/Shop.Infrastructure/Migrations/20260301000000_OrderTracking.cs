using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Infrastructure.Persistence;

#nullable disable

namespace Shop.Infrastructure.Migrations
{
    // A migration as an agent might hand-edit it: each call below breaks a migration-safety rule
    // (ArchGate.Migrations; the provider, PostgreSQL, is detected from the Npgsql package reference).
    /// <inheritdoc />
    [DbContext(typeof(ShopDbContext))]
    [Migration("20260301000000_OrderTracking")]
    public partial class OrderTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // AG6001: data loss, and the running version still selects the column.
            migrationBuilder.DropColumn(
                name: "LegacyCode",
                table: "Products");

            // AG6003: the running version still uses the old name during the deploy.
            migrationBuilder.RenameColumn(
                name: "Note",
                table: "Orders",
                newName: "CustomerNote");

            // AG6007: NOT NULL without a default fails on a table with rows.
            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "Orders",
                type: "integer",
                nullable: false);

            // AG6009: blocks writes to Orders while the index is built (no CONCURRENTLY).
            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status",
                table: "Orders",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_Status",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "Orders");

            migrationBuilder.RenameColumn(
                name: "CustomerNote",
                table: "Orders",
                newName: "Note");

            migrationBuilder.AddColumn<string>(
                name: "LegacyCode",
                table: "Products",
                type: "text",
                nullable: true);
        }
    }
}
