using System.Collections.Immutable;
using ArchGate.Analyzers.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using static ArchGate.Tests.Migrations.MigrationSource;

namespace ArchGate.Tests.Migrations;

/// <summary>The machine-readable properties agents and SARIF consumers read from a migration diagnostic.</summary>
public class DiagnosticPropertiesTests
{
    [Fact]
    public async Task Drop_column_diagnostic_carries_rule_migration_table_column_and_provider()
    {
        var tree = CSharpSyntaxTree.ParseText(Migration("RemoveLegacyName", """
            migrationBuilder.DropColumn(
                name: "LegacyName",
                table: "Customers",
                schema: "sales");
            """, ""), new CSharpParseOptions(LanguageVersion.Latest), path: "Migrations/RemoveLegacyName.cs");
        var compilation = CSharpCompilation.Create("Props", new[] { tree }, TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DestructiveOperationAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("AG6001", diagnostic.Id);
        Assert.Equal("AG6001", diagnostic.Properties["rule"]);
        Assert.Equal("RemoveLegacyName", diagnostic.Properties["migration"]);
        Assert.Equal("DropColumn", diagnostic.Properties["operation"]);
        Assert.Equal("Customers", diagnostic.Properties["table"]);
        Assert.Equal("sales", diagnostic.Properties["schema"]);
        Assert.Equal("LegacyName", diagnostic.Properties["column"]);
        // Npgsql, SQL Server and Sqlite providers are all referenced here: auto-detection gives "unknown".
        Assert.Equal("unknown", diagnostic.Properties["provider"]);
        Assert.Equal("detected", diagnostic.Properties["providerSource"]);
        Assert.EndsWith("/docs/rules/AG6001.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal); // the base: tests/Baseline/HelpLinkTests
    }
}
