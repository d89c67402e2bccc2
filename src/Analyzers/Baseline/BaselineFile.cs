using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Baseline;

/// <summary>One entry of archgate.baseline.json: a fingerprint, how many findings it tolerates, and where it is written.</summary>
internal sealed class BaselineEntry
{
    public BaselineEntry(BaselineKey key, int count, TextSpan span)
    {
        Key = key;
        Count = count;
        Span = span;
    }

    public BaselineKey Key { get; }

    public int Count { get; }

    /// <summary>The entry's object in the file (where AG0014 points).</summary>
    public TextSpan Span { get; }
}

/// <summary>A problem of archgate.baseline.json (AG0013) at its place in the file.</summary>
internal readonly struct BaselineProblem
{
    public BaselineProblem(TextSpan span, string message)
    {
        Span = span;
        Message = message;
    }

    public TextSpan Span { get; }

    public string Message { get; }
}

/// <summary>
/// The content of archgate.baseline.json, read with the configuration's JSON reader (comments and trailing commas
/// allowed). A file with any problem is not applied at all (<see cref="IsUsable"/> is false): fail closed.
/// </summary>
internal sealed class BaselineFile
{
    public const string FileName = "archgate.baseline.json";

    /// <summary>Item metadata set by the package's targets on the baseline (whatever its name).</summary>
    public const string MetadataKey = "build_metadata.AdditionalFiles.ArchGateBaseline";

    public const int Version = 1;

    private static readonly Regex RuleId = new("^AG[1-9][0-9]{3}$", RegexOptions.CultureInvariant);

    private static readonly string[] EntryKeys = { "rule", "file", "member", "symbol", "count" };

    public static readonly SourceTextValueProvider<BaselineFile> Provider = new(Read);

    private BaselineFile(ImmutableArray<BaselineEntry> entries, ImmutableArray<BaselineProblem> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    public ImmutableArray<BaselineEntry> Entries { get; }

    public ImmutableArray<BaselineProblem> Problems { get; }

    public bool IsUsable => Problems.IsEmpty;

    public static readonly BaselineFile Unreadable = new(
        ImmutableArray<BaselineEntry>.Empty,
        ImmutableArray.Create(new BaselineProblem(default, "archgate.baseline.json could not be read (not text); no finding is baselined. Write it again with dotnet build -p:ArchGateWriteBaseline=true.")));

    /// <summary>The baseline among the additional files: marked by the package's targets, or named archgate.baseline.json.</summary>
    public static AdditionalText? Find(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        AdditionalText? named = null;
        foreach (var file in options.AdditionalFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsMarked(options, file))
            {
                return file;
            }

            if (named is null && string.Equals(BaselinePaths.FileNameOf(file.Path), FileName, StringComparison.OrdinalIgnoreCase))
            {
                named = file;
            }
        }

        return named;
    }

    private static bool IsMarked(AnalyzerOptions options, AdditionalText file)
        => options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(MetadataKey, out var marked)
           && string.Equals(marked, "true", StringComparison.OrdinalIgnoreCase);

    public static BaselineFile Read(SourceText text)
    {
        var problems = ImmutableArray.CreateBuilder<BaselineProblem>();
        var entries = ImmutableArray.CreateBuilder<BaselineEntry>();
        var root = JsonParser.Parse(text.ToString(), out var errors);
        foreach (var error in errors)
        {
            problems.Add(new BaselineProblem(error.Span, "archgate.baseline.json is not valid JSON: " + error.Message + ". No finding is baselined until it is fixed."));
        }

        if (root is null || !errors.IsEmpty)
        {
            return new BaselineFile(entries.ToImmutable(), problems.ToImmutable());
        }

        if (root.Kind != JsonKind.Object)
        {
            problems.Add(new BaselineProblem(root.Span, "archgate.baseline.json must hold one object { \"version\": 1, \"entries\": [...] }; found " + JsonValue.KindName(root.Kind) + ". No finding is baselined."));
            return new BaselineFile(entries.ToImmutable(), problems.ToImmutable());
        }

        JsonValue? list = null;
        var sawVersion = false;
        foreach (var property in root.Properties)
        {
            switch (property.Name)
            {
                case "$schema":
                    break;
                case "version":
                    sawVersion = true;
                    if (property.Value.Kind != JsonKind.Number || property.Value.Text != "1")
                    {
                        problems.Add(new BaselineProblem(property.Value.Span, "'version' must be 1 (the only baseline format this ArchGate reads). No finding is baselined."));
                    }

                    break;
                case "entries":
                    if (property.Value.Kind != JsonKind.Array)
                    {
                        problems.Add(new BaselineProblem(property.Value.Span, "'entries' must be an array of entries; found " + JsonValue.KindName(property.Value.Kind) + ". No finding is baselined."));
                    }
                    else
                    {
                        list = property.Value;
                    }

                    break;
                default:
                    problems.Add(new BaselineProblem(property.NameSpan, "unknown key '" + property.Name + "' in archgate.baseline.json; the keys are 'version' and 'entries'. Remove it. No finding is baselined until it is fixed."));
                    break;
            }
        }

        if (!sawVersion)
        {
            problems.Add(new BaselineProblem(new TextSpan(root.Span.Start, 1), "archgate.baseline.json has no \"version\": 1; write it again with dotnet build -p:ArchGateWriteBaseline=true. No finding is baselined."));
        }

        var seen = new HashSet<BaselineKey>();
        foreach (var item in list?.Items ?? ImmutableArray<JsonValue>.Empty)
        {
            var entry = ReadEntry(item, problems);
            if (entry is null)
            {
                continue;
            }

            if (!seen.Add(entry.Key))
            {
                problems.Add(new BaselineProblem(item.Span, "this entry repeats the fingerprint of an earlier one (" + entry.Key.Rule + " in " + entry.Key.File + "); merge them into one entry whose count is the sum. No finding is baselined until it is fixed."));
                continue;
            }

            entries.Add(entry);
        }

        return new BaselineFile(entries.ToImmutable(), problems.ToImmutable());
    }

    private static BaselineEntry? ReadEntry(JsonValue item, ImmutableArray<BaselineProblem>.Builder problems)
    {
        if (item.Kind != JsonKind.Object)
        {
            problems.Add(new BaselineProblem(item.Span, "an entry must be an object { \"rule\", \"file\", \"member\", \"symbol\", \"count\" }; found " + JsonValue.KindName(item.Kind) + ". No finding is baselined until it is fixed."));
            return null;
        }

        var values = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
        var ok = true;
        foreach (var property in item.Properties)
        {
            if (Array.IndexOf(EntryKeys, property.Name) < 0)
            {
                problems.Add(new BaselineProblem(property.NameSpan, "unknown key '" + property.Name + "' in a baseline entry; an entry has 'rule', 'file', 'member', 'symbol' and 'count'. No finding is baselined until it is fixed."));
                ok = false;
            }
            else if (values.ContainsKey(property.Name))
            {
                problems.Add(new BaselineProblem(property.NameSpan, "'" + property.Name + "' appears twice in this entry. No finding is baselined until it is fixed."));
                ok = false;
            }
            else
            {
                values[property.Name] = property.Value;
            }
        }

        foreach (var key in EntryKeys)
        {
            if (!values.TryGetValue(key, out var value))
            {
                problems.Add(new BaselineProblem(new TextSpan(item.Span.Start, 1), "this entry has no '" + key + "'; an entry has 'rule', 'file', 'member', 'symbol' and 'count'. No finding is baselined until it is fixed."));
                ok = false;
            }
            else if (key == "count" ? value.Kind != JsonKind.Number : value.Kind != JsonKind.String)
            {
                problems.Add(new BaselineProblem(value.Span, "'" + key + "' must be " + (key == "count" ? "a number" : "a string") + "; found " + JsonValue.KindName(value.Kind) + ". No finding is baselined until it is fixed."));
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var rule = values["rule"].Text ?? string.Empty;
        if (!RuleId.IsMatch(rule))
        {
            problems.Add(new BaselineProblem(values["rule"].Span, "'" + rule + "' is not an ArchGate rule that can be baselined (AG1001 and up; configuration problems AG00xx are fixed, never baselined). No finding is baselined until it is fixed."));
            return null;
        }

        if (!int.TryParse(values["count"].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            problems.Add(new BaselineProblem(values["count"].Span, "'count' must be a whole number of at least 1 (how many findings of this fingerprint are tolerated); found " + values["count"].Text + ". No finding is baselined until it is fixed."));
            return null;
        }

        return new BaselineEntry(new BaselineKey(rule, values["file"].Text!, values["member"].Text!, values["symbol"].Text!), count, item.Span);
    }
}
