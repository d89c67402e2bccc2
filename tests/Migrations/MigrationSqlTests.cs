using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.Migrations.MigrationSource;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.MigrationSqlAnalyzer>;
using FixVerifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.MigrationSqlAnalyzer, ArchGate.CodeFixes.Migrations.SuppressTransactionCodeFix>;

namespace ArchGate.Tests.Migrations;

public class MigrationSqlTests
{
    [Fact]
    public async Task AG6012_update_without_where_is_reported()
    {
        var source = Migration("Backfill", """
            migrationBuilder.{|#0:Sql|}("UPDATE \"Customers\" SET \"Tier\" = 0;");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6012").WithLocation(0).WithArguments(
            "Backfill", "UPDATE without WHERE changes every row of the table in one long transaction",
            "Restrict it with WHERE, and backfill large tables in batches outside the schema migration"));
    }

    [Fact]
    public async Task AG6012_delete_truncate_and_drop_are_reported()
    {
        var source = Migration("Cleanup", """
            migrationBuilder.{|#0:Sql|}("DELETE FROM audit_log");
            migrationBuilder.{|#1:Sql|}("TRUNCATE TABLE sessions CASCADE;");
            migrationBuilder.{|#2:Sql|}(@"ALTER TABLE customers DROP COLUMN legacy_code;");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres,
            Verifier.Diagnostic("AG6012").WithLocation(0),
            Verifier.Diagnostic("AG6012").WithLocation(1),
            Verifier.Diagnostic("AG6012").WithLocation(2));
    }

    [Fact]
    public async Task AG6012_non_concurrent_create_index_on_existing_table_is_reported()
    {
        var source = Migration("AddIndex", """
            migrationBuilder.{|#0:Sql|}("CREATE INDEX ix_orders_placed_at ON orders (placed_at);");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6012").WithLocation(0).WithArguments(
            "AddIndex", "builds an index without CONCURRENTLY / ONLINE, blocking writes to the table",
            "Use CREATE INDEX CONCURRENTLY with suppressTransaction: true on PostgreSQL, or WITH (ONLINE = ON) on SQL Server"));
    }

    [Fact]
    public async Task AG6012_non_constant_sql_is_an_info_to_review()
    {
        var source = Migration("RunScript", """
            var table = "Customers";
            migrationBuilder.{|#0:Sql|}($"UPDATE \"{table}\" SET \"Tier\" = 0 WHERE \"Tier\" IS NULL");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres, Verifier.Diagnostic("AG6012").WithLocation(0).WithSeverity(DiagnosticSeverity.Info));
    }

    [Fact]
    public async Task AG6012_clean_twins()
    {
        var source = Migration("SafeSql", """
            migrationBuilder.Sql("UPDATE \"Customers\" SET \"Tier\" = 0 WHERE \"Tier\" IS NULL;");
            migrationBuilder.Sql("-- DROP TABLE customers; is only a comment\nSELECT 1;");
            migrationBuilder.Sql("INSERT INTO notes (text) VALUES ('DELETE FROM everything; TRUNCATE it all')");
            migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_orders_placed_at ON orders (placed_at);", suppressTransaction: true);
            migrationBuilder.Sql("ALTER TABLE \"Orders\" ADD CONSTRAINT \"FK_Orders_Customers\" FOREIGN KEY (\"CustomerId\") REFERENCES \"Customers\" (\"Id\") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;");
            migrationBuilder.Sql("CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN DELETE FROM x; RETURN NEW; END $body$ LANGUAGE plpgsql;");
            """, "");
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task AG6012_sqlserver_online_index_is_clean_and_offline_index_is_reported()
    {
        var source = Migration("AddIndexes", """
            migrationBuilder.Sql("CREATE NONCLUSTERED INDEX [IX_Orders_PlacedAt] ON [dbo].[Orders] ([PlacedAt]) WITH (ONLINE = ON);");
            migrationBuilder.{|#0:Sql|}("CREATE UNIQUE INDEX [IX_Orders_Number] ON [dbo].[Orders] ([Number]);");
            """, "");
        await Verifier.AnalyzerAsync(source, SqlServer, Verifier.Diagnostic("AG6012").WithLocation(0));
        await Verifier.AnalyzerAsync(source.Replace("{|#0:Sql|}", "Sql"), Sqlite);
    }

    [Fact]
    public async Task AG6012_clean_twin_index_on_table_created_in_the_same_migration()
    {
        var source = Migration("CreateCustomers", CreateCustomers + """

            migrationBuilder.Sql("CREATE INDEX ix_customers_name ON \"Customers\" (lower(\"Name\"));");
            """, DropCustomers);
        await Verifier.AnalyzerAsync(source, Postgres);
    }

    [Fact]
    public async Task AG6012_concurrently_inside_the_transaction_is_fixed_with_suppressTransaction()
    {
        var source = Migration("AddIndex", """
            migrationBuilder.{|#0:Sql|}("CREATE INDEX CONCURRENTLY ix_orders_placed_at ON orders (placed_at);");

            migrationBuilder.{|#1:Sql|}(
                "DROP INDEX CONCURRENTLY ix_orders_old;",
                suppressTransaction: false);
            """, "");
        var fixedSource = Migration("AddIndex", """
            migrationBuilder.Sql("CREATE INDEX CONCURRENTLY ix_orders_placed_at ON orders (placed_at);", suppressTransaction: true);

            migrationBuilder.Sql(
                "DROP INDEX CONCURRENTLY ix_orders_old;",
                suppressTransaction: true);
            """, "");
        await FixVerifier.CodeFixAsync(source, fixedSource, Postgres,
            FixVerifier.Diagnostic("AG6012").WithLocation(0).WithArguments("AddIndex",
                "uses CONCURRENTLY inside the migration's transaction, which PostgreSQL rejects",
                "Pass suppressTransaction: true to migrationBuilder.Sql (code fix available) and keep the statement in a migration of its own"),
            FixVerifier.Diagnostic("AG6012").WithLocation(1));
    }
}
