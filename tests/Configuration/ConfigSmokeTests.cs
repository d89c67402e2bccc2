using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Configuration.ConfigurationAnalyzer>;

namespace ArchGate.Tests.Configuration;

public class ConfigSmokeTests
{
    [Fact]
    public async Task Syntax_error_is_reported_in_the_file()
    {
        var test = Verifier.Create("{\n  \"layers\": {,\n}\n}", "class C { }");
        test.ExpectedDiagnostics.Add(new DiagnosticResult(ConfigurationAnalyzer.ConfigSyntaxError).WithSpan("archgate.json", 2, 14, 2, 15).WithArguments(
            "archgate.json is not valid JSON at 'layers': ',' found where a property name was expected (two commas in a row, or a comma right after '{'). Remove it. ArchGate does not apply a configuration it cannot read (comments and trailing commas are allowed)."));
        await test.RunAsync();
    }
}
