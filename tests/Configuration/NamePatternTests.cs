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

    /// <summary>
    /// Every glob over a small alphabet (up to four segments: literals, generic names, <c>*</c> within a
    /// segment, <c>**</c> once or several times) against every name of up to four segments, compared with a
    /// plain backtracking reading of the rules. Globs with one <c>**</c> or none are matched in place, those
    /// with several by dynamic programming: both must agree with the reference.
    /// </summary>
    [Fact]
    public void Globs_agree_with_a_reference_reading_of_the_rules()
    {
        string[] patternSegments = ["A", "Ab", "G`1", "*", "A*", "*b", "**"];
        string[] nameSegments = ["A", "Abb", "G`1", "G`2", "b"];
        var patterns = Sequences(patternSegments, 4).ToList();
        var names = Sequences(nameSegments, 4).Prepend(Array.Empty<string>()).ToList();
        var checkedPairs = 0;
        foreach (var segments in patterns)
        {
            var pattern = Parse(string.Join(".", segments));
            foreach (var name in names)
            {
                var expected = Reference(segments, 0, name, 0);
                var text = string.Join(".", name);
                if (pattern.Matches(text) != expected)
                {
                    Assert.Fail($"'{pattern.Text}' against '{text}': expected {expected}");
                }

                checkedPairs++;
            }
        }

        Assert.True(checkedPairs > 1_000_000, checkedPairs.ToString(System.Globalization.CultureInfo.InvariantCulture));

        static IEnumerable<string[]> Sequences(string[] alphabet, int maxLength)
        {
            IEnumerable<string[]> current = alphabet.Select(a => new[] { a });
            for (var length = 1; length <= maxLength; length++)
            {
                foreach (var sequence in current)
                {
                    yield return sequence;
                }

                current = current.SelectMany(sequence => alphabet.Select(a => sequence.Append(a).ToArray())).ToList();
            }
        }

        // The rules as written in NamePattern's summary: ** takes any number of segments (none included); a
        // segment matches one segment, * within it, the arity ignored unless the pattern segment has a `.
        static bool Reference(string[] pattern, int i, string[] name, int k)
        {
            if (i == pattern.Length)
            {
                return k == name.Length;
            }

            if (pattern[i] == "**")
            {
                return Reference(pattern, i + 1, name, k) || (k < name.Length && Reference(pattern, i, name, k + 1));
            }

            return k < name.Length && SegmentMatches(pattern[i], name[k]) && Reference(pattern, i + 1, name, k + 1);
        }

        static bool SegmentMatches(string pattern, string segment)
        {
            if (!pattern.Contains('`') && segment.IndexOf('`') is var tick and >= 0)
            {
                segment = segment[..tick];
            }

            return Wildcard(pattern, 0, segment, 0);
        }

        static bool Wildcard(string pattern, int i, string text, int j)
        {
            if (i == pattern.Length)
            {
                return j == text.Length;
            }

            return pattern[i] == '*'
                ? Wildcard(pattern, i + 1, text, j) || (j < text.Length && Wildcard(pattern, i, text, j + 1))
                : j < text.Length && pattern[i] == text[j] && Wildcard(pattern, i + 1, text, j + 1);
        }
    }
}
