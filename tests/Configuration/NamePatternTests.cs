using ArchGate.Analyzers.Configuration;

namespace ArchGate.Tests.Configuration;

/// <summary>Patterns of archgate.json: <c>*</c> within a segment, <c>**</c> any number of segments, documentation-comment IDs.</summary>
public class NamePatternTests
{
    private static NamePattern Parse(string text)
    {
        var pattern = NamePattern.TryParse(text, out var error);
        Assert.True(pattern is not null, error);
        return pattern!;
    }

    [Theory]
    [InlineData("Shop.Application.**", "Shop.Application", true)] // ** matches no segment: the bare prefix
    [InlineData("Shop.Application.**", "Shop.Application.Orders", true)]
    [InlineData("Shop.Application.**", "Shop.Application.Orders.Commands.Create", true)]
    [InlineData("Shop.Application.**", "Shop.ApplicationServices", false)]
    [InlineData("Shop.Application.**", "Shop", false)]
    [InlineData("Shop.Application.**", "Other.Shop.Application", false)]
    [InlineData("Shop.*", "Shop.Api", true)]
    [InlineData("Shop.*", "Shop", false)]
    [InlineData("Shop.*", "Shop.Api.Controllers", false)]
    [InlineData("Shop.*.Persistence", "Shop.Orders.Persistence", true)]
    [InlineData("Shop.*.Persistence", "Shop.Persistence", false)]
    [InlineData("Shop.**.Persistence", "Shop.Persistence", true)]
    [InlineData("Shop.**.Persistence", "Shop.A.B.Persistence", true)]
    [InlineData("Shop.**.Persistence", "Shop.A.B.Persistence.Sql", false)]
    [InlineData("**.Persistence.**", "Shop.Persistence.Sql", true)]
    [InlineData("Shop.Application.Abstractions.I*Repository", "Shop.Application.Abstractions.IOrderRepository", true)]
    [InlineData("Shop.Application.Abstractions.I*Repository", "Shop.Application.Abstractions.IRepository", true)]
    [InlineData("Shop.Application.Abstractions.I*Repository", "Shop.Application.Abstractions.OrderRepository", false)]
    [InlineData("*Repository", "OrderRepository", true)]
    [InlineData("*Repository", "Shop.OrderRepository", false)]
    [InlineData("Program", "Program", true)]
    [InlineData("Program", "Shop.Program", false)]
    [InlineData("**", "Anything.At.All", true)]
    [InlineData("**", "", true)]
    [InlineData("Shop.Api", "Shop.api", false)] // case-sensitive, as C# names are
    [InlineData("S*p.A*i", "Shop.Api", true)]
    [InlineData("*", "Shop", true)]
    public void Glob(string pattern, string name, bool matches) => Assert.Equal(matches, Parse(pattern).Matches(name));

    [Theory]
    [InlineData("N:Shop.Infrastructure", "Shop.Infrastructure", true)]
    [InlineData("N:Shop.Infrastructure", "Shop.Infrastructure.Persistence", true)]
    [InlineData("N:Shop.Infrastructure", "Shop.InfrastructureX", false)]
    [InlineData("N:Shop.Infrastructure", "Shop", false)]
    [InlineData("T:System.Net.Http.HttpClient", "System.Net.Http.HttpClient", true)]
    [InlineData("T:System.Net.Http.HttpClient", "System.Net.Http.HttpClientHandler", false)]
    [InlineData("T:System.Net.Http.HttpClient", "System.Net.Http", false)]
    public void Documentation_id_against_dotted_names(string pattern, string name, bool matches)
        => Assert.Equal(matches, Parse(pattern).Matches(name));

    [Theory]
    [InlineData("T:Shop.Persistence.GenericRepository`1", "Shop.Persistence.GenericRepository`1", true)]
    [InlineData("T:Shop.Persistence.GenericRepository`1", "Shop.Persistence.GenericRepository", false)]
    [InlineData("T:Shop.Persistence.GenericRepository`1", "Shop.Persistence.GenericRepository`2", false)]
    [InlineData("T:Shop.Persistence.GenericRepository", "Shop.Persistence.GenericRepository`1", false)]
    [InlineData("T:Shop.Outer`1.Inner`1", "Shop.Outer`1.Inner`1", true)]
    [InlineData("Shop.Persistence.*Repository", "Shop.Persistence.GenericRepository`1", true)] // a glob segment without ` ignores the arity
    [InlineData("Shop.Persistence.GenericRepository", "Shop.Persistence.GenericRepository`2", true)]
    [InlineData("Shop.**", "Shop.Outer`1.Inner", true)]
    [InlineData("Shop.Persistence.GenericRepository`1", "Shop.Persistence.GenericRepository`1", true)] // one written with ` compares it
    [InlineData("Shop.Persistence.GenericRepository`1", "Shop.Persistence.GenericRepository`2", false)]
    [InlineData("Shop.Persistence.GenericRepository`1", "Shop.Persistence.GenericRepository", false)]
    [InlineData("M:Shop.Db.Run", "Shop.Db.Run", false)] // member IDs select symbols, not names
    public void Generic_arity_in_names(string pattern, string name, bool matches) => Assert.Equal(matches, Parse(pattern).Matches(name));

    [Theory]
    [InlineData("Shop.Persistence.*Repository", "OrderRepository", true)]
    [InlineData("Shop.Persistence.*Repository", "OrderReader", false)]
    [InlineData("Shop.Persistence.**", "Anything", true)]
    [InlineData("T:Shop.Persistence.GenericRepository`1", "GenericRepository", true)]
    [InlineData("T:Shop.Persistence.GenericRepository`1", "OrderRepository", false)]
    [InlineData("N:Shop.Persistence", "Anything", true)] // the bug of issue 14: an N: entry has no last segment to filter on
    [InlineData("M:Shop.Db.Run", "Run", false)]
    public void Simple_name_pre_filter(string pattern, string simpleName, bool may)
        => Assert.Equal(may, Parse(pattern).MayMatchSimpleName(simpleName));

    [Theory]
    [InlineData("Shop.Application.**", "", true)]
    [InlineData("Shop.Application.**", "Shop", true)]
    [InlineData("Shop.Application.**", "Shop.Application.Orders.Deep", true)]
    [InlineData("Shop.Application.**", "Other", false)]
    [InlineData("Shop.*.Persistence", "Shop.Orders", true)]
    [InlineData("Shop.*.Persistence", "Shop.Orders.Persistence.Sql", false)]
    [InlineData("N:Shop.Infrastructure", "Shop", true)]
    [InlineData("N:Shop.Infrastructure", "Shop.Infrastructure.Persistence.Sql", true)]
    [InlineData("N:Shop.Infrastructure", "Shop.Api", false)]
    [InlineData("T:Shop.Persistence.GenericRepository`1", "Shop.Persistence", true)]
    [InlineData("T:Shop.Persistence.GenericRepository`1", "Shop.Persistence.Sql", false)]
    [InlineData("M:Shop.Db.Run", "Shop", false)]
    public void Namespace_walk_pre_filter(string pattern, string path, bool may)
        => Assert.Equal(may, Parse(pattern).MayMatchAtOrBelow(path.Length == 0 ? Array.Empty<string>() : path.Split('.')));

    /// <summary>Every pre-filter answer is implied by the matcher: whatever a pattern matches, its pre-filters let through.</summary>
    [Theory]
    [InlineData("Shop.Persistence.*Repository", "Shop.Persistence.GenericRepository`1")]
    [InlineData("T:Shop.Persistence.GenericRepository`1", "Shop.Persistence.GenericRepository`1")]
    [InlineData("N:Shop.Persistence", "Shop.Persistence.Sql.OrderRepository")]
    [InlineData("Shop.**.Persistence.*", "Shop.A.B.Persistence.Order")]
    public void Pre_filters_let_through_what_the_pattern_matches(string text, string name)
    {
        var pattern = Parse(text);
        Assert.True(pattern.Matches(name));
        var segments = name.Split('.');
        Assert.True(pattern.MayMatchSimpleName(segments[^1].Split('`')[0]));
        for (var i = 0; i < segments.Length; i++)
        {
            Assert.True(pattern.MayMatchAtOrBelow(segments.Take(i).ToArray()));
        }
    }

    [Theory]
    [InlineData("T:System.Net.Http.HttpClient", 'T', "System.Net.Http.HttpClient")]
    [InlineData("M:Shop.Infrastructure.Db.Run(System.String)", 'M', "Shop.Infrastructure.Db.Run")]
    [InlineData("M:Shop.Bus.IBus.Publish``1(``0)", 'M', "Shop.Bus.IBus.Publish``1")]
    [InlineData("P:Shop.Db.Sql", 'P', "Shop.Db.Sql")]
    [InlineData("P:Shop.Db.Item(System.Int32)", 'P', "Shop.Db.Item")]
    [InlineData("F:Shop.Db.Timeout", 'F', "Shop.Db.Timeout")]
    [InlineData("E:Shop.Db.Opened", 'E', "Shop.Db.Opened")]
    [InlineData("N:Shop.Data", 'N', "Shop.Data")]
    [InlineData("M:Shop.Db.#ctor", 'M', "Shop.Db.#ctor")]
    [InlineData("T:Shop.Repository`1", 'T', "Shop.Repository`1")]
    public void Documentation_ids_are_recognised(string text, char kind, string name)
    {
        var pattern = Parse(text);
        Assert.True(pattern.IsDocumentationId);
        Assert.False(pattern.IsWildcard);
        Assert.Equal(kind, pattern.DocIdKind);
        Assert.Equal(text, pattern.DocumentationId);
        Assert.Equal(name, pattern.DocumentationIdName);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData(" Shop", "white space")]
    [InlineData("Shop..Api", "empty segment")]
    [InlineData(".Shop", "empty segment")]
    [InlineData("Shop.", "empty segment")]
    [InlineData("Shop.Api**", "'**' must be a whole segment")]
    [InlineData("**Api", "'**' must be a whole segment")]
    [InlineData("***", "'**' must be a whole segment")]
    [InlineData("X:Foo", "'X:' is not a documentation-comment ID prefix")]
    [InlineData("t:Foo", "'t:' is not a documentation-comment ID prefix")]
    [InlineData("T:Shop.*", "cannot contain wildcards")]
    [InlineData("N:Shop.**", "cannot contain wildcards")]
    [InlineData("T:Shop..Db", "not a valid documentation-comment ID")]
    [InlineData("T:Shop.Db(System.String)", "only M: and P: IDs take a parameter list")]
    [InlineData("M:Shop.Db.Run(System.String", "only M: and P: IDs take a parameter list")]
    [InlineData("Shop.Repo<T>", "contains '<'")]
    [InlineData("Shop:Api", "contains ':'")]
    [InlineData("Shop/Api", "contains '/'")]
    public void Malformed(string text, string expectedError)
    {
        Assert.Null(NamePattern.TryParse(text, out var error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Shop.*", true)]
    [InlineData("Shop.**", true)]
    [InlineData("Shop.Api", false)]
    public void IsWildcard(string text, bool wildcard) => Assert.Equal(wildcard, Parse(text).IsWildcard);

    [Fact]
    public void Many_double_stars_do_not_explode()
    {
        var name = string.Join(".", Enumerable.Repeat("A", 60));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(Parse(string.Join(".", Enumerable.Repeat("**", 12)) + ".X").Matches(name));
        Assert.False(Parse(string.Join(".", Enumerable.Repeat("**.A", 12)) + ".X").Matches(name));
        Assert.True(Parse(string.Join(".", Enumerable.Repeat("**.A", 12)) + ".**").Matches(name));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }
}
