using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.DataAccess;

/// <summary>
/// The approved repository interfaces of a compilation (interfaces matching <c>repositories.interfaces</c>),
/// found once, lazily, the first time a message needs them. Only the namespaces the patterns can reach
/// are walked (<see cref="NamePattern.MayMatchAtOrBelow"/>).
/// </summary>
internal sealed class RepositoryCatalog
{
    private const int MaxNamed = 4;
    private readonly ArchGateContext _context;
    private readonly Once<ImmutableArray<(string Stem, string Text)>> _approved; // sorted by text
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);

    // Pattern match per interface symbol, answered once (AG2003 asks for every interface of every class).
    private readonly SymbolMemo<INamedTypeSymbol, bool> _approvedInterfaces = new();

    public RepositoryCatalog(ArchGateContext context)
    {
        _context = context;
        _approved = new Once<ImmutableArray<(string Stem, string Text)>>(FindApproved);
    }

    /// <summary>
    /// "IOrderRepository (Shop.Application.Abstractions), …" (at most four), or null when none is configured or
    /// found. Interfaces whose entity stem ("Order" of IOrderRepository) appears in the consumer's name come first.
    /// </summary>
    public string? ApprovedInterfacesFor(string consumerName, CancellationToken cancellationToken = default)
    {
        var all = _approved.Get(cancellationToken);
        if (all.IsEmpty)
        {
            return null;
        }

        // Reports come in runs from the same consumer; the text is built once per consumer name.
        return _texts.TryGetValue(consumerName, out var cached) ? cached : _texts.GetOrAdd(consumerName, Build(all, consumerName));
    }

    /// <summary>The text for one consumer: <paramref name="all"/> is sorted by text; those whose stem the name contains go first.</summary>
    private static string Build(ImmutableArray<(string Stem, string Text)> all, string consumerName)
    {
        var sb = new StringBuilder();
        var named = 0;
        foreach (var stemFirst in new[] { true, false })
        {
            foreach (var (stem, text) in all)
            {
                if ((stem.Length > 0 && consumerName.IndexOf(stem, StringComparison.Ordinal) >= 0) != stemFirst)
                {
                    continue;
                }

                if (named == MaxNamed)
                {
                    return sb.Append(", …").ToString();
                }

                sb.Append(named++ == 0 ? string.Empty : ", ").Append(text);
            }
        }

        return sb.ToString();
    }

    /// <summary>True when <paramref name="type"/> is an interface matching <c>repositories.interfaces</c>.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsApprovedInterface(INamedTypeSymbol type)
        => type.TypeKind == TypeKind.Interface && !_context.Config.Repositories.Interfaces.IsEmpty
           && _approvedInterfaces.GetOrAdd(type, t => _context.MatchesType(_context.Config.Repositories.Interfaces, t));

    private ImmutableArray<(string Stem, string Text)> FindApproved(CancellationToken cancellationToken)
    {
        var patterns = _context.Config.Repositories.Interfaces;
        if (patterns.IsEmpty)
        {
            return ImmutableArray<(string, string)>.Empty;
        }

        var found = new Dictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
        Collect(_context.Compilation.GlobalNamespace, new List<string>(), found, cancellationToken);
        return found
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (Stem(pair.Value.Name), pair.Key))
            .ToImmutableArray();
    }

    /// <summary>"Order" for IOrderRepository, "" when the name has no such shape.</summary>
    private static string Stem(string name)
    {
        var start = name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]) ? 1 : 0;
        var end = name.EndsWith("Repository", StringComparison.Ordinal) ? name.Length - "Repository".Length : name.Length;
        return end > start ? name.Substring(start, end - start) : string.Empty;
    }

    /// <summary>
    /// The approved interfaces declared in <paramref name="ns"/> and below, walking only the namespaces an
    /// interface pattern can reach (<see cref="NamePattern.MayMatchAtOrBelow"/>: the pattern's own segments).
    /// </summary>
    private void Collect(INamespaceSymbol ns, List<string> path, Dictionary<string, INamedTypeSymbol> found, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var type in ns.GetTypeMembers())
        {
            if (IsApprovedInterface(type))
            {
                found[Describe(type)] = type;
            }
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            path.Add(child.Name);
            if (_context.Config.Repositories.Interfaces.Patterns.Any(p => p.MayMatchAtOrBelow(path)))
            {
                Collect(child, path, found, cancellationToken);
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary><c>IOrderRepository (Shop.Application.Abstractions)</c>; generic interfaces as <c>IRepository&lt;T&gt;</c>.</summary>
    public string Describe(INamedTypeSymbol type)
    {
        var name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? _context.QualifiedName(n) : null;
        return ns is null ? name : name + " (" + ns + ")";
    }
}
