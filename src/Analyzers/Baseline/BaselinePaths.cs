using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Baseline;

/// <summary>
/// What the package's targets tell the analyzers about the baseline (compiler-visible properties), and the path
/// arithmetic of fingerprints, done on strings: analyzers touch no file system API (RS1035). Relative paths come from
/// the MSBuild task's own file (src/Package/buildTransitive/ArchGateWriteBaselineTask.cs), compiled into this assembly
/// with ARCHGATE_ANALYZER defined (the task and its MSBuild dependencies left out), so the two cannot drift.
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
    /// outside); the path itself (forward slashes) when either is not absolute or they are on different roots. The
    /// arithmetic is the baseline writer task's own (<see cref="SharedBaselinePaths"/>, compiled from its file).
    /// </summary>
    public static string Relative(string directory, string path) => SharedBaselinePaths.Relative(directory, path);
}
