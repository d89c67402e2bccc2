using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Configuration.SuppressionJustificationAnalyzer>;

namespace ArchGate.Tests.Configuration;

public class SuppressionJustificationTests
{
    [Fact]
    public async Task AG0012_missing_empty_whitespace_and_pending_justifications_are_reported()
    {
        var source = """
            using System.Diagnostics.CodeAnalysis;

            [{|#0:SuppressMessage("ArchGate.Migrations", "AG6001")|}]
            class A { }

            [{|#1:SuppressMessage("ArchGate.Layers", "AG1001:ForbiddenLayerDependency", Justification = "")|}]
            class B { }

            [{|#2:SuppressMessage("ArchGate.Sql", "AG3001", Justification = "   ")|}]
            class C { }

            [{|#3:System.Diagnostics.CodeAnalysis.SuppressMessageAttribute("ArchGate.Migrations", "AG6009", Justification = "<Pending>")|}]
            class D { }

            [{|#4:SuppressMessage("Whatever", "AG6002")|}]
            class E { }
            """;
        await Verifier.AnalyzerAsync(source,
            Verifier.Diagnostic("AG0012").WithLocation(0).WithArguments("AG6001", "without a Justification"),
            Verifier.Diagnostic("AG0012").WithLocation(1).WithArguments("AG1001", "with an empty Justification"),
            Verifier.Diagnostic("AG0012").WithLocation(2).WithArguments("AG3001", "with an empty Justification"),
            Verifier.Diagnostic("AG0012").WithLocation(3).WithArguments("AG6009", "with the placeholder Justification \"<Pending>\""),
            Verifier.Diagnostic("AG0012").WithLocation(4).WithArguments("AG6002", "without a Justification"));
    }

    [Fact]
    public async Task AG0012_assembly_level_suppression_without_justification_is_reported()
    {
        var source = """
            using System.Diagnostics.CodeAnalysis;

            [assembly: {|#0:SuppressMessage("ArchGate.Migrations", "AG6013", Scope = "type", Target = "~T:M")|}]
            class M { }
            """;
        await Verifier.AnalyzerAsync(source, Verifier.Diagnostic("AG0012").WithLocation(0).WithArguments("AG6013", "without a Justification"));
    }

    [Fact]
    public async Task AG0012_clean_twins_justified_and_other_analyzers()
    {
        var source = """
            using System.Diagnostics.CodeAnalysis;

            [SuppressMessage("ArchGate.Migrations", "AG6001", Justification = "column unmapped since release 41")]
            class A { }

            [SuppressMessage("Microsoft.Design", "CA1031")]
            class B { }

            [SuppressMessage("Style", "IDE0051", Justification = "")]
            class C { }

            [System.Obsolete]
            class D { }
            """;
        await Verifier.AnalyzerAsync(source);
    }
}
