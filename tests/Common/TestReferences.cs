using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ArchGate.Tests;

/// <summary>
/// The metadata every test compilation sees: the .NET and ASP.NET Core shared frameworks plus the
/// real EF Core, Dapper, SqlClient, Npgsql and Sqlite assemblies this test project references
/// (PRODUCT.md principle 6: never look-alike stubs). Resolved once per test run.
/// </summary>
public static class TestReferences
{
    private static readonly string[] ExcludedPrefixes =
    {
        "Microsoft.CodeAnalysis", "xunit", "ArchGate.", "Microsoft.TestPlatform", "Microsoft.VisualStudio",
        "testhost", "Microsoft.Testing", "NuGet.", "DiffPlex", "Humanizer", "MessagePack",
    };

    /// <summary>All reference assemblies, created once and shared by every test.</summary>
    public static ImmutableArray<MetadataReference> All { get; } = Create();

    /// <summary>
    /// The version of the EF Core metadata in <see cref="All"/>: 10 in the main test project, 8 in the legacy
    /// leg (tests/Legacy, which references the EF Core 8 packages instead). A test whose expectation depends on
    /// an API that exists in one EF Core version only conditions on this, with its reason.
    /// </summary>
    public static Version EFCoreVersion { get; } = typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.GetName().Version!;

    /// <summary>An empty reference set: the references come from <see cref="All"/> instead of a download.</summary>
    public static ReferenceAssemblies None { get; } = new ReferenceAssemblies("net10.0");

    private static ImmutableArray<MetadataReference> Create()
    {
        var tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).OrderBy(p => p, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                || ExcludedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            builder.Add(MetadataReference.CreateFromFile(path));
        }

        return builder.ToImmutable();
    }
}
