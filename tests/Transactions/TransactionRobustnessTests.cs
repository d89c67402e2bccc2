using System.Collections.Immutable;
using ArchGate.Analyzers.Transactions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Tests.Transactions;

/// <summary>
/// Incomplete code, as typed in an editor, must never make a transaction rule throw (AD0001).
/// Runs every AG50xx analyzer over broken snippets with a configuration that turns every rule on.
/// </summary>
public class TransactionRobustnessTests
{
    private const string Config = """
        { "transactions": { "saveChangesAllowedIn": ["Shop.UnitOfWork"], "externalCalls": ["M:Shop.Bus.Publish(System.String)", "T:Shop.Bus"] } }
        """;

    public static TheoryData<string> Snippets => new()
    {
        "",
        "}}}{{{ using var = ;",
        "class C { void M(Microsoft.EntityFrameworkCore.DbContext db) { using var tx = db.Database.BeginTransaction( } }",
        "class C { async System.Threading.Tasks.Task M(Microsoft.EntityFrameworkCore.DbContext db) { foreach (var x in ) { await db.SaveChangesAsync(); } var t = db.Database.BeginTransaction(); t. } }",
        "class C { void M(System.Data.IDbConnection c) { var tx = c.BeginTransaction(); tx = ; tx?.Dispose(; c.BeginTransaction().Commit(); } }",
        "class C { void M(Microsoft.EntityFrameworkCore.DbContext db, System.Net.Http.HttpClient h) { using (var s = new System.Transactions.TransactionScope()) { h.GetAsync(); db.SaveChanges(1, 2); } } }",
        "class C { System.Func<int> F(Microsoft.EntityFrameworkCore.DbContext db) => () => { db.SaveChanges(); return db.SaveChanges(); }; void L() { int Local() => Undefined.SaveChanges(); } }",
        "var db = new Microsoft.EntityFrameworkCore.DbContext(null!); var tx = db.Database.BeginTransaction(); db.SaveChanges(); db.SaveChanges(); await new System.Net.Http.HttpClient().GetAsync(\"x\"); namespace Shop { class Bus { public void Publish(string s) { } } }",
        "class C { void M(Microsoft.EntityFrameworkCore.DbContext db) { while (db.SaveChanges() > 0) { do { db.SaveChanges(); } while (; } for (;;) db.SaveChanges(); } }",
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Broken_code_never_throws(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Broken",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new SaveChangesScopeAnalyzer(),
            new SaveChangesInLoopAnalyzer(),
            new SeveralSaveChangesAnalyzer(),
            new TransactionLifetimeAnalyzer(),
            new ExternalCallInTransactionAnalyzer());
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("archgate.json", Config))),
            (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
