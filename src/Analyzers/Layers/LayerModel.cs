using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.Analyzers.Layers;

/// <summary>
/// Per-compilation view of the layer configuration used by the layer rules: the allow-matrix, the
/// layer of each referenced type (through <see cref="ArchGateContext"/>'s per-namespace memo), which
/// layers exist in this compilation at all (so a project that cannot reach a forbidden layer is not
/// walked), and the message texts, built once per layer.
/// </summary>
internal sealed class LayerModel
{
    private readonly Dictionary<string, HashSet<string>> _allowed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _canViolate = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _allowedText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _allowedList = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _abstractionText = new(StringComparer.Ordinal);
    private readonly ImmutableArray<NamePattern> _namespacePatterns;
    private readonly Dictionary<string, ulong> _layerBits = new(StringComparer.Ordinal);
    private readonly Once<Dictionary<string, LayerNameFilter>?> _nameFilters;

    public LayerModel(ArchGateContext context, CancellationToken cancellationToken)
    {
        Context = context;
        var config = context.Config;
        foreach (var layer in config.LayerNames)
        {
            var allowed = config.AllowedDependencies(layer).Where(l => l != layer).Distinct().ToArray();
            _allowed[layer] = new HashSet<string>(allowed, StringComparer.Ordinal) { layer };
            _allowedList[layer] = string.Join(",", allowed);
            _allowedText[layer] = allowed.Length == 0 ? "nothing outside itself" : string.Join(", ", allowed);
            _abstractionText[layer] = allowed.Length == 0 ? layer : layer + " or an allowed layer (" + string.Join(", ", allowed) + ")";
        }

        if (config.LayerNames.Count <= LayerNameTable.MaxLayers)
        {
            foreach (var layer in config.LayerNames)
            {
                _layerBits[layer] = 1UL << _layerBits.Count;
            }
        }

        _namespacePatterns = config.Layers.SelectMany(l => l.Namespaces.Patterns).ToImmutableArray();
        PresentLayers = FindPresentLayers(cancellationToken);
        _nameFilters = new Once<Dictionary<string, LayerNameFilter>?>(BuildNameFilters);
        foreach (var layer in config.LayerNames)
        {
            _canViolate[layer] = PresentLayers.Any(present => !_allowed[layer].Contains(present));
        }

        AnyViolationPossible = _canViolate.Values.Any(v => v);
        DeclaredLayersText = string.Join(", ", config.Layers.Select(DescribeLayer));
        DeclaredLayerNames = string.Join(",", config.Layers.Select(l => l.Name));
    }

    public ArchGateContext Context { get; }

    public Compilation Compilation => Context.Compilation;

    /// <summary>Layers that have code in this compilation or in an assembly it references.</summary>
    public ImmutableHashSet<string> PresentLayers { get; }

    /// <summary>False when no layer present here is forbidden to any other: nothing to walk.</summary>
    public bool AnyViolationPossible { get; }

    /// <summary>"Api (Shop.Api.**), Infrastructure (Shop.Infrastructure.**; assemblies: Shop.Infrastructure)".</summary>
    public string DeclaredLayersText { get; }

    /// <summary>"Api,Application,Domain,Infrastructure".</summary>
    public string DeclaredLayerNames { get; }

    /// <summary>True when code in <paramref name="layer"/> could reference a forbidden layer here.</summary>
    public bool CanViolate(string layer) => _canViolate.TryGetValue(layer, out var can) && can;

    public bool IsAllowed(string from, string to) => _allowed.TryGetValue(from, out var allowed) ? allowed.Contains(to) : from == to;

    /// <summary>"nothing outside itself" or "Application, Domain".</summary>
    public string AllowedText(string layer) => _allowedText.TryGetValue(layer, out var text) ? text : "nothing outside itself";

    /// <summary>"Application,Domain" (empty when none), for diagnostic properties.</summary>
    public string AllowedList(string layer) => _allowedList.TryGetValue(layer, out var text) ? text : string.Empty;

    /// <summary>"Domain" or "Api or an allowed layer (Application, Domain)".</summary>
    public string AbstractionText(string layer) => _abstractionText.TryGetValue(layer, out var text) ? text : layer;

    /// <summary>
    /// The cheap pre-filter before binding a name in code of <paramref name="fromLayer"/>: it rules out
    /// names that no type or member of a layer <paramref name="fromLayer"/> may not use (nor any using
    /// alias) has. Null when names cannot be filtered (more layers than a mask holds): bind every name.
    /// </summary>
    public LayerNameFilter? NameFilter(string fromLayer, CancellationToken cancellationToken)
        => _nameFilters.Get(cancellationToken) is { } filters && filters.TryGetValue(fromLayer, out var filter) ? filter : null;

    /// <summary>The layer of a type (its original definition): its namespace's layer, answered by <see cref="ArchGateContext"/>'s per-namespace memo.</summary>
    [MethodImpl(Jit.Optimized)]
    public string? LayerOfType(INamedTypeSymbol type) => Context.LayerOf(type.OriginalDefinition);

    /// <summary>The layer of <paramref name="target"/> when code in <paramref name="fromLayer"/> may not use it; else null.</summary>
    [MethodImpl(Jit.Optimized)]
    public string? ForbiddenLayer(string fromLayer, INamedTypeSymbol target)
    {
        if (target.TypeKind == TypeKind.Error || target.IsAnonymousType || target.IsTupleType)
        {
            return null;
        }

        var layer = LayerOfType(target);
        return layer is null || IsAllowed(fromLayer, layer) ? null : layer;
    }

    /// <summary>The layer of the compilation's own assembly (by <c>assemblies</c>, else by its name).</summary>
    public string? CompilationLayer => Context.LayerOfAssemblyOrName(Compilation.Assembly);

    /// <summary>True when the compilation declares a type listed in <c>compositionRoot</c>.</summary>
    public bool DeclaresCompositionRoot(CancellationToken cancellationToken)
    {
        if (Context.Config.CompositionRoot.IsEmpty)
        {
            return false;
        }

        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(Compilation.Assembly.GlobalNamespace);
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = stack.Pop();
            if (current is INamespaceSymbol ns)
            {
                foreach (var member in ns.GetMembers())
                {
                    stack.Push(member);
                }
            }
            else if (current is INamedTypeSymbol type)
            {
                if (Context.IsCompositionRoot(type))
                {
                    return true;
                }

                foreach (var nested in type.GetTypeMembers())
                {
                    stack.Push(nested);
                }
            }
        }

        return false;
    }

    private static string DescribeLayer(LayerDefinition layer)
    {
        var parts = new List<string>();
        if (!layer.Namespaces.IsEmpty)
        {
            parts.Add(string.Join(", ", layer.Namespaces.Patterns.Select(p => p.Text)));
        }

        if (!layer.Assemblies.IsEmpty)
        {
            parts.Add("assemblies: " + string.Join(", ", layer.Assemblies));
        }

        return parts.Count == 0 ? layer.Name : layer.Name + " (" + string.Join("; ", parts) + ")";
    }

    // ---- which layers exist here --------------------------------------------------------------

    [MethodImpl(Jit.Optimized)]
    private ImmutableHashSet<string> FindPresentLayers(CancellationToken cancellationToken)
    {
        var present = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var path = new List<string>();

        AddAssembly(Compilation.Assembly);
        foreach (var assembly in Compilation.SourceModule.ReferencedAssemblySymbols)
        {
            AddAssembly(assembly);
        }

        return present.ToImmutable();

        [MethodImpl(Jit.Optimized)]
        void AddAssembly(IAssemblySymbol assembly)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Context.LayerOfAssembly(assembly) is { } byAssembly)
            {
                present.Add(byAssembly);
            }

            if (_namespacePatterns.Length > 0)
            {
                path.Clear();
                Walk(assembly.GlobalNamespace);
            }
        }

        [MethodImpl(Jit.Optimized)]
        void Walk(INamespaceSymbol ns)
        {
            if (!ns.IsGlobalNamespace)
            {
                if (!CouldMatchAtOrBelow(path))
                {
                    return;
                }

                if (Context.LayerOfNamespaceSymbol(ns) is { } layer)
                {
                    present.Add(layer);
                }
            }
            else if (Context.LayerOfNamespaceSymbol(ns) is { } globalLayer)
            {
                present.Add(globalLayer);
            }

            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    path.Add(child.Name);
                    Walk(child);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
    }

    /// <summary>
    /// Per source layer, the filter of names that can bind to a symbol of a layer it may not use: one
    /// <see cref="LayerNameTable"/> of the names of the types in layers (with and without an
    /// <c>Attribute</c> suffix) and of their members (inherited members and extension methods
    /// included, since they are declared there), plus every using-alias name of the compilation,
    /// masked per source layer. Built once per compilation, on first use.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private Dictionary<string, LayerNameFilter>? BuildNameFilters(CancellationToken cancellationToken)
    {
        if (_layerBits.Count == 0)
        {
            return null; // more layers than a mask holds
        }

        var table = new LayerNameTable();
        var path = new List<string>();

        AddAssembly(Compilation.Assembly);
        foreach (var assembly in Compilation.SourceModule.ReferencedAssemblySymbols)
        {
            AddAssembly(assembly);
        }

        foreach (var alias in UsingAliases.NamesIn(Compilation, cancellationToken))
        {
            table.Add(alias, LayerNameTable.AliasBit, isType: true);
        }

        var filters = new Dictionary<string, LayerNameFilter>(StringComparer.Ordinal);
        foreach (var from in Context.Config.LayerNames)
        {
            var forbidden = 0UL;
            foreach (var pair in _layerBits)
            {
                if (!IsAllowed(from, pair.Key))
                {
                    forbidden |= pair.Value;
                }
            }

            filters[from] = new LayerNameFilter(table, forbidden);
        }

        return filters;

        [MethodImpl(Jit.Optimized)]
        void AddAssembly(IAssemblySymbol assembly)
        {
            cancellationToken.ThrowIfCancellationRequested();
            path.Clear();
            Walk(assembly.GlobalNamespace, Context.LayerOfAssembly(assembly));
        }

        [MethodImpl(Jit.Optimized)]
        void Walk(INamespaceSymbol ns, string? assemblyLayer)
        {
            if (!ns.IsGlobalNamespace && assemblyLayer is null && !CouldMatchAtOrBelow(path))
            {
                return;
            }

            // The layer of every type declared here, nested types included (ArchGateContext.LayerOf).
            var layer = Context.LayerOfNamespaceSymbol(ns) ?? assemblyLayer;
            var bits = layer is null ? 0UL : _layerBits[layer];
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    path.Add(child.Name);
                    Walk(child, assemblyLayer);
                    path.RemoveAt(path.Count - 1);
                }
                else if (bits != 0 && member is INamedTypeSymbol type)
                {
                    AddType(type, bits);
                }
            }
        }

        [MethodImpl(Jit.Optimized)]
        void AddType(INamedTypeSymbol type, ulong bits)
        {
            table.Add(type.Name, bits, isType: true);
            if (type.Name.Length > "Attribute".Length && type.Name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                table.Add(type.Name.Substring(0, type.Name.Length - "Attribute".Length), bits, isType: true);
            }

            foreach (var name in type.MemberNames)
            {
                table.Add(name, bits, isType: false);
            }

            if (type.IsRecord)
            {
                foreach (var member in type.GetMembers())
                {
                    table.Add(member.Name, bits, isType: false);
                }
            }

            foreach (var nested in type.GetTypeMembers())
            {
                AddType(nested, bits);
            }
        }
    }

    /// <summary>True when some namespace pattern could match this namespace or one below it (<see cref="NamePattern.MayMatchAtOrBelow"/>).</summary>
    [MethodImpl(Jit.Optimized)]
    private bool CouldMatchAtOrBelow(List<string> path)
    {
        foreach (var pattern in _namespacePatterns)
        {
            if (pattern.MayMatchAtOrBelow(path))
            {
                return true;
            }
        }

        return false;
    }
}
