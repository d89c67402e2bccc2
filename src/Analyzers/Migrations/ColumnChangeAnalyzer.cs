using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Migrations;

/// <summary>
/// Column changes on existing tables: AG6005 type change or narrowing (with per-provider safe widenings),
/// AG6006 NULL to NOT NULL, AG6007 required column without a default, AG6008 volatile default,
/// AG6014 hand-edited <c>AlterColumn</c> that changes nothing or lacks its <c>old*</c> arguments.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ColumnChangeAnalyzer : MigrationAnalyzer
{
    public static readonly DiagnosticDescriptor MigrationColumnTypeChange = Rules.Create(
        RuleIdentifiers.MigrationColumnTypeChange,
        "Migration changes a column's type",
        "Migration '{0}' changes column '{1}' from '{2}' to '{3}': the database rewrites or scans the table under an exclusive lock, and values that do not fit fail the migration or are cut (ArchGate.Migrations: column type change). Add a new column of the new type, backfill it in batches, switch the application to it, and drop the old column in a later migration.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "Changing a column's type or narrowing it locks and usually rewrites the table and can fail on existing data. Safe widenings are not reported: PostgreSQL varchar(n) to text, varchar or varchar(m >= n), numeric(p,s) to numeric(q >= p,s); SQL Server (n)varchar/varbinary(n) to (m >= n) or (max). Applies to every provider.");

    public static readonly DiagnosticDescriptor MigrationNullToNotNull = Rules.Create(
        RuleIdentifiers.MigrationNullToNotNull,
        "Migration makes an existing column NOT NULL",
        "Migration '{0}' makes column '{1}' NOT NULL: the database scans the whole table under an exclusive lock, and the migration fails if a row still holds NULL (on SQL Server EF Core also runs a full-table UPDATE for the placeholder default) (ArchGate.Migrations: NULL to NOT NULL). Backfill the NULLs in batches first; on PostgreSQL add CHECK (\"{2}\" IS NOT NULL) NOT VALID through migrationBuilder.Sql, VALIDATE it in a later migration, then set NOT NULL.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "Setting NOT NULL on an existing column validates every row while holding an exclusive lock. Applies to every provider.");

    public static readonly DiagnosticDescriptor MigrationRequiredColumn = Rules.Create(
        RuleIdentifiers.MigrationRequiredColumn,
        "Migration adds a required column without a default",
        "Migration '{0}' adds required column '{1}' to existing table '{2}' with no default value, default SQL or computed SQL: the ALTER fails on a table that has rows, and the version still running does not write the column (ArchGate.Migrations: required column). Add the column as nullable (or with a default), backfill it, deploy code that writes it, then make it required in a later migration.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "A NOT NULL column without a default cannot be added to a table that has rows. Applies to every provider.");

    public static readonly DiagnosticDescriptor MigrationVolatileDefault = Rules.Create(
        RuleIdentifiers.MigrationVolatileDefault,
        "Migration adds a column with a volatile default",
        "Migration '{0}' adds column '{1}' to existing table '{2}' with the volatile default '{3}': {4} evaluates it for every existing row and rewrites the whole table under an exclusive lock (ArchGate.Migrations: volatile default). Add the column without a default (or with a constant one), backfill it in batches, then set the default in a later migration.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "A default that is not constant (gen_random_uuid(), random(), clock_timestamp(), NEWID()...) forces the database to write every row; now() and CURRENT_TIMESTAMP are stable and fine. Applies to PostgreSQL, MySQL and SQL Server (NOT NULL columns).");

    public static readonly DiagnosticDescriptor MigrationNoOpAlterColumn = Rules.Create(
        RuleIdentifiers.MigrationNoOpAlterColumn,
        "Hand-edited AlterColumn that changes nothing or lacks its old* arguments",
        "Migration '{0}' alters column '{1}' but {2} (ArchGate.Migrations: hand-edited AlterColumn). EF Core generates the SQL from the difference between the arguments and their old* counterparts: change the model and scaffold the migration with 'dotnet ef migrations add', or remove the call.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "The scaffolder always writes the old* arguments of AlterColumn. A call without them, or whose new and old values are equal, was edited by hand and does not do what it seems to. Applies to every provider.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(MigrationColumnTypeChange, MigrationNullToNotNull, MigrationRequiredColumn, MigrationVolatileDefault, MigrationNoOpAlterColumn);

    internal override void Analyze(MigrationUnit unit, Action<Diagnostic> report)
    {
        var migration = unit.Type.Name;
        foreach (var op in unit.Up)
        {
            if (op.ObjectName is not { } column || !unit.IsOnExistingTable(op))
            {
                continue;
            }

            if (op.Kind == "AlterColumn")
            {
                AnalyzeAlter(unit, op, migration, column, report);
            }
            else if (op.Kind == "AddColumn" && !unit.IsInDropAddPair(op))
            {
                AnalyzeAdd(unit, op, migration, column, report);
            }
        }
    }

    private static void AnalyzeAlter(MigrationUnit unit, MigrationOp op, string migration, string column, Action<Diagnostic> report)
    {
        var oldClr = op.TypeOf("oldClrType");
        if (oldClr is null)
        {
            var properties = unit.Properties(RuleIdentifiers.MigrationNoOpAlterColumn, op);
            properties["reason"] = "missingOld";
            report(DiagnosticProperties.Create(MigrationNoOpAlterColumn, op.Location, properties, migration, Qualified(op, column),
                "gives none of its old* arguments (oldClrType, oldType, oldNullable...), so the provider cannot tell what changes and may rebuild or reset the column"));
            return;
        }

        if (IsNoOp(op, oldClr))
        {
            var properties = unit.Properties(RuleIdentifiers.MigrationNoOpAlterColumn, op);
            properties["reason"] = "noChange";
            report(DiagnosticProperties.Create(MigrationNoOpAlterColumn, op.Location, properties, migration, Qualified(op, column),
                "changes nothing: every argument equals its old* counterpart"));
            return;
        }

        if (TypeChanged(unit.Provider, op, oldClr, out var from, out var to))
        {
            var properties = unit.Properties(RuleIdentifiers.MigrationColumnTypeChange, op);
            properties["oldType"] = from;
            properties["newType"] = to;
            report(DiagnosticProperties.Create(MigrationColumnTypeChange, op.Location, properties, migration, Qualified(op, column), from, to));
        }

        if (op.Bool("oldNullable") == true && op.Constant("nullable") is { HasValue: true, Value: false or null })
        {
            report(DiagnosticProperties.Create(MigrationNullToNotNull, op.Location, unit.Properties(RuleIdentifiers.MigrationNullToNotNull, op), migration, Qualified(op, column), column));
        }
    }

    private static void AnalyzeAdd(MigrationUnit unit, MigrationOp op, string migration, string column, Action<Diagnostic> report)
    {
        var nullable = op.Constant("nullable");
        var required = nullable is { HasValue: true, Value: false or null };

        if (required && !op.HasNonNull("defaultValue") && !op.HasNonNull("defaultValueSql") && !op.HasNonNull("computedColumnSql")
            && op.Bool("rowVersion") != true && !HasValueGeneration(op))
        {
            report(DiagnosticProperties.Create(MigrationRequiredColumn, op.Location, unit.Properties(RuleIdentifiers.MigrationRequiredColumn, op), migration, column, Qualified(op)));
        }

        if (op.String("defaultValueSql") is { } sql)
        {
            var regex = unit.Provider switch
            {
                DbProvider.Postgres => Patterns.PostgresVolatile,
                DbProvider.MySql => Patterns.MySqlVolatile,
                DbProvider.SqlServer when required => Patterns.SqlServerVolatile,
                _ => null,
            };
            if (regex is not null && regex.IsMatch(sql))
            {
                var properties = unit.Properties(RuleIdentifiers.MigrationVolatileDefault, op);
                properties["defaultValueSql"] = sql;
                report(DiagnosticProperties.Create(MigrationVolatileDefault, op.Location, properties, migration, column, Qualified(op), sql, MigrationCompilation.ProviderName(unit.Provider)));
            }
        }
    }

    /// <summary>Identity / serial columns are filled by the database.</summary>
    private static bool HasValueGeneration(MigrationOp op)
    {
        foreach (var annotation in op.Annotations)
        {
            if (!annotation.IsOld && annotation.Name is { } name
                && (name.IndexOf("Identity", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("ValueGeneration", StringComparison.OrdinalIgnoreCase) >= 0
                    || name.IndexOf("Autoincrement", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return true;
            }
        }

        return false;
    }

    // ---- AlterColumn comparisons ---------------------------------------------------------------

    private static bool IsNoOp(MigrationOp op, ITypeSymbol oldClr)
    {
        if (!SymbolEqualityComparer.Default.Equals(op.ClrType, oldClr) || !op.Annotations.IsEmpty)
        {
            return false;
        }

        var method = op.Invocation.TargetMethod;
        foreach (var parameter in method.Parameters)
        {
            var name = parameter.Name;
            if (name is "name" or "table" or "schema" || name.StartsWith("old", StringComparison.Ordinal))
            {
                continue;
            }

            var oldName = "old" + char.ToUpperInvariant(name[0]) + name.Substring(1);
            if (op.Argument(oldName) is null)
            {
                continue;
            }

            var value = op.Constant(name);
            var oldValue = op.Constant(oldName);
            if (!value.HasValue || !oldValue.HasValue || !Equals(value.Value, oldValue.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TypeChanged(DbProvider provider, MigrationOp op, ITypeSymbol oldClr, out string from, out string to)
    {
        var newType = op.String("type");
        var oldType = op.String("oldType");
        from = Describe(oldClr, oldType, op.Int("oldMaxLength"));
        to = Describe(op.ClrType, newType, op.Int("maxLength"));

        if (!SymbolEqualityComparer.Default.Equals(op.ClrType, oldClr))
        {
            return !(newType is not null && oldType is not null && IsSafeWidening(provider, Normalize(oldType), Normalize(newType)));
        }

        if (newType is not null && oldType is not null)
        {
            var a = Normalize(oldType);
            var b = Normalize(newType);
            return a != b && !IsSafeWidening(provider, a, b);
        }

        var oldLength = op.Int("oldMaxLength");
        var newLength = op.Int("maxLength");
        if (oldLength != newLength)
        {
            var narrowing = newLength is { } n && (oldLength is null || n < oldLength);
            if (narrowing || provider is not (DbProvider.Postgres or DbProvider.SqlServer))
            {
                return true;
            }
        }

        return op.Int("precision") != op.Int("oldPrecision") || op.Int("scale") != op.Int("oldScale");
    }

    private static string Describe(ITypeSymbol? clr, string? storeType, int? maxLength)
    {
        if (storeType is not null)
        {
            return storeType;
        }

        var name = clr?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "?";
        return maxLength is { } length ? name + "(" + length.ToString(CultureInfo.InvariantCulture) + ")" : name;
    }

    private static string Normalize(string storeType)
        => Regex.Replace(storeType.Trim().ToLowerInvariant(), @"\s+", " ").Replace(" (", "(").Replace("( ", "(").Replace(" )", ")").Replace(", ", ",");

    /// <summary>Type changes the provider applies without rewriting the table or risking data.</summary>
    internal static bool IsSafeWidening(DbProvider provider, string from, string to)
    {
        switch (provider)
        {
            case DbProvider.Postgres:
            {
                var oldVarchar = Patterns.PostgresVarchar.Match(from);
                if (oldVarchar.Success)
                {
                    if (to == "text")
                    {
                        return true;
                    }

                    var newVarchar = Patterns.PostgresVarchar.Match(to);
                    if (newVarchar.Success)
                    {
                        return !newVarchar.Groups[1].Success
                            || (oldVarchar.Groups[1].Success && Number(newVarchar.Groups[1].Value) >= Number(oldVarchar.Groups[1].Value));
                    }

                    return false;
                }

                var oldNumeric = Patterns.PostgresNumeric.Match(from);
                var newNumeric = Patterns.PostgresNumeric.Match(to);
                if (oldNumeric.Success && newNumeric.Success)
                {
                    if (!newNumeric.Groups[1].Success)
                    {
                        return true;
                    }

                    return oldNumeric.Groups[1].Success
                        && Number(newNumeric.Groups[1].Value) >= Number(oldNumeric.Groups[1].Value)
                        && newNumeric.Groups[2].Value == oldNumeric.Groups[2].Value;
                }

                return false;
            }

            case DbProvider.SqlServer:
            {
                var a = Patterns.SqlServerVariable.Match(from);
                var b = Patterns.SqlServerVariable.Match(to);
                if (!a.Success || !b.Success || a.Groups[1].Value != b.Groups[1].Value)
                {
                    return false;
                }

                if (b.Groups[2].Value == "max")
                {
                    return true;
                }

                return a.Groups[2].Value != "max" && Number(b.Groups[2].Value) >= Number(a.Groups[2].Value);
            }

            default:
                return false;
        }
    }

    private static long Number(string digits) => long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;

    /// <summary>
    /// The store-type and default-value patterns, built on first use: most compilations have no column
    /// change for them to read, and building six regular expressions in every build's first second
    /// showed in the cold profile.
    /// </summary>
    private static class Patterns
    {
        public static readonly Regex PostgresVolatile = new(@"\b(gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|random|clock_timestamp|timeofday|nextval)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        public static readonly Regex MySqlVolatile = new(@"\b(uuid|uuid_short|rand|sysdate)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        public static readonly Regex SqlServerVolatile = new(@"\b(newid|newsequentialid|rand|crypt_gen_random)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        public static readonly Regex PostgresVarchar = new(@"^(?:character varying|varchar)(?:\((\d+)\))?$", RegexOptions.CultureInvariant);
        public static readonly Regex PostgresNumeric = new(@"^(?:numeric|decimal)(?:\((\d+)(?:,(\d+))?\))?$", RegexOptions.CultureInvariant);
        public static readonly Regex SqlServerVariable = new(@"^(nvarchar|varchar|varbinary)\((\d+|max)\)$", RegexOptions.CultureInvariant);
    }
}
