using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static ArchGate.Tests.Migrations.MigrationSource;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Migrations.IndexAndConstraintAnalyzer>;

namespace ArchGate.Tests.Migrations;

/// <summary>migrations.provider = auto: the provider comes from the one EF Core provider assembly referenced.</summary>
public class ProviderDetectionTests
{
    private static readonly string[] ProviderAssemblies =
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL.dll", "Microsoft.EntityFrameworkCore.SqlServer.dll", "Microsoft.EntityFrameworkCore.Sqlite.dll",
    };

    private static IEnumerable<MetadataReference> ReferencesWithOnly(string? providerAssembly)
        => TestReferences.All.Where(r =>
        {
            var file = Path.GetFileName((r as PortableExecutableReference)?.FilePath ?? string.Empty);
            return !ProviderAssemblies.Contains(file, StringComparer.OrdinalIgnoreCase) || string.Equals(file, providerAssembly, StringComparison.OrdinalIgnoreCase);
        });

    private static readonly string Source = Migration("AddEmailIndex", """
        migrationBuilder.{|#0:CreateIndex|}(
            name: "IX_Customers_Email",
            table: "Customers",
            column: "Email");
        """, "");

    private static async Task RunAsync(string? providerAssembly, string? config, params DiagnosticResult[] expected)
    {
        var test = Verifier.Create(config, Source);
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(ReferencesWithOnly(providerAssembly));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    [Fact]
    public async Task Npgsql_alone_means_postgres()
        => await RunAsync("Npgsql.EntityFrameworkCore.PostgreSQL.dll", null, Verifier.Diagnostic("AG6009").WithLocation(0));

    [Fact]
    public async Task SqlServer_alone_means_sqlserver()
        => await RunAsync("Microsoft.EntityFrameworkCore.SqlServer.dll", null, Verifier.Diagnostic("AG6009").WithLocation(0).WithSeverity(DiagnosticSeverity.Info));

    [Fact]
    public async Task No_provider_or_sqlite_keeps_provider_rules_silent()
    {
        await RunAsync(null, null);
        await RunAsync("Microsoft.EntityFrameworkCore.Sqlite.dll", null);
    }

    [Fact]
    public async Task Configured_provider_wins_over_detection()
        => await RunAsync("Microsoft.EntityFrameworkCore.SqlServer.dll", Postgres, Verifier.Diagnostic("AG6009").WithLocation(0));
}
