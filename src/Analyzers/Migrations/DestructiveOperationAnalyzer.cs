using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Migrations;

/// <summary>
/// AG6001 drop column, AG6002 drop table, AG6003 rename of a column or table (schema moves included),
/// AG6004 drop and add of a same-shaped column on one table (a rename EF Core did not recognise).
/// Operations on tables created earlier in the same <c>Up</c> are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DestructiveOperationAnalyzer : MigrationAnalyzer
{
    public static readonly DiagnosticDescriptor MigrationDropColumn = Rules.Create(
        RuleIdentifiers.MigrationDropColumn,
        "Migration drops a column",
        "Migration '{0}' drops column '{1}': its data is lost, and the version still running during the deploy reads it (ArchGate.Migrations: destructive operations). Stop mapping the property first, deploy, then drop the column in a later migration; once reviewed, acknowledge with [SuppressMessage(\"ArchGate.Migrations\", \"AG6001\", Justification = \"...\")].",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "Dropping a column loses its data and breaks the running version of the application, which still selects it. Remove the property from the model, deploy, and drop the column in a later migration. Applies to every provider.");

    public static readonly DiagnosticDescriptor MigrationDropTable = Rules.Create(
        RuleIdentifiers.MigrationDropTable,
        "Migration drops a table",
        "Migration '{0}' drops table '{1}': its data is lost, and the version still running during the deploy queries it (ArchGate.Migrations: destructive operations). Remove the entity from the model first, deploy, back up the data, then drop the table in a later migration; once reviewed, acknowledge with [SuppressMessage(\"ArchGate.Migrations\", \"AG6002\", Justification = \"...\")].",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "Dropping a table loses its data and breaks the running version of the application. Stop using the entity, deploy, then drop the table in a later migration. Applies to every provider.");

    public static readonly DiagnosticDescriptor MigrationRename = Rules.Create(
        RuleIdentifiers.MigrationRename,
        "Migration renames a column or table",
        "Migration '{0}' renames {1} '{2}' to '{3}': the version still running during a rolling deploy uses the old name and fails (ArchGate.Migrations: renames). Keep the old database name and map the new property to it (HasColumnName / ToTable), or expand and contract: add the new {1}, copy and write both, switch readers, drop the old one in a later migration.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "A rename is instantaneous in the database but breaks every running instance of the previous version. Keep the old name through the model mapping, or rename in several deploys. Applies to every provider.");

    public static readonly DiagnosticDescriptor MigrationDropAddColumn = Rules.Create(
        RuleIdentifiers.MigrationDropAddColumn,
        "Migration drops a column and adds a same-typed one (a lost rename)",
        "Migration '{0}' drops column '{1}' and adds column '{2}' of the same type to table '{3}': this is usually a rename EF Core did not recognise, and the data of '{1}' is lost (ArchGate.Migrations: drop+add). Turn the pair into migrationBuilder.RenameColumn (code fix available), then see AG6003 for renaming safely; if the column really is new, acknowledge with [SuppressMessage(\"ArchGate.Migrations\", \"AG6004\", Justification = \"...\")].",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "When a property is renamed, EF Core may scaffold a DropColumn and an AddColumn instead of a RenameColumn: the data of the old column is lost. Applies to every provider.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(MigrationDropColumn, MigrationDropTable, MigrationRename, MigrationDropAddColumn);

    internal override void Analyze(MigrationUnit unit, Action<Diagnostic> report)
    {
        var migration = unit.Type.Name;
        foreach (var op in unit.Up)
        {
            switch (op.Kind)
            {
                case "DropColumn" when op.ObjectName is { } column && unit.IsOnExistingTable(op):
                    if (unit.DropAddPairs.TryGetValue(op, out var add) && add.ObjectName is { } newName)
                    {
                        var properties = unit.Properties(RuleIdentifiers.MigrationDropAddColumn, op);
                        properties["newColumn"] = newName;
                        report(DiagnosticProperties.Create(MigrationDropAddColumn, op.Location, properties, new[] { add.Location },
                            migration, column, newName, Qualified(op)));
                    }
                    else
                    {
                        report(DiagnosticProperties.Create(MigrationDropColumn, op.Location, unit.Properties(RuleIdentifiers.MigrationDropColumn, op), migration, Qualified(op, column)));
                    }

                    break;

                case "DropTable" when op.Table is not null && unit.IsOnExistingTable(op):
                    report(DiagnosticProperties.Create(MigrationDropTable, op.Location, unit.Properties(RuleIdentifiers.MigrationDropTable, op), migration, Qualified(op)));
                    break;

                case "RenameColumn" when op.ObjectName is { } column && op.String("newName") is { } newColumn && unit.IsOnExistingTable(op):
                {
                    var properties = unit.Properties(RuleIdentifiers.MigrationRename, op);
                    properties["newName"] = newColumn;
                    report(DiagnosticProperties.Create(MigrationRename, op.Location, properties, migration, "column", Qualified(op, column), newColumn));
                    break;
                }

                case "RenameTable" when op.Table is { } table && unit.IsOnExistingTable(op):
                {
                    var newTable = op.String("newName") ?? table;
                    var newSchema = op.IsGiven("newSchema") ? op.String("newSchema") : op.Schema;
                    if (newTable == table && newSchema == op.Schema)
                    {
                        break;
                    }

                    var properties = unit.Properties(RuleIdentifiers.MigrationRename, op);
                    properties["newName"] = newTable;
                    if (newSchema is not null)
                    {
                        properties["newSchema"] = newSchema;
                    }

                    report(DiagnosticProperties.Create(MigrationRename, op.Location, properties, migration, "table", Qualified(op), newSchema is null ? newTable : newSchema + "." + newTable));
                    break;
                }
            }
        }
    }
}
