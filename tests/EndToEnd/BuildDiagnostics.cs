using System.Text.RegularExpressions;

namespace ArchGate.EndToEnd;

/// <summary>One ArchGate diagnostic as printed by <c>dotnet build</c>.</summary>
public sealed record BuildDiagnostic(string Id, string Severity, string File, int Line, int Column, string Message, string? Project)
{
    /// <summary>The line of samples/expected-diagnostics.txt this diagnostic corresponds to: <c>AGxxxx relative/path</c>.</summary>
    public string ExpectedLine(string root) => Id + " " + Relative(root, File);

    public static string Relative(string root, string path) =>
        System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');
}

/// <summary>
/// Parses ArchGate diagnostics out of MSBuild's console output (dotnet build -tl:off), in both shapes:
/// <c>path(line,col): warning AG1001: message [project]</c> and, for a diagnostic without a source
/// location, <c>CSC : warning AG1003: message [project]</c> (the project file stands for the location).
/// </summary>
public static partial class BuildDiagnostics
{
    [GeneratedRegex(@"^\s*(?<file>.+?)\((?<line>\d+),(?<col>\d+)(?:,\d+,\d+)?\)\s*:\s*(?<sev>warning|error) (?<id>AG\d{4})\s*:\s*(?<msg>.*?)(?:\s+\[(?<proj>[^\]]+)\])?\s*$")]
    private static partial Regex Located();

    [GeneratedRegex(@"^\s*(?<origin>[^:(]*?)\s*:\s*(?<sev>warning|error) (?<id>AG\d{4})\s*:\s*(?<msg>.*?)(?:\s+\[(?<proj>[^\]]+)\])?\s*$")]
    private static partial Regex Unlocated();

    [GeneratedRegex(@"\b(warning|error) (CS8032|AD0001|CS8784|CS8785|CS9057)\b")]
    private static partial Regex LoaderProblem();

    /// <summary>Every distinct ArchGate diagnostic of the output (dotnet build repeats warnings in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output)
    {
        var result = new List<BuildDiagnostic>();
        var seen = new HashSet<BuildDiagnostic>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            BuildDiagnostic? diagnostic = null;
            var match = Located().Match(line);
            if (match.Success)
            {
                diagnostic = new BuildDiagnostic(match.Groups["id"].Value, match.Groups["sev"].Value, match.Groups["file"].Value.Trim(),
                    int.Parse(match.Groups["line"].Value), int.Parse(match.Groups["col"].Value), match.Groups["msg"].Value,
                    match.Groups["proj"].Success ? match.Groups["proj"].Value : null);
            }
            else if ((match = Unlocated().Match(line)).Success && match.Groups["proj"].Success)
            {
                var project = match.Groups["proj"].Value;
                diagnostic = new BuildDiagnostic(match.Groups["id"].Value, match.Groups["sev"].Value, project, 0, 0,
                    match.Groups["msg"].Value, project);
            }

            if (diagnostic is not null && seen.Add(diagnostic))
            {
                result.Add(diagnostic);
            }
        }

        return result;
    }

    /// <summary>Lines that say the analyzers did not load or crashed (CS8032, AD0001, CS8784, ...).</summary>
    public static IReadOnlyList<string> LoaderProblems(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => LoaderProblem().IsMatch(l)).Distinct().ToList();

    /// <summary>The lines of an expected-diagnostics file: comments (#) and blank lines skipped, spaces normalised.</summary>
    public static IReadOnlySet<string> ReadExpected(string path) =>
        File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => Regex.Replace(l, @"\s+", " "))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A readable difference of two sets of expected-diagnostics lines; empty when they are equal.</summary>
    public static string Diff(IReadOnlySet<string> expected, IReadOnlySet<string> actual)
    {
        var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        var unexpected = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return string.Empty;
        }

        var lines = new List<string>();
        lines.AddRange(missing.Select(l => "- missing:    " + l));
        lines.AddRange(unexpected.Select(l => "+ unexpected: " + l));
        return string.Join(Environment.NewLine, lines);
    }
}
