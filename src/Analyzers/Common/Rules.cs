using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>Creates ArchGate descriptors: one help-link scheme, one place for the common options.</summary>
internal static class Rules
{
    /// <summary>Where the rule pages live (docs/rules/AGxxxx.md in the repository).</summary>
    public const string HelpLinkBase = "https://github.com/archgate/archgate/blob/main/docs/rules/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    /// <summary>
    /// Creates a descriptor. <paramref name="messageFormat"/> follows the product's shape:
    /// what happened, which constraint says so, what to do instead.
    /// </summary>
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        bool isEnabledByDefault = true,
        params string[] customTags)
    {
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault,
            description,
            HelpLink(id),
            customTags);
    }
}
