using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Runtime.CompilerServices;
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
    private readonly string[][] _patternSegments;
    private readonly Lazy<Dictionary<string, HashSet<string>>> _forbiddenNames;
    private readonly Lazy<Dictionary<string, HashSet<string>>> _forbiddenTypeNames;

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

        _patternSegments = config.Layers.SelectMany(l => l.Namespaces.Patterns).Select(SegmentsOf).ToArray();
        PresentLayers = FindPresentLayers(cancellationToken);
        // No cancellation inside: a Lazy would cache the OperationCanceledException for the whole compilation.
        var names = new Lazy<(Dictionary<string, HashSet<string>> All, Dictionary<string, HashSet<string>> Types)>(
            () => BuildForbiddenNames(CancellationToken.None), isThreadSafe: true);
        _forbiddenNames = new Lazy<Dictionary<string, HashSet<string>>>(() => names.Value.All, isThreadSafe: true);
        _forbiddenTypeNames = new Lazy<Dictionary<string, HashSet<string>>>(() => names.Value.Types, isThreadSafe: true);
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
    /// Cheap pre-filter before binding a name: false when no type or member of a layer forbidden to
    /// <paramref name="fromLayer"/> (nor any using alias) has this simple name, so the name cannot
    /// bind to a forbidden symbol.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayBeForbidden(string fromLayer, string simpleName)
        => ForbiddenNames(fromLayer) is not { } names || names.Contains(simpleName);

    /// <summary>The names behind <see cref="MayBeForbidden"/> for one source layer (null: any name may be).</summary>
    public HashSet<string>? ForbiddenNames(string fromLayer)
        => _forbiddenNames.Value.TryGetValue(fromLayer, out var names) ? names : null;

    /// <summary>The names behind <see cref="MayBeForbiddenType"/> for one source layer (null: any name may be).</summary>
    public HashSet<string>? ForbiddenTypeNames(string fromLayer)
        => _forbiddenTypeNames.Value.TryGetValue(fromLayer, out var names) ? names : null;

    /// <summary>
    /// As <see cref="MayBeForbidden"/> for a name where only a type can stand (a declared type, a
    /// generic argument, a base type, an attribute): only type names and aliases can match.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayBeForbiddenType(string fromLayer, string simpleName)
        => ForbiddenTypeNames(fromLayer) is not { } names || names.Contains(simpleName);

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
        var prefixes = _patternSegments;
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

            if (prefixes.Length > 0)
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
                if (!CouldMatchAtOrBelow(path, prefixes))
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
    /// Per source layer, the simple names that can bind to a symbol of a layer it may not use: the
    /// names of the types in those layers (with and without an <c>Attribute</c> suffix), of their
    /// members (inherited members and extension methods included, since they are declared there),
    /// plus every using-alias name of the compilation. Built once per compilation, on first use.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private (Dictionary<string, HashSet<string>> All, Dictionary<string, HashSet<string>> Types) BuildForbiddenNames(CancellationToken cancellationToken)
    {
        var namesByLayer = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var typeNamesByLayer = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var path = new List<string>();

        AddAssembly(Compilation.Assembly);
        foreach (var assembly in Compilation.SourceModule.ReferencedAssemblySymbols)
        {
            AddAssembly(assembly);
        }

        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax root)
            {
                AddAliases(root.Usings, root.Members);
            }
        }

        return (Merge(namesByLayer), Merge(typeNamesByLayer));

        [MethodImpl(Jit.Optimized)]
        Dictionary<string, HashSet<string>> Merge(Dictionary<string, HashSet<string>> byLayer)
        {
            var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var from in Context.Config.LayerNames)
            {
                var names = new HashSet<string>(aliases, StringComparer.Ordinal);
                foreach (var pair in byLayer)
                {
                    if (!IsAllowed(from, pair.Key))
                    {
                        names.UnionWith(pair.Value);
                    }
                }

                result[from] = names;
            }

            return result;
        }

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
            if (!ns.IsGlobalNamespace && assemblyLayer is null && !CouldMatchAtOrBelow(path, _patternSegments))
            {
                return;
            }

            // The layer of every type declared here, nested types included (ArchGateContext.LayerOf).
            var layer = Context.LayerOfNamespaceSymbol(ns) ?? assemblyLayer;
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    path.Add(child.Name);
                    Walk(child, assemblyLayer);
                    path.RemoveAt(path.Count - 1);
                }
                else if (layer is not null && member is INamedTypeSymbol type)
                {
                    AddType(type, layer);
                }
            }
        }

        [MethodImpl(Jit.Optimized)]
        void AddType(INamedTypeSymbol type, string layer)
        {
            if (!namesByLayer.TryGetValue(layer, out var names))
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                namesByLayer[layer] = names;
                typeNamesByLayer[layer] = new HashSet<string>(StringComparer.Ordinal);
            }

            var typeNames = typeNamesByLayer[layer];
            names.Add(type.Name);
            typeNames.Add(type.Name);
            if (type.Name.Length > "Attribute".Length && type.Name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                var shortName = type.Name.Substring(0, type.Name.Length - "Attribute".Length);
                names.Add(shortName);
                typeNames.Add(shortName);
            }

            names.UnionWith(type.MemberNames);
            if (type.IsRecord)
            {
                foreach (var member in type.GetMembers())
                {
                    names.Add(member.Name);
                }
            }

            foreach (var nested in type.GetTypeMembers())
            {
                AddType(nested, layer);
            }
        }

        [MethodImpl(Jit.Optimized)]
        void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members)
        {
            foreach (var usingDirective in usings)
            {
                if (usingDirective.Alias is { } alias)
                {
                    aliases.Add(alias.Name.Identifier.ValueText);
                }
            }

            foreach (var member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns)
                {
                    AddAliases(ns.Usings, ns.Members);
                }
            }
        }
    }

    /// <summary>The segments of a namespace pattern, for pruning; an <c>N:</c> ID covers its sub-namespaces.</summary>
    private static string[] SegmentsOf(NamePattern pattern)
    {
        if (!pattern.IsDocumentationId)
        {
            return pattern.Text.Split('.');
        }

        var segments = pattern.DocumentationIdName!.Split('.').ToList();
        if (pattern.DocIdKind == 'N')
        {
            segments.Add("**");
        }

        return segments.ToArray();
    }

    /// <summary>True when some pattern could match this namespace or one below it.</summary>
    [MethodImpl(Jit.Optimized)]
    private static bool CouldMatchAtOrBelow(List<string> path, string[][] patterns)
    {
        foreach (var segments in patterns)
        {
            var possible = true;
            for (var i = 0; i < path.Count; i++)
            {
                if (i >= segments.Length)
                {
                    possible = false;
                    break;
                }

                if (segments[i] == "**")
                {
                    break;
                }

                if (!NamePattern.WildcardMatch(segments[i], path[i]))
                {
                    possible = false;
                    break;
                }
            }

            if (possible)
            {
                return true;
            }
        }

        return false;
    }
}
