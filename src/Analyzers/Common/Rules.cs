using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>Creates ArchGate descriptors: one help-link scheme, one place for the common options.</summary>
internal static class Rules
{
    /// <summary>
    /// Where the rule pages live (docs/rules/AGxxxx.md in the repository): the <c>ArchGateDocsBaseUrl</c> property
    /// of Directory.Build.props, compiled into this assembly as <c>[AssemblyMetadata("ArchGateDocsBaseUrl", ...)]</c>.
    /// </summary>
    public static readonly string HelpLinkBase = DocsBaseUrl() + "docs/rules/";

    private static string DocsBaseUrl()
    {
        foreach (var attribute in typeof(Rules).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false))
        {
            if (attribute is System.Reflection.AssemblyMetadataAttribute { Key: "ArchGateDocsBaseUrl", Value: { Length: > 0 } value })
            {
                return value.EndsWith("/", System.StringComparison.Ordinal) ? value : value + "/";
            }
        }

        return string.Empty; // a build without Directory.Build.props: relative links, still ending in docs/rules/ID.md
    }

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
