using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Migrations;

/// <summary>
/// AG6012: <c>migrationBuilder.Sql(...)</c> with non-constant SQL (Info: review it), or constant SQL with
/// UPDATE/DELETE without WHERE, TRUNCATE, DROP TABLE/COLUMN/SCHEMA/DATABASE, a CREATE INDEX without
/// CONCURRENTLY/ONLINE on an existing table, or CONCURRENTLY inside the migration's transaction.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MigrationSqlAnalyzer : MigrationAnalyzer
{
    internal const string FindingsProperty = "findings";
    internal const string ConcurrentlyFinding = "concurrentlyInTransaction";

    public static readonly DiagnosticDescriptor MigrationRawSql = Rules.Create(
        RuleIdentifiers.MigrationRawSql,
        "Dangerous or unchecked SQL in a migration",
        "Migration '{0}' runs SQL that {1} (ArchGate.Migrations: raw SQL in migrations). {2}.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "SQL in a migration bypasses EF Core's operations: ArchGate reads constant SQL for statements that lose data, lock tables or cannot run in a transaction, and asks for a review of SQL it cannot read (Info). Applies to every provider; the CREATE INDEX and CONCURRENTLY checks concern PostgreSQL and SQL Server.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(MigrationRawSql);

    internal override void Analyze(MigrationUnit unit, Action<Diagnostic> report)
    {
        var migration = unit.Type.Name;
        foreach (var op in unit.Up)
        {
            if (op.Kind != "Sql" || op.Argument("sql") is not { } argument)
            {
                continue;
            }

            var sql = op.String("sql");
            if (sql is null)
            {
                if (argument.Value.ConstantValue.HasValue)
                {
                    continue; // null literal: nothing runs
                }

                var review = unit.Properties(RuleIdentifiers.MigrationRawSql, op);
                review[FindingsProperty] = "nonConstant";
                report(DiagnosticProperties.Create(MigrationRawSql, op.Location, DiagnosticSeverity.Info, review, migration,
                    "is not a compile-time constant, so ArchGate cannot check it",
                    "Review it for UPDATE/DELETE without WHERE, TRUNCATE, DROP and locking index builds, or write it as a constant string"));
                continue;
            }

            var findings = new List<string>();
            var what = new List<string>();
            var instead = new List<string>();
            var suppressTransaction = op.Bool("suppressTransaction") == true;
            foreach (var statement in SqlLexer.Statements(sql))
            {
                Check(unit, op, statement, suppressTransaction, findings, what, instead);
            }

            if (findings.Count == 0)
            {
                continue;
            }

            var properties = unit.Properties(RuleIdentifiers.MigrationRawSql, op);
            properties[FindingsProperty] = string.Join(",", findings);
            report(DiagnosticProperties.Create(MigrationRawSql, op.Location, properties, migration, string.Join("; ", what), string.Join(" ", instead).TrimEnd('.')));
        }
    }

    private static void Check(MigrationUnit unit, MigrationOp op, List<string> tokens, bool suppressTransaction, List<string> findings, List<string> what, List<string> instead)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        void Add(string finding, string description, string alternative)
        {
            if (!findings.Contains(finding))
            {
                findings.Add(finding);
                what.Add(description);
                instead.Add(alternative);
            }
        }

        var first = tokens[0];
        if ((first == "UPDATE" || first == "DELETE") && !tokens.Contains("WHERE"))
        {
            Add(first == "UPDATE" ? "updateWithoutWhere" : "deleteWithoutWhere",
                first + " without WHERE changes every row of the table in one long transaction",
                "Restrict it with WHERE, and backfill large tables in batches outside the schema migration.");
        }

        if (first == "TRUNCATE")
        {
            Add("truncate", "TRUNCATE deletes every row", "Delete only the rows you mean to, or acknowledge the rule with a justification.");
        }

        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] == "DROP" && tokens[i + 1] is "TABLE" or "COLUMN" or "SCHEMA" or "DATABASE")
            {
                Add("drop", "DROP " + tokens[i + 1] + " loses data the running version may still use",
                    "Stop using the object first, deploy, and drop it in a later migration.");
            }
        }

        var concurrently = tokens.Contains("CONCURRENTLY");
        if (concurrently && !suppressTransaction && unit.Provider is DbProvider.Postgres or DbProvider.Unknown)
        {
            Add(ConcurrentlyFinding, "uses CONCURRENTLY inside the migration's transaction, which PostgreSQL rejects",
                "Pass suppressTransaction: true to migrationBuilder.Sql (code fix available) and keep the statement in a migration of its own.");
        }

        if (first == "CREATE" && unit.Provider is DbProvider.Postgres or DbProvider.SqlServer or DbProvider.Unknown)
        {
            var index = tokens.IndexOf("INDEX");
            var isIndex = index > 0 && index <= 3 && tokens.GetRange(1, index - 1).TrueForAll(t => t is "UNIQUE" or "CLUSTERED" or "NONCLUSTERED");
            if (isIndex && !concurrently && !tokens.Contains("ONLINE") && !OnCreatedTable(unit, op, tokens))
            {
                Add("blockingCreateIndex", "builds an index without CONCURRENTLY / ONLINE, blocking writes to the table",
                    "Use CREATE INDEX CONCURRENTLY with suppressTransaction: true on PostgreSQL, or WITH (ONLINE = ON) on SQL Server.");
            }
        }
    }

    /// <summary>True when the index's table (after ON) was created earlier in the same Up.</summary>
    private static bool OnCreatedTable(MigrationUnit unit, MigrationOp sqlOp, List<string> tokens)
    {
        var on = tokens.IndexOf("ON");
        if (on < 0 || on + 1 >= tokens.Count)
        {
            return false;
        }

        var table = tokens[on + 1];
        if (table == "ONLY" && on + 2 < tokens.Count)
        {
            table = tokens[on + 2];
        }

        var dot = table.LastIndexOf('.');
        table = (dot >= 0 ? table.Substring(dot + 1) : table).TrimStart('\u0001');
        foreach (var op in unit.Up)
        {
            if (ReferenceEquals(op, sqlOp))
            {
                break;
            }

            if (op.Kind == "CreateTable" && op.Table is { } created && string.Equals(created, table, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
