using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.Analyzers.Layers;

/// <summary>AG1001 reports: forbidden references grouped per (containing member, forbidden type), reported once per file.</summary>
internal sealed partial class LayerWalker
{
    /// <summary>
    /// Records a forbidden reference; <see cref="FlushReports"/> reports them at the end of the file, one
    /// diagnostic per (containing member, forbidden type).
    /// </summary>
    private void Report(SyntaxNode site, Location location, Scope scope, INamedTypeSymbol target, string targetName, string targetLayer)
    {
        var member = ContainingMember(site);
        var key = (member, (ISymbol)target.OriginalDefinition);
        _pending ??= new List<PendingReport>();
        _groups ??= new Dictionary<(SyntaxNode, ISymbol), int>(ReportKeyComparer.Instance);
        if (_groups.TryGetValue(key, out var index))
        {
            _pending[index].Add(location, targetName);
            return;
        }

        _groups.Add(key, _pending.Count);
        _pending.Add(new PendingReport(scope, location, targetName, targetLayer));
    }

    private List<PendingReport>? _pending;
    private Dictionary<(SyntaxNode, ISymbol), int>? _groups;

    /// <summary>
    /// The member a reference belongs to, for grouping: the nearest method, constructor, accessor's property,
    /// field, event, indexer, operator, enum member or delegate; for references in a type's own declaration
    /// (base list, attributes, constraints) the type; for usings and top-level statements the namespace
    /// declaration or the file.
    /// </summary>
    private static SyntaxNode ContainingMember(SyntaxNode site)
    {
        for (var node = site.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case GlobalStatementSyntax:
                    continue;
                case BaseNamespaceDeclarationSyntax or CompilationUnitSyntax:
                case MemberDeclarationSyntax:
                    return node;
            }
        }

        return site;
    }

    /// <summary>
    /// AG1001, one diagnostic per (containing member, forbidden type): at the first reference in the file's
    /// text, with every other reference of the group as an additional location (the IDE marks each).
    /// Linear in the number of forbidden references.
    /// </summary>
    private void FlushReports()
    {
        if (_pending is null)
        {
            return;
        }

        foreach (var pending in _pending)
        {
            var (location, targetName, others) = pending.Ordered();
            var scope = pending.Scope;
            var fromLayer = scope.Layer!;
            var properties = DiagnosticProperties.For(LayerAnalyzer.ForbiddenLayerDependency, "dependencies." + fromLayer, targetName);
            properties["sourceType"] = scope.SourceName;
            properties["sourceLayer"] = fromLayer;
            properties["targetSymbol"] = targetName;
            properties["targetLayer"] = pending.TargetLayer;
            properties["allowedLayers"] = _model.AllowedList(fromLayer);
            properties["sites"] = (others.Count + 1).ToString(CultureInfo.InvariantCulture);
            _report(DiagnosticProperties.Create(
                LayerAnalyzer.ForbiddenLayerDependency,
                location,
                properties,
                others,
                scope.SourceName,
                fromLayer,
                targetName,
                pending.TargetLayer,
                _model.AllowedText(fromLayer),
                _model.AbstractionText(fromLayer)));
        }
    }

    private sealed class PendingReport
    {
        private List<(Location Location, string TargetName)>? _more;

        public PendingReport(Scope scope, Location location, string targetName, string targetLayer)
        {
            Scope = scope;
            Location = location;
            TargetName = targetName;
            TargetLayer = targetLayer;
        }

        public Scope Scope { get; }

        public Location Location { get; }

        public string TargetName { get; }

        public string TargetLayer { get; }

        public void Add(Location location, string targetName) => (_more ??= new()).Add((location, targetName));

        /// <summary>The first reference in the text (named in the message) and the others in text order.</summary>
        public (Location First, string TargetName, List<Location> Others) Ordered()
        {
            var others = new List<Location>();
            if (_more is null)
            {
                return (Location, TargetName, others);
            }

            var all = new List<(Location Location, string TargetName)>(_more.Count + 1) { (Location, TargetName) };
            all.AddRange(_more);
            all.Sort((a, b) => a.Location.SourceSpan.Start.CompareTo(b.Location.SourceSpan.Start));
            for (var i = 1; i < all.Count; i++)
            {
                others.Add(all[i].Location);
            }

            return (all[0].Location, all[0].TargetName, others);
        }
    }

    private sealed class ReportKeyComparer : IEqualityComparer<(SyntaxNode Member, ISymbol Target)>
    {
        public static readonly ReportKeyComparer Instance = new();

        public bool Equals((SyntaxNode Member, ISymbol Target) x, (SyntaxNode Member, ISymbol Target) y)
            => x.Member == y.Member && SymbolEqualityComparer.Default.Equals(x.Target, y.Target);

        public int GetHashCode((SyntaxNode Member, ISymbol Target) key)
            => (key.Member.GetHashCode() * 397) ^ SymbolEqualityComparer.Default.GetHashCode(key.Target);
    }
}
