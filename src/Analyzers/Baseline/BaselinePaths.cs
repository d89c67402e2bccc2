using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Baseline;

/// <summary>
/// What the package's targets tell the analyzers about the baseline (compiler-visible properties), and the path
/// arithmetic of fingerprints, done on strings: analyzers touch no file system API (RS1035). The MSBuild task that
/// writes the file (src/Package/buildTransitive/ArchGateWriteBaselineTask.cs) computes relative paths the same way.
/// </summary>
internal sealed class BaselineSettings
{
    private BaselineSettings(string baseDirectory, string projectFile, bool write)
    {
        BaseDirectory = baseDirectory;
        ProjectFile = projectFile;
        Write = write;
    }

    /// <summary>The directory of the baseline file: fingerprint paths are relative to it.</summary>
    public string BaseDirectory { get; }

    public string ProjectFile { get; }

    /// <summary>ArchGateWriteBaseline=true: record every finding (AG0015) and suppress them all.</summary>
    public bool Write { get; }

    public static BaselineSettings From(AnalyzerOptions options, AdditionalText? baselineFile)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        global.TryGetValue("build_property._ArchGateBaselinePath", out var path);
        global.TryGetValue("build_property._ArchGateProjectFile", out var project);
        global.TryGetValue("build_property.ArchGateWriteBaseline", out var write);
        if (string.IsNullOrEmpty(path))
        {
            path = baselineFile?.Path;
        }

        return new BaselineSettings(
            BaselinePaths.DirectoryOf(path ?? string.Empty),
            project ?? string.Empty,
            string.Equals(write?.Trim(), "true", StringComparison.OrdinalIgnoreCase));
    }
}

internal static class BaselinePaths
{
    /// <summary>The part after the last separator.</summary>
    public static string FileNameOf(string? path)
    {
        if (path is null)
        {
            return string.Empty;
        }

        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    /// <summary>The part before the last separator (empty when there is none).</summary>
    public static string DirectoryOf(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? string.Empty : path.Substring(0, slash);
    }

    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="directory"/>, with forward slashes ("../" where it lies
    /// outside); the path itself (forward slashes) when either is not absolute or they are on different roots.
    /// </summary>
    public static string Relative(string directory, string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        var to = Segments(path);
        if (string.IsNullOrEmpty(directory))
        {
            return string.Join("/", to);
        }

        var from = Segments(directory);
        var ignoreCase = path.Length > 1 && path[1] == ':'; // a Windows drive: paths compare without case
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (from.Count == 0 || to.Count == 0 || IsRooted(path) != IsRooted(directory) || (ignoreCase && !string.Equals(from[0], to[0], comparison)))
        {
            return string.Join("/", to);
        }

        var common = 0;
        while (common < from.Count && common < to.Count - 1 && string.Equals(from[common], to[common], comparison))
        {
            common++;
        }

        var parts = new List<string>();
        for (var i = common; i < from.Count; i++)
        {
            parts.Add("..");
        }

        for (var i = common; i < to.Count; i++)
        {
            parts.Add(to[i]);
        }

        return string.Join("/", parts);
    }

    private static bool IsRooted(string path) => path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');

    private static List<string> Segments(string path)
    {
        var result = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && result.Count > 0 && result[result.Count - 1] != "..")
            {
                result.RemoveAt(result.Count - 1);
                continue;
            }

            result.Add(part);
        }

        return result;
    }
}
