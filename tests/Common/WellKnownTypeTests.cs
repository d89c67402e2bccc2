using ArchGate.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Transactions.SaveChangesInLoopAnalyzer>;

namespace ArchGate.Tests.Common;

/// <summary>
/// Well-known types are found even when another reference also defines a type of the same name
/// (issue 14): <c>Compilation.GetTypeByMetadataName</c> gives null then, which switched off every EF Core rule.
/// </summary>
public class WellKnownTypeTests
{
    /// <summary>An assembly that declares its own, internal <c>Microsoft.EntityFrameworkCore.DbContext</c>.</summary>
    private static MetadataReference InternalDbContextReference(bool isPublic = false)
    {
        var source = "namespace Microsoft.EntityFrameworkCore { " + (isPublic ? "public" : "internal") + " class DbContext { } }";
        var compilation = CSharpCompilation.Create(
            isPublic ? "PublicLookAlike" : "InternalLookAlike",
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static CSharpCompilation Compilation(params MetadataReference[] extra)
        => CSharpCompilation.Create(
            "App",
            new[] { CSharpSyntaxTree.ParseText("class C { }") },
            TestReferences.All.AddRange(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    [Fact]
    public void DbContext_is_EF_Cores_even_when_a_reference_defines_an_internal_one()
    {
        var compilation = Compilation(InternalDbContextReference());
        Assert.Null(compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext")); // the compiler's answer: ambiguous

        var dbContext = KnownSymbols.For(compilation).DbContext;

        Assert.NotNull(dbContext);
        Assert.Equal("Microsoft.EntityFrameworkCore", dbContext!.ContainingAssembly.Name);
    }

    [Fact]
    public void Without_a_look_alike_the_type_is_the_compilers_and_a_missing_one_is_null()
    {
        var compilation = Compilation();
        var known = KnownSymbols.For(compilation);

        Assert.Same(compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext"), known.DbContext);
        Assert.Null(known.Get("Shop.NoSuchType"));
    }

    [Fact]
    public void Two_public_definitions_stay_ambiguous()
    {
        // Neither is preferable: as the compiler, ArchGate does not pick one.
        var compilation = Compilation(InternalDbContextReference(isPublic: true));

        Assert.Null(KnownSymbols.For(compilation).DbContext);
    }

    [Fact]
    public async Task EF_Core_rules_still_run_when_a_reference_defines_an_internal_DbContext()
    {
        var test = Verifier.Create(null, ArchGate.Tests.Transactions.TransactionSources.Usings + """
            namespace Shop.Infrastructure.Persistence
            {
                public sealed class Importer(ShopDbContext db)
                {
                    public void Import(List<Order> orders)
                    {
                        foreach (var order in orders)
                        {
                            db.Orders.Add(order);
                            {|AG5002:db.SaveChanges()|};
                        }
                    }
                }
            }
            """ + ArchGate.Tests.Transactions.TransactionSources.Model);
        test.TestState.AdditionalReferences.Add(InternalDbContextReference());
        await test.RunAsync();
    }
}
