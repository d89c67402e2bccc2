using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Configuration;

/// <summary>
/// AG0010: the patterns of archgate.json that match nothing in a compilation that can see what they mean. A
/// misspelt pattern does not fail: it silently leaves its rule without effect (a misspelt
/// <c>repositories.interfaces</c> entry, and AG2002 never fires). One archgate.json serves every project, and a
/// project sees only the code it references, so "matches nothing here" alone would report, in the Domain project,
/// every pattern about Infrastructure. A pattern is reported only when this compilation can see where its target
/// would be:
/// <list type="bullet">
/// <item>a literal namespace segment of the pattern does not exist, but a namespace whose name differs by an edit or
/// two does, where it would be (a typo: <c>Shop.Infrastrcture.**</c> beside <c>Shop.Infrastructure</c>);</item>
/// <item>the pattern's namespace part is literal and exists here, nothing in it matches, and either the target's
/// name is an edit or two from a namespace or type there, or that namespace declares types here (it is this
/// project's or a referenced project's namespace, not just the parent of a namespace of another project).</item>
/// </list>
/// Patterns with wildcards in their namespace part (<c>**.Persistence.*</c>, <c>Shop.*.Api</c>) are reported only
/// for a typo in their literal leading segments: which namespaces they mean cannot be known from one project.
/// Assembly names of <c>layers.*.assemblies</c> are reported when an assembly the project sees has a name an
/// edit or two away (<see cref="UnmatchedAssemblies"/>).
/// </summary>
internal static class PatternCoverage
{
    /// <summary>The patterns of <paramref name="sites"/> that match nothing here although this compilation sees where they point, each with its message.</summary>
    public static List<(PatternSite Site, string Message)> Unmatched(ArchGateContext context, ImmutableArray<PatternSite> sites, CancellationToken cancellationToken)
    {
        var result = new List<(PatternSite, string)>();
        foreach (var site in sites)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Check(context, site, cancellationToken) is { } message)
            {
                result.Add((site, message));
            }
        }

        return result;
    }

    /// <summary>
    /// The <c>layers.*.assemblies</c> names (without <c>*</c>) that are neither this project's assembly nor one it
    /// references, while one of those is an edit or two away (compared without regard to case, as the names are):
    /// a name with no near-namesake may be an assembly this project does not reference, and is not reported.
    /// </summary>
    public static List<(TextSpan Span, string ConfigPath, string Message)> UnmatchedAssemblies(
        Compilation compilation, ImmutableArray<(string Name, TextSpan Span, string ConfigPath)> sites, CancellationToken cancellationToken)
    {
        var result = new List<(TextSpan, string, string)>();
        if (sites.IsEmpty)
        {
            return result;
        }

        var names = new List<string>();
        if (compilation.AssemblyName is { } own)
        {
            names.Add(own);
        }

        foreach (var reference in compilation.ReferencedAssemblyNames)
        {
            names.Add(reference.Name);
        }

        foreach (var (name, span, configPath) in sites)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (name.IndexOf('*') < 0 && Closest(name, names, ignoreCase: true) is { } closest)
            {
                result.Add((span, configPath,
                    $"'{name}' at {configPath} is neither this project's assembly nor one it references, but '{closest}' is (did you mean '{closest}'?). "
                    + "An assembly name that matches nothing leaves the layer without the code it was meant to hold: correct it, or remove it if the assembly is gone."));
            }
        }

        return result;
    }

    private static string? Check(ArchGateContext context, PatternSite site, CancellationToken cancellationToken)
    {
        var pattern = site.Pattern;
        var isMember = pattern.DocIdKind is 'M' or 'P' or 'F' or 'E';
        var segments = (pattern.IsDocumentationId ? pattern.DocumentationIdName! : pattern.Text).Split('.');

        // The segments naming the namespace of the target (a member ID: the namespace of its type).
        var namespaceLength = segments.Length - (isMember ? 2 : 1);
        if (namespaceLength < 1)
        {
            return null; // "Program", "*Repository": global-namespace patterns say nothing about where to look
        }

        var literal = 0;
        while (literal < segments.Length && segments[literal].IndexOf('*') < 0)
        {
            literal++;
        }

        var ns = context.Compilation.GlobalNamespace;
        var walked = Math.Min(literal, namespaceLength);
        for (var i = 0; i < walked; i++)
        {
            var child = ChildNamespace(ns, segments[i]);
            if (child is null)
            {
                return Closest(segments[i], ns.GetNamespaceMembers().Select(n => n.Name)) is { } closest
                    ? Typo(site, Join(segments, i + 1), (i == 0 ? string.Empty : Join(segments, i) + ".") + closest, Replace(pattern.Text, segments, i, closest))
                    : null;
            }

            ns = child;
        }

        if (literal < namespaceLength || Matches(context, pattern, ns, segments, namespaceLength, cancellationToken))
        {
            return null;
        }

        var namespaceName = Join(segments, namespaceLength);
        var target = segments[namespaceLength];
        if (target.IndexOf('*') < 0)
        {
            var candidates = ns.GetNamespaceMembers().Select(n => n.Name).Concat(ns.GetTypeMembers().Select(t => t.MetadataName));
            if (Closest(target, candidates) is { } closest)
            {
                return Typo(site, namespaceName + "." + target, namespaceName + "." + closest, Replace(pattern.Text, segments, namespaceLength, closest));
            }
        }

        if (ns.GetTypeMembers().IsEmpty)
        {
            return null; // only the parent of namespaces here: what the pattern means may be in a project this one does not see
        }

        return $"'{pattern.Text}' at {site.ConfigPath} matches no {What(pattern)} in this project, although the project sees the namespace '{namespaceName}' and its types. "
               + "A pattern that matches nothing leaves the rule it configures without effect: correct it, or remove it if what it named is gone.";
    }

    private static string Typo(PatternSite site, string missing, string existing, string corrected)
        => $"'{site.Pattern.Text}' at {site.ConfigPath} names '{missing}', which does not exist in this project, but '{existing}' does (did you mean '{corrected}'?). "
           + "A pattern that matches nothing leaves the rule it configures without effect: correct it, or remove it if what it named is gone.";

    private static string What(NamePattern pattern) => pattern.DocIdKind switch
    {
        'N' => "namespace",
        'T' => "type",
        'M' => "method",
        'P' => "property",
        'F' => "field",
        'E' => "event",
        _ => "namespace or type",
    };

    /// <summary>True when something below <paramref name="ns"/> (the pattern's literal namespace part) matches the pattern.</summary>
    private static bool Matches(ArchGateContext context, NamePattern pattern, INamespaceSymbol ns, string[] segments, int namespaceLength, CancellationToken cancellationToken)
    {
        switch (pattern.DocIdKind)
        {
            case 'M' or 'P' or 'F' or 'E':
                if (pattern.Text.IndexOf('(') >= 0)
                {
                    return DocumentationCommentId.GetFirstSymbolForDeclarationId(pattern.Text, context.Compilation) is not null;
                }

                var memberName = segments[segments.Length - 1];
                var arity = memberName.IndexOf("``", StringComparison.Ordinal);
                memberName = arity >= 0 ? memberName.Substring(0, arity) : memberName;
                memberName = memberName.Replace('#', '.'); // #ctor
                foreach (var type in ns.GetTypeMembers())
                {
                    if (type.MetadataName == segments[namespaceLength] && type.GetMembers(memberName).Any(m => IsKind(m, pattern.DocIdKind)))
                    {
                        return true;
                    }
                }

                return false;
            default:
                var path = new List<string>(segments.Take(namespaceLength));
                return Walk(ns);

                bool Walk(INamespaceSymbol current)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (pattern.DocIdKind != 'T' && pattern.Matches(context.QualifiedName(current)))
                    {
                        return true;
                    }

                    if (pattern.DocIdKind != 'N' && current.GetTypeMembers().Any(AnyTypeMatches))
                    {
                        return true;
                    }

                    foreach (var child in current.GetNamespaceMembers())
                    {
                        path.Add(child.Name);
                        var found = pattern.MayMatchAtOrBelow(path) && Walk(child);
                        path.RemoveAt(path.Count - 1);
                        if (found)
                        {
                            return true;
                        }
                    }

                    return false;
                }

                bool AnyTypeMatches(INamedTypeSymbol type)
                    => context.MatchesType(pattern, type) || type.GetTypeMembers().Any(AnyTypeMatches);
        }
    }

    private static bool IsKind(ISymbol member, char kind) => kind switch
    {
        'M' => member is IMethodSymbol,
        'P' => member is IPropertySymbol,
        'F' => member is IFieldSymbol,
        _ => member is IEventSymbol,
    };

    private static INamespaceSymbol? ChildNamespace(INamespaceSymbol ns, string name)
    {
        foreach (var member in ns.GetMembers(name))
        {
            if (member is INamespaceSymbol child)
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>
    /// The candidate an edit or two away from <paramref name="name"/> (one for names of up to five characters; case
    /// counts unless <paramref name="ignoreCase"/>: patterns are case-sensitive, assembly names are not); null when
    /// there is none, or when the name itself is a candidate (<see cref="ConfigReader.Nearest"/>).
    /// </summary>
    internal static string? Closest(string name, IEnumerable<string> candidates, bool ignoreCase = false)
    {
        var (best, distance) = ConfigReader.Nearest(name, candidates, ignoreCase);
        return distance > 0 && distance <= (name.Length <= 5 ? 1 : 2) ? best : null;
    }

    private static string Join(string[] segments, int count) => string.Join(".", segments, 0, count);

    /// <summary>The pattern as written, with its <paramref name="index"/>th name segment replaced.</summary>
    private static string Replace(string text, string[] segments, int index, string replacement)
    {
        var copy = (string[])segments.Clone();
        copy[index] = replacement;
        var prefix = text.Length > 2 && text[1] == ':' ? text.Substring(0, 2) : string.Empty;
        var parameters = text.IndexOf('(') is var open and >= 0 ? text.Substring(open) : string.Empty;
        return prefix + string.Join(".", copy) + parameters;
    }
}
