// ArchGateWriteBaselineTask: compiled by MSBuild's RoslynCodeTaskFactory from ArchGate.Analyzers.targets when a
// build runs with -p:ArchGateWriteBaseline=true (docs/baseline.md). It depends on nothing but the BCL and MSBuild,
// so it works with the bare .NET SDK and in Visual Studio's MSBuild alike.
//
// What it does, once per project, after CoreCompile:
//  1. reads the compiler's SARIF error log (v1 or v2.1) and counts the AG0015 results: in write mode the analyzers
//     report every ArchGate finding as AG0015, with its fingerprint (rule, file, member, symbol) in the properties;
//  2. takes a lock next to the baseline (projects of a solution build in parallel);
//  3. reads the current baseline, drops the entries this project owns (its source files and its project file) and
//     the entries whose file no longer exists, adds this project's fingerprints with their counts, and writes the
//     file sorted, one entry per line, so that reviews see one line per change.
using System;
using System.Collections.Generic;
#if !ARCHGATE_ANALYZER
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ArchGateWriteBaselineTask : Task
{
    private const string RecordId = "AG0015";

    [Required]
    public string ErrorLog { get; set; } = "";

    [Required]
    public string BaselineFile { get; set; } = "";

    [Required]
    public string ProjectFile { get; set; } = "";

    public ITaskItem[] SourceFiles { get; set; } = new ITaskItem[0];

    public override bool Execute()
    {
        var logPath = ErrorLog;
        var comma = logPath.IndexOf(',');
        if (comma >= 0)
        {
            logPath = logPath.Substring(0, comma);
        }

        if (!File.Exists(logPath))
        {
            Log.LogError(null, "ARCHGATE005", null, ProjectFile, 0, 0, 0, 0,
                "ArchGate cannot write the baseline: the compiler's error log '{0}' does not exist. Rebuild with -p:ArchGateWriteBaseline=true (the log is where the analyzers record the findings).", logPath);
            return false;
        }

        Dictionary<string, object> sarif;
        try
        {
            sarif = MiniJson.Parse(File.ReadAllText(logPath)) as Dictionary<string, object>;
        }
        catch (FormatException e)
        {
            Log.LogError(null, "ARCHGATE005", null, ProjectFile, 0, 0, 0, 0, "ArchGate cannot write the baseline: the compiler's error log '{0}' cannot be read ({1}).", logPath, e.Message);
            return false;
        }

        var found = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var result in Results(sarif))
        {
            if (!string.Equals(Str(result, "ruleId"), RecordId, StringComparison.Ordinal))
            {
                continue;
            }

            var props = CustomProperties(result);
            if (props == null)
            {
                continue;
            }

            var entry = new Entry(Str(props, "baselineRule"), Str(props, "baselineFile"), Str(props, "baselineMember"), Str(props, "baselineSymbol"), 1);
            if (entry.Rule.Length == 0)
            {
                continue;
            }

            Entry existing;
            if (found.TryGetValue(entry.Key, out existing))
            {
                existing.Count++;
            }
            else
            {
                found.Add(entry.Key, entry);
            }
        }

        var baselineDir = Path.GetDirectoryName(Path.GetFullPath(BaselineFile)) ?? ".";
        var owned = new HashSet<string>(StringComparer.Ordinal);
        owned.Add(ArchGate.Analyzers.Baseline.SharedBaselinePaths.Relative(baselineDir, ProjectFile));
        foreach (var item in SourceFiles ?? new ITaskItem[0])
        {
            owned.Add(ArchGate.Analyzers.Baseline.SharedBaselinePaths.Relative(baselineDir, item.GetMetadata("FullPath")));
        }

        using (var gate = Lock(BaselineFile + ".lock"))
        {
            if (gate == null)
            {
                Log.LogError(null, "ARCHGATE005", null, BaselineFile, 0, 0, 0, 0, "ArchGate cannot write the baseline: '{0}.lock' stayed locked for two minutes. Delete it if no build is running.", BaselineFile);
                return false;
            }

            var kept = new List<Entry>();
            if (File.Exists(BaselineFile))
            {
                try
                {
                    var root = MiniJson.Parse(File.ReadAllText(BaselineFile)) as Dictionary<string, object>;
                    object entries;
                    if (root != null && root.TryGetValue("entries", out entries) && entries is List<object>)
                    {
                        foreach (var e in (List<object>)entries)
                        {
                            var o = e as Dictionary<string, object>;
                            if (o == null)
                            {
                                continue;
                            }

                            var count = 1;
                            object c;
                            if (o.TryGetValue("count", out c) && c is double)
                            {
                                count = (int)(double)c;
                            }

                            var entry = new Entry(Str(o, "rule"), Str(o, "file"), Str(o, "member"), Str(o, "symbol"), count);
                            if (entry.Rule.Length == 0 || count < 1 || owned.Contains(entry.File) || found.ContainsKey(entry.Key))
                            {
                                continue; // this project's entries are replaced by what it reports now
                            }

                            if (entry.File.Length > 0 && !File.Exists(Path.Combine(baselineDir, entry.File)))
                            {
                                continue; // the file is gone, so is its debt
                            }

                            kept.Add(entry);
                        }
                    }
                }
                catch (FormatException e)
                {
                    Log.LogError(null, "ARCHGATE005", null, BaselineFile, 0, 0, 0, 0,
                        "ArchGate cannot write the baseline: '{0}' is not valid JSON ({1}). Fix it, or delete it and write it again.", BaselineFile, e.Message);
                    return false;
                }
            }

            var all = kept.Concat(found.Values)
                .OrderBy(e => e.File, StringComparer.Ordinal)
                .ThenBy(e => e.Member, StringComparer.Ordinal)
                .ThenBy(e => e.Rule, StringComparer.Ordinal)
                .ThenBy(e => e.Symbol, StringComparer.Ordinal)
                .ToList();
            var text = Render(all);
            var old = File.Exists(BaselineFile) ? File.ReadAllText(BaselineFile) : null;
            if (!string.Equals(old, text, StringComparison.Ordinal))
            {
                Directory.CreateDirectory(baselineDir);
                File.WriteAllText(BaselineFile, text, new UTF8Encoding(false));
            }

            Log.LogMessage(MessageImportance.High, "ArchGate: {0} finding(s) of {1} recorded in {2} ({3} entries in the file).",
                found.Values.Sum(e => e.Count), Path.GetFileNameWithoutExtension(ProjectFile), BaselineFile, all.Count);
        }

        return !Log.HasLoggedErrors;
    }

    private static IDisposable Lock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    return null;
                }

                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    return null;
                }

                Thread.Sleep(50);
            }
        }
    }

    private static IEnumerable<Dictionary<string, object>> Results(Dictionary<string, object> sarif)
    {
        object runs;
        if (sarif == null || !sarif.TryGetValue("runs", out runs) || !(runs is List<object>))
        {
            yield break;
        }

        foreach (var run in ((List<object>)runs).OfType<Dictionary<string, object>>())
        {
            object results;
            if (run.TryGetValue("results", out results) && results is List<object>)
            {
                foreach (var result in ((List<object>)results).OfType<Dictionary<string, object>>())
                {
                    yield return result;
                }
            }
        }
    }

    /// <summary>The diagnostic's Properties: properties.customProperties in both SARIF versions the compiler writes.</summary>
    private static Dictionary<string, object> CustomProperties(Dictionary<string, object> result)
    {
        object props;
        if (!result.TryGetValue("properties", out props) || !(props is Dictionary<string, object>))
        {
            return null;
        }

        object custom;
        return ((Dictionary<string, object>)props).TryGetValue("customProperties", out custom) ? custom as Dictionary<string, object> : null;
    }

    private static string Str(Dictionary<string, object> o, string key)
    {
        object v;
        return o != null && o.TryGetValue(key, out v) && v is string ? (string)v : "";
    }

    private static string Render(List<Entry> entries)
    {
        var sb = new StringBuilder();
        sb.Append("{\n");
        sb.Append("  // ArchGate baseline: findings that existed when ArchGate was adopted; they do not fail the build, new ones do.\n");
        sb.Append("  // Written by `dotnet build -p:ArchGateWriteBaseline=true` (docs/baseline.md). Fix findings; do not add entries by hand.\n");
        sb.Append("  \"version\": 1,\n");
        sb.Append("  \"entries\": [");
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            sb.Append(i == 0 ? "\n" : ",\n");
            sb.Append("    { \"rule\": ").Append(Quote(e.Rule))
              .Append(", \"file\": ").Append(Quote(e.File))
              .Append(", \"member\": ").Append(Quote(e.Member))
              .Append(", \"symbol\": ").Append(Quote(e.Symbol))
              .Append(", \"count\": ").Append(e.Count.ToString(CultureInfo.InvariantCulture))
              .Append(" }");
        }

        sb.Append(entries.Count == 0 ? "]\n" : "\n  ]\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (ch < ' ')
                    {
                        sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private sealed class Entry
    {
        public Entry(string rule, string file, string member, string symbol, int count)
        {
            Rule = rule;
            File = file;
            Member = member;
            Symbol = symbol;
            Count = count;
        }

        public string Rule { get; }

        public string File { get; }

        public string Member { get; }

        public string Symbol { get; }

        public int Count { get; set; }

        public string Key => Rule + "\u0001" + File + "\u0001" + Member + "\u0001" + Symbol;
    }

    /// <summary>A small JSON reader (objects, arrays, strings, numbers, literals; // and /* */ comments, trailing commas).</summary>
    private sealed class MiniJson
    {
        private readonly string _s;
        private int _i;

        private MiniJson(string s) => _s = s;

        public static object Parse(string s)
        {
            var p = new MiniJson(s);
            var v = p.Value(0);
            p.Skip();
            if (p._i < s.Length)
            {
                throw p.Fail("text after the end of the value");
            }

            return v;
        }

        private FormatException Fail(string what)
        {
            var line = 1;
            var col = 1;
            for (var k = 0; k < _i && k < _s.Length; k++)
            {
                if (_s[k] == '\n')
                {
                    line++;
                    col = 1;
                }
                else
                {
                    col++;
                }
            }

            return new FormatException(what + " at line " + line + ", column " + col);
        }

        private void Skip()
        {
            while (_i < _s.Length)
            {
                var c = _s[_i];
                if (char.IsWhiteSpace(c) || c == '\uFEFF')
                {
                    _i++;
                }
                else if (c == '/' && _i + 1 < _s.Length && _s[_i + 1] == '/')
                {
                    while (_i < _s.Length && _s[_i] != '\n')
                    {
                        _i++;
                    }
                }
                else if (c == '/' && _i + 1 < _s.Length && _s[_i + 1] == '*')
                {
                    var end = _s.IndexOf("*/", _i + 2, StringComparison.Ordinal);
                    _i = end < 0 ? _s.Length : end + 2;
                }
                else
                {
                    return;
                }
            }
        }

        private object Value(int depth)
        {
            if (depth > 64)
            {
                throw Fail("nesting too deep");
            }

            Skip();
            if (_i >= _s.Length)
            {
                throw Fail("unexpected end");
            }

            var c = _s[_i];
            if (c == '{')
            {
                _i++;
                var o = new Dictionary<string, object>(StringComparer.Ordinal);
                while (true)
                {
                    Skip();
                    if (_i < _s.Length && _s[_i] == '}')
                    {
                        _i++;
                        return o;
                    }

                    if (_i >= _s.Length || _s[_i] != '"')
                    {
                        throw Fail("expected a property name");
                    }

                    var name = String();
                    Skip();
                    if (_i >= _s.Length || _s[_i] != ':')
                    {
                        throw Fail("expected ':'");
                    }

                    _i++;
                    o[name] = Value(depth + 1);
                    Skip();
                    if (_i < _s.Length && _s[_i] == ',')
                    {
                        _i++;
                    }
                    else if (_i >= _s.Length || _s[_i] != '}')
                    {
                        throw Fail("expected ',' or '}'");
                    }
                }
            }

            if (c == '[')
            {
                _i++;
                var a = new List<object>();
                while (true)
                {
                    Skip();
                    if (_i < _s.Length && _s[_i] == ']')
                    {
                        _i++;
                        return a;
                    }

                    a.Add(Value(depth + 1));
                    Skip();
                    if (_i < _s.Length && _s[_i] == ',')
                    {
                        _i++;
                    }
                    else if (_i >= _s.Length || _s[_i] != ']')
                    {
                        throw Fail("expected ',' or ']'");
                    }
                }
            }

            if (c == '"')
            {
                return String();
            }

            var start = _i;
            while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] == '-' || _s[_i] == '+' || _s[_i] == '.'))
            {
                _i++;
            }

            var word = _s.Substring(start, _i - start);
            switch (word)
            {
                case "true": return true;
                case "false": return false;
                case "null": return null;
            }

            double d;
            if (word.Length > 0 && double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out d))
            {
                return d;
            }

            _i = start;
            throw Fail("unexpected character '" + c + "'");
        }

        private string String()
        {
            _i++; // opening quote
            var sb = new StringBuilder();
            while (_i < _s.Length)
            {
                var c = _s[_i++];
                if (c == '"')
                {
                    return sb.ToString();
                }

                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                if (_i >= _s.Length)
                {
                    break;
                }

                var e = _s[_i++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u':
                        if (_i + 4 > _s.Length)
                        {
                            throw Fail("bad \\u escape");
                        }

                        sb.Append((char)int.Parse(_s.Substring(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _i += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }

            throw Fail("unterminated string");
        }
    }
}
#endif

namespace ArchGate.Analyzers.Baseline
{
    /// <summary>
    /// The path arithmetic of baseline fingerprints, on strings, shared by the task above and the analyzers (which
    /// compile this file with ARCHGATE_ANALYZER defined, so without the task and its MSBuild dependencies): a finding's
    /// file and the entries a project owns must be relative to the baseline in exactly the same way.
    /// </summary>
    internal static class SharedBaselinePaths
    {
        /// <summary>
        /// <paramref name="path"/> relative to <paramref name="directory"/>, with forward slashes ("../" where it lies
        /// outside); the path itself (forward slashes) when either is not absolute or they are on different roots.
        /// </summary>
        public static string Relative(string directory, string path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return "";
            }

            var to = Segments(path);
            if (string.IsNullOrEmpty(directory))
            {
                return string.Join("/", to);
            }

            var from = Segments(directory);
            var ignoreCase = path.Length > 1 && path[1] == ':';
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
}
