using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArchGate.Tests.Legacy;

/// <summary>
/// This leg is only worth its time if it really runs on the oldest supported versions: a restore that
/// silently lifted Roslyn or EF Core to a newer version would turn it into a copy of the main leg.
/// </summary>
public class LegacyLegTests
{
    [Fact]
    public void The_compiler_is_Roslyn_4_8()
    {
        var version = typeof(CSharpCompilation).Assembly.GetName().Version!;
        Assert.Equal((4, 8), (version.Major, version.Minor));
        Assert.Equal((4, 8), (typeof(Compilation).Assembly.GetName().Version!.Major, typeof(Compilation).Assembly.GetName().Version!.Minor));
        Assert.Equal((4, 8), (typeof(Workspace).Assembly.GetName().Version!.Major, typeof(Workspace).Assembly.GetName().Version!.Minor));
    }

    [Fact]
    public void The_test_compilations_see_EF_Core_8_metadata()
    {
        Assert.Equal(8, TestReferences.EFCoreVersion.Major);

        var efCore = new[]
        {
            "Microsoft.EntityFrameworkCore.dll", "Microsoft.EntityFrameworkCore.Relational.dll",
            "Microsoft.EntityFrameworkCore.SqlServer.dll", "Microsoft.EntityFrameworkCore.Sqlite.dll",
            "Npgsql.EntityFrameworkCore.PostgreSQL.dll",
        };
        foreach (var file in efCore)
        {
            var reference = Assert.Single(TestReferences.All.OfType<PortableExecutableReference>(), r => Path.GetFileName(r.FilePath) == file);
            var version = System.Reflection.AssemblyName.GetAssemblyName(reference.FilePath!).Version!;
            Assert.True(version.Major == 8, $"{file} is {version}, expected 8.x");
        }
    }

    /// <summary>
    /// Where the versions differ in a way the rules must survive: in EF Core 8, <c>ExecuteDelete</c> and
    /// <c>ExecuteUpdate</c> are declared by RelationalQueryableExtensions (Relational); EF Core 9 moved them to
    /// EntityFrameworkQueryableExtensions. AG4001's ExecuteDelete tests (RoundTripInLoopTests) therefore
    /// resolve a different method on this leg than on the main one.
    /// </summary>
    [Fact]
    public void EF_Core_8_declares_ExecuteDelete_in_Relational()
    {
        var compilation = CSharpCompilation.Create("Probe", references: TestReferences.All);
        var relational = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
        var core = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions");
        Assert.NotNull(relational);
        Assert.NotNull(core);
        Assert.NotEmpty(relational!.GetMembers("ExecuteDelete"));
        Assert.Empty(core!.GetMembers("ExecuteDelete"));
    }
}
