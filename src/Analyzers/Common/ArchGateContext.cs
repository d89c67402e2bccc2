using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers;

/// <summary>
/// Per-compilation state shared by the rule families: the configuration, and the questions every
/// rule asks of a symbol — which layer is it in, is it in a scope list, is it in the composition
/// root — answered once per namespace / type and cached for the compilation's lifetime.
/// Get it in <c>RegisterCompilationStartAction</c> with <see cref="Create"/>: every ArchGate analyzer
/// of a compilation gets the same instance, so each answer is computed once for all rules.
/// </summary>
public sealed class ArchGateContext
{
    private readonly SymbolMemo<INamespaceSymbol, string?> _namespaceLayers = new();
    private readonly SymbolMemo<IAssemblySymbol, string?> _assemblyLayers = new();
    private readonly ConcurrentDictionary<string, string?> _nameLayers = new(StringComparer.Ordinal);
    private readonly SymbolMemo<ISymbol, string> _names = new();
    private readonly SymbolMemo<INamedTypeSymbol, string> _patternNames = new();
    private readonly SymbolMemo<INamedTypeSymbol, bool> _compositionRoot = new();

    private ArchGateContext(Compilation compilation, ArchGateConfig config)
    {
        Compilation = compilation;
        Config = config;
    }

    public Compilation Compilation { get; }

    public ArchGateConfig Config { get; }

    private DataAccessFacts? _data;
    private RepetitionModel? _repetition;

    /// <summary>
    /// The one data-access classification of this compilation (database calls, saves, transaction begins,
    /// approved repositories from this configuration), built on first use and shared by every rule, so its
    /// per-symbol answers are computed once for all of them.
    /// </summary>
    internal DataAccessFacts Data => Volatile.Read(ref _data) ?? Publish(ref _data, new DataAccessFacts(KnownSymbols.For(Compilation), this));

    /// <summary>The one "runs once per element" model of this compilation (loops, per-element lambdas), shared by every rule.</summary>
    internal RepetitionModel Repetition => Volatile.Read(ref _repetition) ?? Publish(ref _repetition, new RepetitionModel(KnownSymbols.For(Compilation)));

    private Controllers? _controllers;

    /// <summary>The one MVC controller/action classification of this compilation, shared by the endpoint rules.</summary>
    internal Controllers Controllers => Volatile.Read(ref _controllers) ?? Publish(ref _controllers, new Controllers(KnownSymbols.For(Compilation)));

    /// <summary>Stores <paramref name="created"/> unless another thread got there first; returns the stored value.</summary>
    private static T Publish<T>(ref T? field, T created)
        where T : class
        => Interlocked.CompareExchange(ref field, created, null) ?? created;

    private static readonly PerCompilation<ArchGateContext> s_shared = new();

    /// <summary>
    /// The context of this compilation, shared by all ArchGate analyzers: the configuration is parsed
    /// once per file content (<see cref="ConfigLoader"/>), and while it is the same configuration the
    /// context built by the first analyzer is returned, with the answers it has cached.
    /// </summary>
#pragma warning disable RS1012 // Only the options and the value cache are used; callers register the actions.
    public static ArchGateContext Create(CompilationStartAnalysisContext context)
#pragma warning restore RS1012
        => s_shared.GetOrCreate(
            context.Compilation,
            ConfigLoader.Load(context),
            static (shared, config) => ReferenceEquals(shared.Config, config),
            static (compilation, config) => new ArchGateContext(compilation, config));

    /// <summary>For tests and tools: a context over an already-read configuration.</summary>
    public static ArchGateContext Create(Compilation compilation, ArchGateConfig config) => new(compilation, config);

    // ---- names -----------------------------------------------------------------------------

    /// <summary>
    /// The dotted, fully qualified name used by patterns: <c>Shop.Domain.Orders.Order</c>, nested
    /// types joined by dots, no generic arity or arguments, empty for the global namespace.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public string QualifiedName(ISymbol symbol)
    {
        if (symbol is INamespaceSymbol { IsGlobalNamespace: true })
        {
            return string.Empty;
        }

        if (symbol is INamedTypeSymbol named && !named.IsDefinition)
        {
            symbol = named.OriginalDefinition;
        }

        return _names.GetOrAdd(symbol, static s => BuildName(s));
    }

    /// <summary>
    /// The name patterns are matched against (<see cref="NamePattern"/>): the qualified name with each
    /// generic type's arity, as in metadata and doc-IDs (<c>Shop.Persistence.GenericRepository`1</c>).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public string PatternName(INamedTypeSymbol type)
    {
        type = type.OriginalDefinition;
        return _patternNames.GetOrAdd(type, static t => BuildName(t, withArity: true));
    }

    [MethodImpl(Jit.Optimized)]
    private static string BuildName(ISymbol symbol, bool withArity = false)
    {
        var sb = new StringBuilder();
        Append(sb, symbol, withArity);
        return sb.ToString();

        static void Append(StringBuilder sb, ISymbol s, bool withArity)
        {
            var parent = (ISymbol?)s.ContainingType ?? s.ContainingNamespace;
            if (parent is not null && !(parent is INamespaceSymbol { IsGlobalNamespace: true }))
            {
                Append(sb, parent, withArity);
                sb.Append('.');
            }

            sb.Append(withArity && s is INamedTypeSymbol ? s.MetadataName : s.Name);
        }
    }

    // ---- layers ----------------------------------------------------------------------------

    /// <summary>
    /// The layer of a symbol: the layer whose namespace patterns match its namespace (the most
    /// specific match wins), else the layer whose assemblies contain its assembly; null when none.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public string? LayerOf(ISymbol symbol)
    {
        if (Config.Layers.IsEmpty)
        {
            return null;
        }

        var ns = symbol as INamespaceSymbol ?? symbol.ContainingNamespace;
        if (ns is not null)
        {
            var byNamespace = LayerOfNamespaceSymbol(ns);
            if (byNamespace is not null)
            {
                return byNamespace;
            }
        }

        var assembly = symbol as IAssemblySymbol ?? symbol.ContainingAssembly;
        return assembly is null ? null : LayerOfAssembly(assembly);
    }

    /// <summary>
    /// The layer whose <c>namespaces</c> patterns match this namespace (most specific wins), without
    /// the fallback to <c>assemblies</c>; null when none. Cached per namespace.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public string? LayerOfNamespaceSymbol(INamespaceSymbol ns)
    {
        if (Config.Layers.IsEmpty)
        {
            return null;
        }

        if (_namespaceLayers.TryGetValue(ns, out var cached))
        {
            return cached;
        }

        var layer = LayerOfNamespace(QualifiedName(ns));
        _namespaceLayers.Set(ns, layer);
        return layer;
    }

    /// <summary>
    /// The layer whose <c>namespaces</c> patterns match a dotted name (most specific wins); null when
    /// none. Used for names that are not namespaces of a symbol, such as assembly names.
    /// </summary>
    public string? LayerOfNamespaceName(string qualifiedName)
        => Config.Layers.IsEmpty ? null : _nameLayers.GetOrAdd(qualifiedName, n => LayerOfNamespace(n));

    /// <summary>
    /// The layer an assembly as a whole belongs to: the one listing it in <c>assemblies</c>, else the
    /// one whose <c>namespaces</c> patterns match the assembly's name (assembly <c>Shop.Infrastructure</c>
    /// with <c>Shop.Infrastructure.**</c>); null when none. Used for project/assembly references (AG1003).
    /// </summary>
    public string? LayerOfAssemblyOrName(IAssemblySymbol assembly)
        => LayerOfAssembly(assembly) ?? LayerOfNamespaceName(assembly.Name);

    /// <summary>The layer an assembly is declared to belong to through <c>layers.*.assemblies</c>.</summary>
    public string? LayerOfAssembly(IAssemblySymbol assembly)
        => _assemblyLayers.TryGetValue(assembly, out var cached) ? cached : _assemblyLayers.GetOrAdd(assembly, a =>
        {
            foreach (var layer in Config.Layers)
            {
                foreach (var name in layer.Assemblies)
                {
                    if (NamePattern.WildcardMatch(name.ToUpperInvariant(), a.Name.ToUpperInvariant()))
                    {
                        return layer.Name;
                    }
                }
            }

            return null;
        });

    [MethodImpl(Jit.Optimized)]
    private string? LayerOfNamespace(string qualifiedName)
    {
        string? best = null;
        var bestScore = (-1, int.MinValue);
        foreach (var layer in Config.Layers)
        {
            foreach (var pattern in layer.Namespaces.Patterns)
            {
                if (pattern.Matches(qualifiedName))
                {
                    var score = pattern.Specificity;
                    if (score.CompareTo(bestScore) > 0)
                    {
                        best = layer.Name;
                        bestScore = score;
                    }
                }
            }
        }

        return best;
    }

    // ---- scopes ----------------------------------------------------------------------------

    /// <summary>The named type a symbol is declared in (itself for a type); null for namespaces and assemblies.</summary>
    [MethodImpl(Jit.Optimized)]
    public static INamedTypeSymbol? EnclosingType(ISymbol? symbol)
    {
        while (symbol is not null)
        {
            if (symbol is INamedTypeSymbol type)
            {
                return type;
            }

            symbol = symbol.ContainingSymbol;
        }

        return null;
    }

    /// <summary>True when <paramref name="type"/> (or a type it is nested in) is listed in <c>compositionRoot</c>.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsCompositionRoot(INamedTypeSymbol type)
    {
        if (Config.CompositionRoot.IsEmpty)
        {
            return false;
        }

        return _compositionRoot.GetOrAdd(type.OriginalDefinition, t =>
        {
            for (INamedTypeSymbol? current = t; current is not null; current = current.ContainingType)
            {
                if (MatchesType(Config.CompositionRoot, current))
                {
                    return true;
                }
            }

            return false;
        });
    }

    /// <summary>
    /// True when code in <paramref name="type"/> is inside the scope list: its layer is named there,
    /// or a pattern matches the type, a type it is nested in, or its namespace.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsInScope(ScopeList scope, INamedTypeSymbol type)
    {
        if (!scope.LayerNames.IsEmpty)
        {
            var layer = LayerOf(type);
            if (layer is not null && scope.LayerNames.Contains(layer))
            {
                return true;
            }
        }

        if (scope.Patterns.IsEmpty)
        {
            return false;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (MatchesType(scope.Patterns, current))
            {
                return true;
            }
        }

        if (type.ContainingNamespace is not { } ns)
        {
            return false;
        }

        var namespaceName = QualifiedName(ns);
        foreach (var pattern in scope.Patterns.Patterns)
        {
            if (pattern.DocIdKind != 'T' && pattern.Matches(namespaceName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a pattern of the list matches <paramref name="type"/> itself (<see cref="MatchesType(NamePattern, INamedTypeSymbol)"/>).</summary>
    [MethodImpl(Jit.Optimized)]
    public bool MatchesType(PatternList list, INamedTypeSymbol type)
    {
        foreach (var pattern in list.Patterns)
        {
            if (MatchesType(pattern, type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="pattern"/> matches <paramref name="type"/> itself: a glob or a <c>T:</c> ID
    /// its <see cref="PatternName"/> (arity included), an <c>N:</c> ID its namespace. Member IDs match no type.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool MatchesType(NamePattern pattern, INamedTypeSymbol type)
        => pattern.DocIdKind switch
        {
            'N' => type.ContainingNamespace is { } ns && pattern.Matches(QualifiedName(ns)),
            '\0' or 'T' => pattern.Matches(PatternName(type)),
            _ => false,
        };

    /// <summary>
    /// True when <paramref name="symbol"/> is selected by a pattern: a documentation-comment ID
    /// naming it, its containing type (a type's members are covered by the type) or its namespace
    /// (<c>N:</c>, covering sub-namespaces); or a glob matching its type's or namespace's name.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool Matches(NamePattern pattern, ISymbol symbol)
    {
        switch (pattern.DocIdKind)
        {
            case 'N':
                return symbol.ContainingNamespace is { } ns && pattern.Matches(QualifiedName(ns));
            case '\0':
            case 'T':
                for (var type = symbol as INamedTypeSymbol ?? symbol.ContainingType; type is not null; type = type.ContainingType)
                {
                    if (pattern.Matches(PatternName(type)))
                    {
                        return true;
                    }
                }

                return false;
            default:
                var member = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol;
                return pattern.MatchesDocumentationId(DocumentationId(member.OriginalDefinition));
        }
    }

    /// <summary>The documentation-comment ID of a symbol, cached.</summary>
    public string DocumentationId(ISymbol symbol)
        => _docIds.GetOrAdd(symbol, static s => s.GetDocumentationCommentId() ?? string.Empty);

    private readonly SymbolMemo<ISymbol, string> _docIds = new();
}
