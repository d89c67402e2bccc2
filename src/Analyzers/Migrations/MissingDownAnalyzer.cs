using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Migrations;

/// <summary>
/// AG6013: <c>Down</c> missing, empty or only throwing although <c>Up</c> has schema operations that can be
/// reversed. Switched off by <c>migrations.checkDown: false</c>. When <c>Up</c> only creates tables, adds
/// columns and creates indexes, the diagnostic carries their inverses for the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingDownAnalyzer : MigrationAnalyzer
{
    internal const string StateProperty = "down";
    internal const string InverseProperty = "inverse";

    public static readonly DiagnosticDescriptor MigrationMissingDown = Rules.Create(
        RuleIdentifiers.MigrationMissingDown,
        "Migration without a working Down",
        "Migration '{0}' {1} although its Up can be reversed: rolling back a failed deploy needs Down (ArchGate.Migrations: reversible migrations; archgate.json: migrations.checkDown). Write a Down that undoes Up in reverse order{2}.",
        RuleCategories.Migrations,
        DiagnosticSeverity.Warning,
        "The scaffolder always writes Down; a missing, empty or throwing Down was removed by hand and makes 'dotnet ef database update <previous>' fail or do nothing. Applies to every provider; turned off with migrations.checkDown = false.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(MigrationMissingDown);

    internal override void Analyze(MigrationUnit unit, Action<Diagnostic> report)
    {
        if (!unit.Compilation.Config.CheckDown || unit.UpSyntax is null || !IsReversible(unit.Up))
        {
            return;
        }

        string state;
        string description;
        Location location;
        if (unit.DownSyntax is { } down)
        {
            if (IsEmpty(down))
            {
                state = "empty";
                description = "has an empty Down method";
            }
            else if (OnlyThrows(down))
            {
                state = "throws";
                description = "has a Down method that only throws";
            }
            else
            {
                return;
            }

            location = down.Identifier.GetLocation();
        }
        else
        {
            if (HasDownElsewhere(unit.Type))
            {
                return;
            }

            state = "missing";
            description = "has no Down method";
            location = unit.UpSyntax.Identifier.GetLocation();
        }

        var properties = unit.Properties(RuleIdentifiers.MigrationMissingDown, null);
        properties[StateProperty] = state;
        properties["configPath"] = "migrations.checkDown";
        var inverse = Inverse(unit);
        if (inverse is not null)
        {
            properties[InverseProperty] = inverse;
        }

        report(DiagnosticProperties.Create(MigrationMissingDown, location, properties, unit.Type.Name, description,
            inverse is null ? string.Empty : " (code fix available: it drops what Up creates)"));
    }

    /// <summary>Up has at least one schema operation (raw SQL and data changes have no derivable inverse).</summary>
    private static bool IsReversible(ImmutableArray<MigrationOp> up)
    {
        foreach (var op in up)
        {
            if (op.Kind is not ("Sql" or "InsertData" or "UpdateData" or "DeleteData"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEmpty(MethodDeclarationSyntax method)
        => method.ExpressionBody is null && method.Body is { Statements.Count: 0 };

    private static bool OnlyThrows(MethodDeclarationSyntax method)
        => method.ExpressionBody?.Expression is ThrowExpressionSyntax
            || method.Body is { Statements: { Count: 1 } statements } && statements[0] is ThrowStatementSyntax;

    /// <summary>A Down override declared where it was not read (a Designer file, or an unusual signature): not missing.</summary>
    private static bool HasDownElsewhere(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers("Down"))
        {
            if (member is IMethodSymbol { IsOverride: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The inverses of Up when it only creates tables, adds columns and creates indexes, newest first, one per
    /// line as <c>Kind|schema|table|name</c>; null when some operation has no generated inverse.
    /// </summary>
    private static string? Inverse(MigrationUnit unit)
    {
        var lines = new List<string>();
        foreach (var op in unit.Up)
        {
            var schema = op.IsGiven("schema") ? op.Schema : null;
            if (op.IsGiven("schema") && schema is null)
            {
                return null; // non-constant schema
            }

            switch (op.Kind)
            {
                case "CreateTable" when op.ObjectName is { } table:
                    lines.Add("DropTable|" + schema + "||" + table);
                    break;
                case "AddColumn" when op.ObjectName is { } column && op.Table is { } table:
                    if (!unit.IsCreatedInUp(op))
                    {
                        lines.Add("DropColumn|" + schema + "|" + table + "|" + column);
                    }

                    break;
                case "CreateIndex" when op.ObjectName is { } index && op.Table is { } table:
                    if (!unit.IsCreatedInUp(op))
                    {
                        lines.Add("DropIndex|" + schema + "|" + table + "|" + index);
                    }

                    break;
                default:
                    return null;
            }
        }

        lines.Reverse();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }
}
