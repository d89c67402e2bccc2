using ArchGate.Analyzers.Baseline;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Tests.Baseline;

/// <summary>The reader of archgate.baseline.json on its own: what it accepts, and that no input makes it throw.</summary>
public class BaselineFileTests
{
    private const string Valid = """
        {
          // comment
          "version": 1,
          "entries": [
            { "rule": "AG1001", "file": "src/A.cs", "member": "M:A.B", "symbol": "T:C", "count": 2 },
            { "rule": "AG2004", "file": "src/A.cs", "member": "", "symbol": "x", "count": 1, },
          ],
        }
        """;

    [Fact]
    public void A_valid_file_with_comments_and_trailing_commas_is_read()
    {
        var file = BaselineFile.Read(SourceText.From(Valid));
        Assert.True(file.IsUsable, string.Join("\n", file.Problems.Select(p => p.Message)));
        Assert.Equal(2, file.Entries.Length);
        Assert.Equal(new BaselineKey("AG1001", "src/A.cs", "M:A.B", "T:C"), file.Entries[0].Key);
        Assert.Equal(2, file.Entries[0].Count);
        Assert.Equal(Valid.IndexOf("{ \"rule\": \"AG2004\"", StringComparison.Ordinal), file.Entries[1].Span.Start);
    }

    [Fact]
    public void Every_truncation_and_corruption_of_a_valid_file_is_read_without_throwing()
    {
        var random = new Random(17);
        for (var length = 0; length <= Valid.Length; length++)
        {
            var truncated = BaselineFile.Read(SourceText.From(Valid[..length]));
            Assert.True(truncated.IsUsable || !truncated.Problems.IsEmpty);
            if (!truncated.IsUsable)
            {
                Assert.All(truncated.Problems, p => Assert.InRange(p.Span.End, 0, length + 1));
            }

            var chars = Valid.ToCharArray();
            chars[random.Next(chars.Length)] = "{}[]\",:1a\\/*"[random.Next(12)];
            var corrupted = BaselineFile.Read(SourceText.From(new string(chars)));
            Assert.True(corrupted.IsUsable || !corrupted.Problems.IsEmpty);
        }
    }
}
