using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ArchGate.Robustness;

/// <summary>
/// Generates the code an IDE sees while someone types: truncated at many points, tokens deleted or
/// duplicated, braces unbalanced. Deterministic for a given seed.
/// </summary>
internal static class Mutations
{
    public static IEnumerable<(string Kind, string Text)> MidEdit(string text, int count, Random random)
    {
        var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
        if (tokens.Length == 0)
        {
            yield break;
        }

        for (var i = 0; i < count; i++)
        {
            var token = tokens[random.Next(tokens.Length)];
            switch (i % 6)
            {
                case 0: // truncated right after a token, as if typing stopped there
                    yield return ("truncate", text[..token.Span.End]);
                    break;
                case 1: // truncated in the middle of a token
                    yield return ("truncate-mid", text[..(token.Span.Start + Math.Max(1, token.Span.Length / 2))]);
                    break;
                case 2: // a token deleted
                    yield return ("delete", text.Remove(token.Span.Start, token.Span.Length));
                    break;
                case 3: // a token duplicated
                    yield return ("duplicate", text.Insert(token.Span.End, " " + token.Text));
                    break;
                case 4: // an unbalanced brace or parenthesis
                    var brace = "{}()<>[]"[random.Next(8)];
                    yield return ("unbalance", text.Insert(token.Span.Start, brace.ToString()));
                    break;
                default: // a run of tokens deleted (a selection cut)
                    var end = tokens[Math.Min(tokens.Length - 1, Array.IndexOf(tokens, token) + 1 + random.Next(8))].Span.End;
                    yield return ("cut", text.Remove(token.Span.Start, end - token.Span.Start));
                    break;
            }
        }
    }

    /// <summary>Mutations of a valid archgate.json: byte flips, deletions, type swaps, huge and deep values, bad encodings.</summary>
    public static IEnumerable<(string Kind, byte[] Bytes)> Config(string valid, int count, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        yield return ("empty", Array.Empty<byte>());
        yield return ("bom-only", new byte[] { 0xEF, 0xBB, 0xBF });
        yield return ("deep-arrays", Encoding.UTF8.GetBytes("{\"layers\":" + new string('[', 100_000) + "}"));
        yield return ("deep-objects", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 20_000)) + "1" + new string('}', 20_000)));
        yield return ("huge-string", Encoding.UTF8.GetBytes("{\"requireLayer\":\"" + new string('x', 2_000_000) + "\"}"));
        yield return ("huge-array", Encoding.UTF8.GetBytes("{\"compositionRoot\":[" + string.Join(",", Enumerable.Repeat("\"A.**\"", 100_000)) + "]}"));
        yield return ("huge-number", Encoding.UTF8.GetBytes("{\"requireLayer\":" + new string('9', 100_000) + "}"));
        yield return ("utf16", Encoding.Unicode.GetBytes(valid));
        yield return ("latin1-garbage", bytes.Select(b => b == (byte)'a' ? (byte)0xE9 : b).ToArray());
        yield return ("nul-bytes", bytes.Select((b, i) => i % 37 == 0 ? (byte)0 : b).ToArray());

        for (var i = 0; i < count; i++)
        {
            var copy = bytes.ToList();
            var edits = 1 + random.Next(4);
            var kind = (i % 5) switch
            {
                0 => "flip",
                1 => "delete",
                2 => "swap-type",
                3 => "insert-garbage",
                _ => "truncate",
            };
            for (var e = 0; e < edits && copy.Count > 0; e++)
            {
                var at = random.Next(copy.Count);
                switch (kind)
                {
                    case "flip":
                        copy[at] = (byte)(copy[at] ^ (1 << random.Next(8)));
                        break;
                    case "delete":
                        copy.RemoveRange(at, Math.Min(copy.Count - at, 1 + random.Next(12)));
                        break;
                    case "swap-type":
                        var replacements = new[] { "[]", "{}", "1", "true", "null", "\"x\"", "[1,2]", "{\"a\":[]}" };
                        var quote = copy.IndexOf((byte)'"', at);
                        if (quote > 0)
                        {
                            var close = copy.IndexOf((byte)'"', quote + 1);
                            if (close > quote)
                            {
                                copy.RemoveRange(quote, close - quote + 1);
                                copy.InsertRange(quote, Encoding.UTF8.GetBytes(replacements[random.Next(replacements.Length)]));
                            }
                        }

                        break;
                    case "insert-garbage":
                        var junk = new byte[1 + random.Next(6)];
                        random.NextBytes(junk);
                        copy.InsertRange(at, junk);
                        break;
                    default:
                        copy.RemoveRange(at, copy.Count - at);
                        break;
                }
            }

            yield return (kind, copy.ToArray());
        }
    }
}
