using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.DataAccess;

/// <summary>
/// The approved repository interfaces of a compilation (interfaces matching <c>repositories.interfaces</c>),
/// found once, lazily, the first time a message needs them. Only the namespaces the patterns can reach
/// are walked: literal leading segments are followed directly.
/// </summary>
internal sealed class RepositoryCatalog
{
    private const int MaxNamed = 4;
    private readonly ArchGateContext _context;
    private readonly Lazy<string?> _advice;

    public RepositoryCatalog(ArchGateContext context)
    {
        _context = context;
        _advice = new Lazy<string?>(BuildAdvice, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>"IOrderRepository (Shop.Application.Abstractions)" etc., or null when none is configured or found.</summary>
    public string? ApprovedInterfacesText => _advice.Value;

    /// <summary>True when <paramref name="type"/> is an interface matching <c>repositories.interfaces</c>.</summary>
    public bool IsApprovedInterface(INamedTypeSymbol type)
        => type.TypeKind == TypeKind.Interface && !_context.Config.Repositories.Interfaces.IsEmpty
           && _context.Config.Repositories.Interfaces.Matches(_context.QualifiedName(type));

    private string? BuildAdvice()
    {
        var patterns = _context.Config.Repositories.Interfaces;
        if (patterns.IsEmpty)
        {
            return null;
        }

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns.Patterns)
        {
            var text = pattern.IsDocumentationId ? pattern.DocumentationIdName! : pattern.Text;
            var segments = text.Split('.');
            var ns = _context.Compilation.GlobalNamespace;
            var i = 0;
            for (; i < segments.Length - 1 && segments[i].IndexOf('*') < 0; i++)
            {
                ns = ns.GetNamespaceMembers().FirstOrDefault(n => n.Name == segments[i]);
                if (ns is null)
                {
                    break;
                }
            }

            if (ns is not null)
            {
                Collect(ns, found, depth: 0);
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        var count = 0;
        foreach (var name in found)
        {
            if (count == MaxNamed)
            {
                sb.Append(", …");
                break;
            }

            if (count > 0)
            {
                sb.Append(", ");
            }

            sb.Append(name);
            count++;
        }

        return sb.ToString();
    }

    private void Collect(INamespaceSymbol ns, SortedSet<string> found, int depth)
    {
        if (depth > 12)
        {
            return;
        }

        foreach (var type in ns.GetTypeMembers())
        {
            if (IsApprovedInterface(type))
            {
                found.Add(Describe(type));
            }
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            Collect(child, found, depth + 1);
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
