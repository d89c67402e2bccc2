using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>
/// Finds a type by metadata name the way a rule needs it, not the way the compiler's
/// <see cref="Compilation.GetTypeByMetadataName"/> does: that one gives null as soon as two assemblies
/// define the name, even when one of them defines it <c>internal</c> (a vendored copy, a polyfill), which
/// would silently switch off every rule that needs the type. Here the compilation's own type wins; else
/// the one type of that name the compilation can see (public, or internal with
/// <c>InternalsVisibleTo</c> this assembly); two visible types are still ambiguous (null), as for the compiler.
/// </summary>
internal static class WellKnownTypes
{
    public static INamedTypeSymbol? Resolve(Compilation compilation, string metadataName)
    {
        var unique = compilation.GetTypeByMetadataName(metadataName);
        if (unique is not null)
        {
            return unique;
        }

        INamedTypeSymbol? visible = null;
        foreach (var candidate in compilation.GetTypesByMetadataName(metadataName))
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
            {
                return candidate;
            }

            if (!IsVisibleFrom(candidate, compilation.Assembly))
            {
                continue;
            }

            if (visible is not null)
            {
                return null; // two visible definitions: ambiguous
            }

            visible = candidate;
        }

        return visible;
    }

    private static bool IsVisibleFrom(INamedTypeSymbol type, IAssemblySymbol from)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    continue;
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    if (current.ContainingAssembly.GivesAccessTo(from))
                    {
                        continue;
                    }

                    return false;
                default:
                    return false;
            }
        }

        return true;
    }
}
