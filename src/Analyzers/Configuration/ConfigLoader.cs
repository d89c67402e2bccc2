using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Configuration;

/// <summary>
/// Finds archgate.json among the additional files and returns its model, parsed once per file
/// content through the compiler's <see cref="SourceTextValueProvider{TValue}"/> cache.
/// </summary>
public static class ConfigLoader
{
    public const string FileName = "archgate.json";

    /// <summary>Item metadata set by the package's targets on the file chosen through <c>ArchGateConfigFile</c>.</summary>
    public const string MetadataKey = "build_metadata.AdditionalFiles.ArchGateConfig";

    /// <summary>The configuration of this compilation; <see cref="ArchGateConfig.Empty"/> when there is no file.</summary>
#pragma warning disable RS1012 // The context is used only for its options and its value cache; callers register the actions.
    public static ArchGateConfig Load(CompilationStartAnalysisContext context)
    {
        var file = FindConfigFiles(context.Options, context.CancellationToken).FirstOrDefault();
        if (file is null)
        {
            return ArchGateConfig.Empty;
        }

        return Read(file, context, context.CancellationToken).Config;
    }

#pragma warning restore RS1012

    /// <summary>Reads one file through the compiler's cache; an unreadable file is a result with one AG0001 problem.</summary>
#pragma warning disable RS1012 // as above
    internal static ConfigReadResult Read(AdditionalText file, CompilationStartAnalysisContext cache, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            return Unreadable;
        }

        return cache.TryGetValue(text, ConfigReader.Provider, out var result) ? result : ConfigReader.Read(text);
    }
#pragma warning restore RS1012

    /// <summary>The result for a file whose text cannot be read: fail closed, reported at 1:1.</summary>
    internal static readonly ConfigReadResult Unreadable = new(
        ArchGateConfig.Unreadable,
        ImmutableArray.Create(new ConfigProblem(ConfigurationAnalyzer.ConfigSyntaxError, default,
            "archgate.json could not be read (the file is missing or not text); no ArchGate rule that needs configuration is applied. Check the path in ArchGateConfigFile or the file's encoding.",
            string.Empty)));

    /// <summary>
    /// The additional files that are ArchGate configuration: marked by the package's targets, or named
    /// archgate.json. The first is the one used, chosen independently of the order of the items: a
    /// marked file (ArchGateConfigFile) first, then the shortest path (the one nearest the root), then
    /// ordinal order.
    /// </summary>
    public static ImmutableArray<AdditionalText> FindConfigFiles(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var found = new List<(AdditionalText File, bool Marked)>();
        foreach (var file in options.AdditionalFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var marked = IsMarked(options, file);
            if (marked || HasConfigName(file))
            {
                found.Add((file, marked));
            }
        }

        if (found.Count <= 1)
        {
            return found.Select(f => f.File).ToImmutableArray();
        }

        return found
            .OrderBy(f => f.Marked ? 0 : 1)
            .ThenBy(f => f.File.Path.Length)
            .ThenBy(f => f.File.Path, StringComparer.Ordinal)
            .Select(f => f.File)
            .ToImmutableArray();
    }

    public static bool IsConfigFile(AnalyzerOptions options, AdditionalText file) => HasConfigName(file) || IsMarked(options, file);

    private static bool HasConfigName(AdditionalText file)
        => string.Equals(FileNameOf(file.Path), FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The part after the last separator; unlike Path.GetFileName, never throws on unusual characters (.NET Framework hosts).</summary>
    private static string FileNameOf(string? path)
    {
        if (path is null)
        {
            return string.Empty;
        }

        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private static bool IsMarked(AnalyzerOptions options, AdditionalText file)
        => options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(MetadataKey, out var marked)
            && string.Equals(marked, "true", StringComparison.OrdinalIgnoreCase);

    private static AdditionalText? FirstOrDefault(this ImmutableArray<AdditionalText> files) => files.IsEmpty ? null : files[0];
}
