using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis.Text;
using static ArchGate.Tests.Configuration.ConfigTest;

namespace ArchGate.Tests.Configuration;

/// <summary>
/// Fail closed and never crash: thousands of mutations of a valid archgate.json (byte flips,
/// deletions, insertions of JSON punctuation, truncations), with a fixed seed so a failure
/// reproduces. Every result must be AG00xx problems only, at spans inside the file, and no internal
/// failure of the reader.
/// </summary>
public class ConfigFuzzTests
{
    private const string Punctuation = "{}[],:\"'/*\\\n -0123456789.eE+tfnul@*";

    [Fact]
    public void Random_mutations_of_a_valid_file_never_throw()
    {
        var random = new Random(20261124);
        var original = ProductExample;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var iterations = 0;
        var withProblems = 0;
        for (; iterations < 4000 && watch.Elapsed < TimeSpan.FromSeconds(60); iterations++)
        {
            var chars = new System.Text.StringBuilder(original);
            var edits = 1 + random.Next(4);
            for (var e = 0; e < edits && chars.Length > 0; e++)
            {
                var at = random.Next(chars.Length);
                switch (random.Next(5))
                {
                    case 0: chars[at] = (char)random.Next(0, 0x80); break;
                    case 1: chars.Remove(at, Math.Min(chars.Length - at, 1 + random.Next(8))); break;
                    case 2: chars.Insert(at, Punctuation[random.Next(Punctuation.Length)]); break;
                    case 3: chars.Length = at; break;
                    default: chars[at] = Punctuation[random.Next(Punctuation.Length)]; break;
                }
            }

            var text = chars.ToString();
            var result = ReadChecked(text, iterations);
            if (!result.Problems.IsEmpty)
            {
                withProblems++;
                Assert.True(result.Config.HasErrors || result.Problems.All(p => p.Descriptor.DefaultSeverity != Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
            }
        }

        Assert.True(iterations >= 500, $"only {iterations} iterations in {watch.Elapsed}");
        Assert.True(withProblems > iterations / 2, $"{withProblems} of {iterations} mutations reported a problem");
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var length = random.Next(200);
            var chars = new char[length];
            for (var k = 0; k < length; k++)
            {
                chars[k] = random.Next(3) == 0 ? (char)random.Next(0, 0xFFFF) : Punctuation[random.Next(Punctuation.Length)];
            }

            ReadChecked(new string(chars), i);
        }
    }

    [Fact]
    public void Every_prefix_of_the_example_is_read_without_throwing()
    {
        for (var length = 0; length < ProductExample.Length; length++)
        {
            var result = ReadChecked(ProductExample.Substring(0, length), length);
            Assert.NotEmpty(result.Problems); // a truncated file is never silently accepted
        }
    }

    private static ConfigReadResult ReadChecked(string text, int iteration)
    {
        ConfigReadResult result;
        try
        {
            result = ConfigReader.Read(SourceText.From(text));
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"iteration {iteration} threw {ex}\n--- input ---\n{text}");
        }

        foreach (var problem in result.Problems)
        {
            Assert.True(problem.Descriptor.Id.StartsWith("AG00", StringComparison.Ordinal), problem.Descriptor.Id);
            Assert.True(problem.Span.Start >= 0 && problem.Span.End <= text.Length, $"iteration {iteration}: span {problem.Span} outside the file ({text.Length})\n{text}");
            Assert.False(problem.Message.Contains(InternalFailure, StringComparison.Ordinal), $"iteration {iteration}: {problem.Message}\n--- input ---\n{text}");
            Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        }

        return result;
    }
}
