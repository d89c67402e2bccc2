using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Migrations;

/// <summary>
/// Locking index and constraint builds on existing tables: AG6009 CreateIndex without the provider's
/// concurrent/online option, AG6010 a concurrent index sharing its migration with other operations,
/// AG6011 foreign key / check / unique / primary key added without the provider's non-blocking form.
/// Provider-specific: silent when the provider is unknown.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IndexAndConstraintAnalyzer : MigrationAnalyzer
{
    internal const string PostgresConcurrently = "Npgsql:CreatedConcurrently";
    internal const string SqlServerOnline = "SqlServer:Online";
    internal const string AnnotationProperty = "annotation";

    public static readonly DiagnosticDescriptor MigrationBlockingIndex = Rules.Create(
        RuleIdentifiers.MigrationBlockingIndex,
        "Index on an existing table built without CONCURRENTLY / ONLINE",
        "Migration '{0}' creates index '{1}' on existing table '{2}' without {3}: {4} (ArchGate.Migrations: blocking index build). Add .Annotation(\"{5}\", true) to the CreateIndex call (code fix available){6}.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "Building an index on a table that has rows blocks writes for the whole build. PostgreSQL: Warning, fixed by Npgsql:CreatedConcurrently. SQL Server: Info, fixed by SqlServer:Online (Enterprise edition and Azure SQL).");

    public static readonly DiagnosticDescriptor MigrationConcurrentIndexNotAlone = Rules.Create(
        RuleIdentifiers.MigrationConcurrentIndexNotAlone,
        "Concurrent index in a migration with other operations",
        "Migration '{0}' creates index '{1}' concurrently together with {2} other operation(s): Npgsql runs a concurrent index build outside the migration's transaction, so a failure leaves the migration half applied and not recorded (ArchGate.Migrations: concurrent index not alone). Move the index into a migration of its own.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "CREATE INDEX CONCURRENTLY cannot run in a transaction; a migration that mixes it with other operations cannot be applied atomically. Applies to PostgreSQL.");

    public static readonly DiagnosticDescriptor MigrationBlockingConstraint = Rules.Create(
        RuleIdentifiers.MigrationBlockingConstraint,
        "Constraint added to an existing table in its blocking form",
        "Migration '{0}' adds {1} '{2}' to existing table '{3}': {4} (ArchGate.Migrations: blocking constraint). {5}.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "Adding a foreign key, check, unique constraint or primary key to a table that has rows validates or indexes every row while blocking writes. PostgreSQL: Warning (use NOT VALID then VALIDATE, or USING INDEX). SQL Server: Info (WITH NOCHECK then CHECK).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(MigrationBlockingIndex, MigrationConcurrentIndexNotAlone, MigrationBlockingConstraint);

    internal override void Analyze(MigrationUnit unit, Action<Diagnostic> report)
    {
        var provider = unit.Provider;
        if (provider is not (DbProvider.Postgres or DbProvider.SqlServer))
        {
            return;
        }

        var migration = unit.Type.Name;
        foreach (var op in unit.Up)
        {
            switch (op.Kind)
            {
                case "CreateIndex":
                    AnalyzeIndex(unit, op, migration, report);
                    break;
                case "AddForeignKey" or "AddCheckConstraint" or "CreateCheckConstraint" or "AddUniqueConstraint" or "AddPrimaryKey"
                    when unit.IsOnExistingTable(op):
                    AnalyzeConstraint(unit, op, migration, report);
                    break;
            }
        }
    }

    private static void AnalyzeIndex(MigrationUnit unit, MigrationOp op, string migration, Action<Diagnostic> report)
    {
        var name = op.ObjectName ?? "?";
        if (unit.Provider == DbProvider.Postgres && op.HasAnnotation(PostgresConcurrently, true))
        {
            var others = unit.Up.Length - 1;
            if (others > 0)
            {
                report(DiagnosticProperties.Create(MigrationConcurrentIndexNotAlone, op.Location, unit.Properties(RuleIdentifiers.MigrationConcurrentIndexNotAlone, op),
                    migration, name, others.ToString(CultureInfo.InvariantCulture)));
            }

            return;
        }

        if (!unit.IsOnExistingTable(op))
        {
            return;
        }

        if (unit.Provider == DbProvider.Postgres)
        {
            var properties = unit.Properties(RuleIdentifiers.MigrationBlockingIndex, op);
            properties[AnnotationProperty] = PostgresConcurrently;
            report(DiagnosticProperties.Create(MigrationBlockingIndex, op.Location, properties, migration, name, Qualified(op), "CONCURRENTLY",
                "PostgreSQL blocks every write to the table until the index is built", PostgresConcurrently,
                ", keep that index in a migration of its own (AG6010), and configure IsCreatedConcurrently() on the index in the model so the next scaffold keeps it"));
        }
        else if (!op.HasAnnotation(SqlServerOnline, true))
        {
            var properties = unit.Properties(RuleIdentifiers.MigrationBlockingIndex, op);
            properties[AnnotationProperty] = SqlServerOnline;
            report(DiagnosticProperties.Create(MigrationBlockingIndex, op.Location, DiagnosticSeverity.Info, properties, migration, name, Qualified(op), "ONLINE = ON",
                "SQL Server blocks writes to the table while the index is built (online builds need Enterprise edition or Azure SQL)", SqlServerOnline,
                ", and configure IsCreatedOnline() on the index in the model so the next scaffold keeps it"));
        }
    }

    private static void AnalyzeConstraint(MigrationUnit unit, MigrationOp op, string migration, Action<Diagnostic> report)
    {
        var keyLike = op.Kind is "AddUniqueConstraint" or "AddPrimaryKey";
        var what = op.Kind switch
        {
            "AddForeignKey" => "foreign key",
            "AddUniqueConstraint" => "unique constraint",
            "AddPrimaryKey" => "primary key",
            _ => "check constraint",
        };

        string effect, instead;
        var severity = DiagnosticSeverity.Warning;
        if (unit.Provider == DbProvider.Postgres)
        {
            if (keyLike)
            {
                effect = "PostgreSQL builds the unique index behind it while blocking writes to the table";
                instead = "Create a unique index concurrently first (in a migration of its own), then attach it with migrationBuilder.Sql(\"ALTER TABLE ... ADD CONSTRAINT ... " + (op.Kind == "AddPrimaryKey" ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX ...\").";
            }
            else
            {
                effect = "PostgreSQL validates every row while blocking writes" + (op.Kind == "AddForeignKey" ? " to both tables" : " to the table");
                instead = "Add it with migrationBuilder.Sql(\"ALTER TABLE ... ADD CONSTRAINT ... NOT VALID\"), then run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration.";
            }
        }
        else
        {
            severity = DiagnosticSeverity.Info;
            if (keyLike)
            {
                effect = "SQL Server builds the index behind it offline, blocking writes to the table";
                instead = "Create a unique index with .Annotation(\"SqlServer:Online\", true) instead where the edition supports it, or acknowledge the rule for a small table.";
            }
            else
            {
                effect = "SQL Server checks every row while holding a lock on the table";
                instead = "Add it WITH NOCHECK through migrationBuilder.Sql, then validate it with ALTER TABLE ... WITH CHECK CHECK CONSTRAINT in a later migration.";
            }
        }

        var properties = unit.Properties(RuleIdentifiers.MigrationBlockingConstraint, op);
        properties["constraint"] = op.ObjectName;
        report(DiagnosticProperties.Create(MigrationBlockingConstraint, op.Location, severity, properties, migration, what, op.ObjectName ?? "?", Qualified(op), effect, instead.TrimEnd('.')));
    }
}
