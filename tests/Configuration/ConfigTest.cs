using System.Text;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Tests.Configuration;

/// <summary>
/// Helpers for archgate.json tests. Expected problems are given either as explicit 1-based spans
/// (<see cref="At"/>) or in place with a markup of our own, processed before the verifier sees the
/// file: <c>{|AG0004:"Infra"|}</c> expects AG0004 exactly over <c>"Infra"</c> (the opening mark is
/// <c>{|</c> + an ID + <c>:</c>, so JSON braces next to a mark, as in <c>{|AG0003:{|}</c>, stay JSON).
/// </summary>
internal static class ConfigTest
{
    public const string ConfigFile = "archgate.json";

    /// <summary>The message of the reader's catch-all (an exception inside the reader): must never appear.</summary>
    public const string InternalFailure = "Please report this as a bug";

    /// <summary>An AG00xx error in archgate.json at a 1-based line/column span, as the verifier counts.</summary>
    public static DiagnosticResult At(string id, int line, int column, int endLine, int endColumn)
        => new DiagnosticResult(id, DiagnosticSeverity.Error).WithSpan(ConfigFile, line, column, endLine, endColumn);

    /// <summary>Runs the configuration analyzer on <paramref name="config"/>: exactly these diagnostics, no AD0001, no internal failure.</summary>
    public static async Task VerifyAsync(string config, params DiagnosticResult[] expected)
    {
        Read(config);
        var test = Verify<ConfigurationAnalyzer>.Create(config, "class C { }");
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>As <see cref="VerifyAsync"/>, with the expected diagnostics marked in the text.</summary>
    public static Task VerifyMarkupAsync(string markup)
    {
        var (text, expected) = ParseMarkup(markup);
        return VerifyAsync(text, expected.ToArray());
    }

    /// <summary>Reads directly (no compilation) and checks the reader did not fail internally.</summary>
    public static ConfigReadResult Read(string config)
    {
        var result = ConfigReader.Read(SourceText.From(config));
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains(InternalFailure, StringComparison.Ordinal));
        return result;
    }

    /// <summary>The messages of the problems with this ID, in file order.</summary>
    public static IReadOnlyList<string> Messages(string markupOrText, string id)
        => Read(ParseMarkup(markupOrText).Text).Problems.Where(p => p.Descriptor.Id == id).OrderBy(p => p.Span.Start).Select(p => p.Message).ToList();

    public static (string Text, List<DiagnosticResult> Expected) ParseMarkup(string markup)
    {
        var sb = new StringBuilder();
        var open = new Stack<(string Id, int Start)>();
        var marks = new List<(string Id, int Start, int End)>();
        for (var i = 0; i < markup.Length;)
        {
            if (string.CompareOrdinal(markup, i, "{|AG", 0, 4) == 0 && i + 9 < markup.Length && markup[i + 8] == ':')
            {
                var colon = markup.IndexOf(':', i);
                open.Push((markup.Substring(i + 2, colon - i - 2), sb.Length));
                i = colon + 1;
            }
            else if (string.CompareOrdinal(markup, i, "|}", 0, 2) == 0)
            {
                var (id, start) = open.Pop();
                marks.Add((id, start, sb.Length));
                i += 2;
            }
            else
            {
                sb.Append(markup[i++]);
            }
        }

        Assert.Empty(open);
        var text = sb.ToString();
        var source = SourceText.From(text);
        var expected = marks.OrderBy(m => m.Start).Select(m =>
        {
            var span = source.Lines.GetLinePositionSpan(TextSpan.FromBounds(m.Start, m.End));
            return At(m.Id, span.Start.Line + 1, span.Start.Character + 1, span.End.Line + 1, span.End.Character + 1);
        }).ToList();
        return (text, expected);
    }

    /// <summary>The example of PRODUCT.md ("Configuration") verbatim, comments included.</summary>
    public const string ProductExample = """
        {
          "$schema": "./archgate.schema.json",   // the schema ships with the package and in docs/
          "layers": {
            "Api":            { "namespaces": ["Shop.Api.**"] },
            "Application":    { "namespaces": ["Shop.Application.**"] },
            "Domain":         { "namespaces": ["Shop.Domain.**"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"], "assemblies": ["Shop.Infrastructure"] }
          },
          // allow-list: a layer may use itself and the layers named here, nothing else
          "dependencies": {
            "Api": ["Application", "Domain"],
            "Application": ["Domain"],
            "Infrastructure": ["Application", "Domain"],
            "Domain": []
          },
          "requireLayer": false,          // true: code in no declared layer is reported (AG1002)
          // types that wire everything together: exempt from layer and data-access rules
          "compositionRoot": ["Program", "Shop.Api.DependencyInjection.**"],
          "dataAccess": {
            "apis": ["@efcore", "@adonet", "@dapper"],   // built-in groups and/or patterns
            "allowedIn": ["Infrastructure"]
          },
          "repositories": {
            "interfaces": ["Shop.Application.Abstractions.I*Repository"],
            "implementations": ["Shop.Infrastructure.Persistence.*Repository"]
          },
          "rawSql": { "allowedIn": ["Infrastructure"], "sinks": ["M:Shop.Infrastructure.Db.Run(System.String)"] },
          "transactions": { "saveChangesAllowedIn": ["Shop.Infrastructure.Persistence.UnitOfWork"],
                            "externalCalls": ["M:Shop.Bus.IBus.Publish``1(``0)"] },
          "migrations": { "provider": "auto", "startAfter": "20260101000000_Baseline", "checkDown": true },
          "restrictions": [
            { "apis": ["T:System.Net.Http.HttpClient"], "allowedIn": ["Infrastructure"],
              "because": "outbound HTTP goes through the typed clients in Infrastructure" }
          ]
        }
        """;
}
