using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ArchGate.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Tests.Meta;

/// <summary>
/// The lead's checklist for every rule, enforced by reflection over every DiagnosticAnalyzer and
/// CodeFixProvider in ArchGate.Analyzers.dll and ArchGate.CodeFixes.dll, so rules added later are
/// covered without touching this file. Each test lists every offending rule at once.
/// </summary>
public class RuleCatalogTests
{
    /// <summary>The ID range of each category (PRODUCT.md, rule catalog): AGc001-AGc099.</summary>
    private static readonly IReadOnlyDictionary<string, int> CategoryBase = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [RuleCategories.Configuration] = 0,
        [RuleCategories.Layers] = 1000,
        [RuleCategories.DataAccess] = 2000,
        [RuleCategories.Sql] = 3000,
        [RuleCategories.Queries] = 4000,
        [RuleCategories.Transactions] = 5000,
        [RuleCategories.Migrations] = 6000,
        [RuleCategories.Conventions] = 7000,
    };

    private static readonly string[] RuleDocSections = { "## Why", "## Violating example", "## Fixed example", "## Options", "## How to suppress" };

    [Fact]
    public void There_are_analyzers_and_descriptors()
    {
        Assert.NotEmpty(RuleCatalog.AnalyzerTypes);
        Assert.NotEmpty(RuleCatalog.Descriptors);
    }

    [Fact]
    public void Every_analyzer_derives_from_ArchGateAnalyzer_and_targets_CSharp()
        => AssertNone(RuleCatalog.AnalyzerTypes.SelectMany(type =>
        {
            var problems = new List<string>();
            // A DiagnosticSuppressor (the baseline's) registers no actions: its Initialize is sealed by Roslyn.
            if (!typeof(ArchGateAnalyzer).IsAssignableFrom(type) && !typeof(DiagnosticSuppressor).IsAssignableFrom(type))
            {
                problems.Add($"{type.FullName} does not derive from ArchGateAnalyzer (concurrency and generated-code settings).");
            }

            var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
            if (attribute is null || !attribute.Languages.Contains(LanguageNames.CSharp))
            {
                problems.Add($"{type.FullName} has no [DiagnosticAnalyzer(LanguageNames.CSharp)]: the compiler will not load it.");
            }

            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                problems.Add($"{type.FullName} has no public parameterless constructor.");
            }

            return problems;
        }));

    [Fact]
    public void Descriptors_with_the_same_id_agree()
        => AssertNone(RuleCatalog.AllDescriptors.GroupBy(d => d.Id).Where(g => g.Select(d => (d.Title.ToString(), d.Category, d.DefaultSeverity, d.MessageFormat.ToString())).Distinct().Count() > 1)
            .Select(g => $"{g.Key} is declared differently by different analyzers (title, category, severity or message)."));

    [Fact]
    public void Every_id_is_in_the_range_of_its_category_and_the_category_is_known()
    {
        var categories = typeof(RuleCategories).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        AssertNone(RuleCatalog.Descriptors.SelectMany(d =>
        {
            var problems = new List<string>();
            if (!categories.Contains(d.Category))
            {
                problems.Add($"{d.Id}: category '{d.Category}' is not a constant of RuleCategories.");
            }

            var match = Regex.Match(d.Id, "^AG([0-9]{4})$");
            if (!match.Success)
            {
                problems.Add($"{d.Id}: an ID is 'AG' and four digits.");
            }
            else if (!CategoryBase.TryGetValue(d.Category, out var bottom))
            {
                problems.Add($"{d.Id}: category '{d.Category}' has no ID range.");
            }
            else
            {
                var number = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (number < bottom + 1 || number > bottom + 99)
                {
                    problems.Add($"{d.Id}: category {d.Category} uses AG{bottom + 1:0000}-AG{bottom + 99:0000}.");
                }
            }

            return problems;
        }));
    }

    [Fact]
    public void Every_descriptor_has_a_title_message_and_description()
        => AssertNone(RuleCatalog.Descriptors.SelectMany(d =>
        {
            var problems = new List<string>();
            var title = d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(title))
            {
                problems.Add($"{d.Id}: empty title.");
            }
            else if (title.TrimEnd().EndsWith('.'))
            {
                problems.Add($"{d.Id}: the title '{title}' ends with a period.");
            }

            if (string.IsNullOrWhiteSpace(d.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                problems.Add($"{d.Id}: empty message format.");
            }

            if (string.IsNullOrWhiteSpace(d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                problems.Add($"{d.Id}: empty description.");
            }

            return problems;
        }));

    [Fact]
    public void Every_descriptor_has_a_rule_page_and_a_help_link_to_it()
        => AssertNone(RuleCatalog.Descriptors.SelectMany(d =>
        {
            var problems = new List<string>();
            var relative = "docs/rules/" + d.Id + ".md";
            if (d.HelpLinkUri is null || !d.HelpLinkUri.EndsWith(relative, StringComparison.Ordinal))
            {
                problems.Add($"{d.Id}: help link '{d.HelpLinkUri}' does not end with {relative} (use Rules.Create).");
            }

            var path = RepoPaths.Combine("docs", "rules", d.Id + ".md");
            if (!File.Exists(path))
            {
                problems.Add($"{d.Id}: {relative} is missing.");
                return problems;
            }

            var text = File.ReadAllText(path);
            if (!text.StartsWith("# " + d.Id + ":", StringComparison.Ordinal))
            {
                problems.Add($"{d.Id}: {relative} must start with '# {d.Id}: <title>'.");
            }

            foreach (var section in RuleDocSections)
            {
                if (!Regex.IsMatch(text, "^" + Regex.Escape(section), RegexOptions.Multiline | RegexOptions.IgnoreCase))
                {
                    problems.Add($"{d.Id}: {relative} has no '{section}' section.");
                }
            }

            return problems;
        }));

    [Fact]
    public void Every_descriptor_has_a_release_tracking_row_with_its_category_and_severity()
    {
        var rows = ReleaseTrackingRows();
        AssertNone(RuleCatalog.Descriptors.Select(d =>
        {
            if (!rows.TryGetValue(d.Id, out var row))
            {
                return $"{d.Id}: no row in src/Analyzers/AnalyzerReleases.Unshipped.md (or Shipped.md).";
            }

            // Release tracking writes 'Disabled' for a rule that is off by default (RS2000's format).
            var severity = d.IsEnabledByDefault ? d.DefaultSeverity.ToString() : "Disabled";
            return row.Category != d.Category || row.Severity != severity
                ? $"{d.Id}: release tracking says {row.Category} / {row.Severity}, the descriptor {d.Category} / {severity}."
                : null;
        }).OfType<string>());
    }

    [Fact]
    public void Every_id_is_named_by_a_test()
    {
        var testsRoot = RepoPaths.Combine("tests");
        var meta = Path.Combine(testsRoot, "Meta") + Path.DirectorySeparatorChar;
        var texts = Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(meta, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        AssertNone(RuleCatalog.Descriptors.Where(d => !texts.Any(t => t.Contains(d.Id, StringComparison.Ordinal)))
            .Select(d => $"{d.Id}: no test under tests/ (outside tests/Meta) names it."));
    }

    [Fact]
    public void Every_code_fix_fixes_known_descriptors_supports_fix_all_and_is_exported()
        => AssertNone(RuleCatalog.CodeFixTypes.SelectMany(type =>
        {
            var problems = new List<string>();
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                problems.Add($"{type.FullName} has no public parameterless constructor.");
                return problems;
            }

            var fix = (CodeFixProvider)Activator.CreateInstance(type)!;
            if (fix.FixableDiagnosticIds.IsDefaultOrEmpty)
            {
                problems.Add($"{type.FullName} fixes no diagnostic ID.");
            }

            foreach (var id in fix.FixableDiagnosticIds.IsDefault ? ImmutableArray<string>.Empty : fix.FixableDiagnosticIds)
            {
                if (!RuleCatalog.Descriptors.Any(d => d.Id == id))
                {
                    problems.Add($"{type.FullName} fixes {id}, which no analyzer reports.");
                }
            }

            if (fix.GetFixAllProvider() is null)
            {
                problems.Add($"{type.FullName} has no FixAllProvider (return WellKnownFixAllProviders.BatchFixer or a custom one).");
            }

            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            if (export is null || !export.Languages.Contains(LanguageNames.CSharp))
            {
                problems.Add($"{type.FullName} has no [ExportCodeFixProvider(LanguageNames.CSharp)]: the IDE will not find it.");
            }

            return problems;
        }));

    /// <summary>Rule ID → (category, severity) from the New Rules / Changed Rules tables of both release files.</summary>
    internal static Dictionary<string, (string Category, string Severity)> ReleaseTrackingRows()
    {
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            var path = RepoPaths.Combine("src", "Analyzers", file);
            var section = string.Empty;
            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.Trim();
                if (line.StartsWith("###", StringComparison.Ordinal))
                {
                    section = line;
                    continue;
                }

                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length < 3 || !Regex.IsMatch(cells[0], "^AG[0-9]{4}$"))
                {
                    continue;
                }

                if (section.Contains("Removed", StringComparison.OrdinalIgnoreCase))
                {
                    rows.Remove(cells[0]);
                }
                else
                {
                    rows[cells[0]] = (cells[1], cells[2]); // Shipped first, Unshipped overrides (Changed Rules: new values first)
                }
            }
        }

        return rows;
    }

    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join(Environment.NewLine, list));
    }
}

/// <summary>Every analyzer, code fix and descriptor shipped in the two ArchGate assemblies, found by reflection.</summary>
internal static class RuleCatalog
{
    public static Assembly AnalyzerAssembly { get; } = typeof(ArchGateAnalyzer).Assembly;

    public static Assembly CodeFixAssembly { get; } = Assembly.Load(new AssemblyName("ArchGate.CodeFixes"));

    public static IReadOnlyList<Type> AnalyzerTypes { get; } = ConcreteTypes<DiagnosticAnalyzer>();

    public static IReadOnlyList<Type> CodeFixTypes { get; } = ConcreteTypes<CodeFixProvider>();

    public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = AnalyzerTypes
        .Where(t => t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToList();

    public static IReadOnlyList<CodeFixProvider> CodeFixes { get; } = CodeFixTypes
        .Where(t => t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToList();

    /// <summary>Every supported descriptor of every analyzer (an ID may appear more than once).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> AllDescriptors { get; } = Analyzers.SelectMany(a => a.SupportedDiagnostics).ToList();

    /// <summary>One descriptor per ID, ordered by ID.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = AllDescriptors
        .GroupBy(d => d.Id, StringComparer.Ordinal).Select(g => g.First()).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    private static IReadOnlyList<Type> ConcreteTypes<T>()
        => new[] { AnalyzerAssembly, CodeFixAssembly }
            .SelectMany(LoadableTypes)
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(T).IsAssignableFrom(t))
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new InvalidOperationException("Types of " + assembly.GetName().Name + " cannot be loaded: " + string.Join("; ", ex.LoaderExceptions.Select(e => e?.Message)), ex);
        }
    }
}
