namespace ArchGate.EndToEnd;

/// <summary>
/// Issue 15: the controller -> service -> repository chain of the sample, across Shop.Api, Shop.Application and
/// Shop.Infrastructure, shows SQL injection in the real `dotnet build` output, once per data-access API, and its
/// clean twins show nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SqlChainTests
{
    private readonly SampleFixture _fixture;

    public SqlChainTests(SampleFixture fixture) => _fixture = fixture;

    [Fact]
    public void Value_spliced_in_the_repository_is_an_AG3001_warning_for_EFCore_Dapper_and_AdoNet()
    {
        var diagnostics = BuildDiagnostics.Parse(_fixture.Baseline.Output);
        var sinks = diagnostics
            .Where(d => d.Id == "AG3001" && Path.GetFileName(d.File) == "CustomerRepository.cs")
            .OrderBy(d => d.Line)
            .Select(d => d.Severity + " " + d.Message.Split('\'')[1])
            .ToArray();
        Assert.Equal(new[] { "warning SqlQueryRaw", "warning SqlMapper.QueryAsync", "warning DbCommand.CommandText" }, sinks);
    }

    [Fact]
    public void The_clean_twins_and_the_callers_in_the_chain_report_nothing()
    {
        var files = new[] { "CustomerDirectoryRepository.cs", "CustomerService.cs", "CustomersController.cs", "CustomerSql.cs" };
        var diagnostics = BuildDiagnostics.Parse(_fixture.Baseline.Output);
        Assert.DoesNotContain(diagnostics, d => files.Contains(Path.GetFileName(d.File)));
    }
}
