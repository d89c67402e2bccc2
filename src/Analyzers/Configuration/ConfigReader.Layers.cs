using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Configuration;

/// <summary>The <c>layers</c> and <c>dependencies</c> sections: layer definitions, the allow-list and its cycles.</summary>
public sealed partial class ConfigReader
{
    private ImmutableArray<LayerDefinition> ReadLayers(JsonValue? value)
    {
        if (value is null || !ExpectKind(value, "layers", JsonKind.Object))
        {
            return ImmutableArray<LayerDefinition>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<LayerDefinition>();
        foreach (var property in value.Properties)
        {
            var path = "layers." + property.Name;
            if (!IsLayerName(property.Name))
            {
                Report(ConfigurationAnalyzer.ConfigInvalidValue, property.NameSpan, path,
                    $"'{JsonParser.Truncate(property.Name)}' is not a valid layer name at {path}: a layer name is one word of letters, digits and '_' (no dots, no wildcards), so that scope lists can tell it from a pattern. Rename the layer.");
                continue;
            }

            if (_layerSpans.ContainsKey(property.Name))
            {
                Report(ConfigurationAnalyzer.ConfigDuplicate, property.NameSpan, path,
                    $"layer '{property.Name}' is declared more than once in 'layers'; only the first declaration is used. Merge the two declarations.");
                continue;
            }

            _layerSpans[property.Name] = property.NameSpan;
            if (!ExpectKind(property.Value, path, JsonKind.Object))
            {
                // Still a declared layer (with no members), so references to it are not reported again.
                result.Add(new LayerDefinition(property.Name, new PatternList(ImmutableArray<NamePattern>.Empty, path + ".namespaces"), ImmutableArray<string>.Empty));
                continue;
            }

            var problemsBefore = _problems.Count;
            var props = Properties(property.Value, path, KnownKeys["layers.*"]);
            var namespaces = ReadPatternList(props.Get("namespaces"), path + ".namespaces", NoDocIds);
            var assemblies = ReadStringList(props.Get("assemblies"), path + ".assemblies", (s, span, p) =>
            {
                if (s.Length == 0 || s.Any(c => !(char.IsLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '*')))
                {
                    Report(ConfigurationAnalyzer.ConfigBadPattern, span, p,
                        $"'{JsonParser.Truncate(s)}' at {p} is not an assembly name. Write the assembly's simple name (e.g. \"Shop.Infrastructure\"); '*' is allowed.");
                    return false;
                }

                _assemblySites.Add((s, span, p));
                return true;
            });

            if (namespaces.IsEmpty && assemblies.IsEmpty && _problems.Count == problemsBefore)
            {
                Report(ConfigurationAnalyzer.ConfigInvalidValue, property.NameSpan, path,
                    $"layer '{property.Name}' has neither 'namespaces' nor 'assemblies', so no code belongs to it. Add namespace patterns (e.g. \"Shop.{property.Name}.**\") or assembly names.");
            }

            result.Add(new LayerDefinition(property.Name, namespaces, assemblies));
        }

        return result.ToImmutable();
    }

    private ImmutableDictionary<string, ImmutableArray<string>> ReadDependencies(JsonValue? value, ImmutableArray<LayerDefinition> layers)
    {
        var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var keySpans = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        if (value is not null && ExpectKind(value, "dependencies", JsonKind.Object))
        {
            foreach (var property in value.Properties)
            {
                var path = "dependencies." + property.Name;
                if (keySpans.ContainsKey(property.Name))
                {
                    Report(ConfigurationAnalyzer.ConfigDuplicate, property.NameSpan, path,
                        $"'{JsonParser.Truncate(property.Name)}' appears more than once in 'dependencies'; only the first entry is used. Merge the two lists.");
                    continue;
                }

                keySpans[property.Name] = property.NameSpan;
                _layerReferences.Add((property.Name, property.NameSpan, path));
                result[property.Name] = ReadStringList(property.Value, path, (s, span, p) =>
                {
                    _layerReferences.Add((s, span, p));
                    return true;
                });
            }
        }

        foreach (var layer in layers)
        {
            if (!result.ContainsKey(layer.Name))
            {
                var span = _layerSpans.TryGetValue(layer.Name, out var declared) ? declared : default;
                var where = value is null ? "there is no 'dependencies' section" : "'dependencies' has no entry for it";
                Report(ConfigurationAnalyzer.ConfigLayerMissingFromDependencies, span, "dependencies",
                    $"layer '{layer.Name}' is declared but {where}, so whether it may use other layers is left undecided (ArchGate allows it nothing). Add \"{layer.Name}\": [ ... ] to 'dependencies' with the layers it may use ([] for none).");
            }
        }

        ReportCycles(result, keySpans);
        return result.ToImmutable();
    }

    /// <summary>
    /// Reports each cycle of 'dependencies' once: one diagnostic per strongly connected component of
    /// two or more layers (a layer may always use itself), at the member that comes first in the file.
    /// Iterative (Tarjan), so a long chain of layers cannot overflow the stack.
    /// </summary>
    private void ReportCycles(IDictionary<string, ImmutableArray<string>> graph, Dictionary<string, TextSpan> keySpans)
    {
        var order = keySpans.OrderBy(k => k.Value.Start).Select(k => k.Key).ToList();
        var successors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in order)
        {
            successors[node] = graph.TryGetValue(node, out var next)
                ? next.Where(n => n != node && keySpans.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList()
                : new List<string>();
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var counter = 0;
        foreach (var root in order)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Edge)>();
            Visit(root);
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, edge) = work.Pop();
                var edges = successors[v];
                if (edge < edges.Count)
                {
                    work.Push((v, edge + 1));
                    var w = edges[edge];
                    if (!index.ContainsKey(w))
                    {
                        Visit(w);
                        work.Push((w, 0));
                    }
                    else if (onStack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                if (low[v] == index[v])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != v);
                    if (component.Count > 1)
                    {
                        components.Add(component);
                    }
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        foreach (var component in components)
        {
            var members = new HashSet<string>(component, StringComparer.Ordinal);
            var start = component.OrderBy(n => keySpans[n].Start).First();
            var cycle = ShortestCycle(start, members, successors);
            Report(ConfigurationAnalyzer.ConfigDependencyCycle, keySpans[start], "dependencies." + start,
                $"'dependencies' form a cycle: {DescribeCycle(cycle)}. Layers that may use each other are one layer in practice, so no rule between them can hold. Remove one direction (depend on an abstraction in the lower layer instead).");
        }

        void Visit(string node)
        {
            index[node] = counter;
            low[node] = counter;
            counter++;
            stack.Push(node);
            onStack.Add(node);
        }
    }

    private static string DescribeCycle(List<string> cycle)
    {
        const int Max = 12;
        return cycle.Count <= Max
            ? string.Join(" -> ", cycle)
            : string.Join(" -> ", cycle.Take(Max - 1)) + " -> … -> " + cycle[cycle.Count - 1] + " (" + (cycle.Count - 1).ToString(CultureInfo.InvariantCulture) + " layers)";
    }

    /// <summary>The shortest cycle through <paramref name="start"/> inside one component, as "A, B, A".</summary>
    private static List<string> ShortestCycle(string start, HashSet<string> members, Dictionary<string, List<string>> successors)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in successors[node])
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var n = node; n != start; n = parent[n])
                    {
                        path.Insert(1, n);
                    }

                    path.Add(start);
                    return path;
                }

                if (members.Contains(next) && !parent.ContainsKey(next))
                {
                    parent[next] = node;
                    queue.Enqueue(next);
                }
            }
        }

        return new List<string> { start, start };
    }
}
