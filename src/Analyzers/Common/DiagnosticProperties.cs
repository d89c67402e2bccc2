using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>
/// The one vocabulary of diagnostic <see cref="Diagnostic.Properties"/> shared by every ArchGate rule,
/// so SARIF consumers, code fixes and the baseline read the same keys everywhere:
/// <list type="bullet">
/// <item><c>rule</c>: the diagnostic ID (always; set here, never by hand).</item>
/// <item><c>configPath</c>: where in archgate.json the violated constraint comes from (absent when the rule
/// needs no configuration).</item>
/// <item><c>symbol</c>: the key symbol of the finding (the API, type or method that was used or called), as
/// a stable display string; the baseline fingerprint uses it.</item>
/// </list>
/// Families add their own keys next to these (layer names, the loop kind, the migration id...).
/// </summary>
internal static class DiagnosticProperties
{
    public const string Rule = "rule";
    public const string ConfigPath = "configPath";
    public const string Symbol = "symbol";

    /// <summary>Starts the properties of a diagnostic of <paramref name="descriptor"/>.</summary>
    public static ImmutableDictionary<string, string?>.Builder For(DiagnosticDescriptor descriptor, string? configPath = null, string? symbol = null)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder[Rule] = descriptor.Id;
        if (configPath is not null)
        {
            builder[ConfigPath] = configPath;
        }

        if (symbol is not null)
        {
            builder[Symbol] = symbol;
        }

        return builder;
    }

    /// <summary>
    /// Creates a diagnostic whose properties carry the shared vocabulary: <c>rule</c> is always the
    /// descriptor's ID, whatever the caller passed.
    /// </summary>
    public static Diagnostic Create(
        DiagnosticDescriptor descriptor,
        Location location,
        ImmutableDictionary<string, string?>.Builder? properties,
        IEnumerable<Location>? additionalLocations,
        params object?[] messageArgs)
    {
        properties ??= ImmutableDictionary.CreateBuilder<string, string?>();
        properties[Rule] = descriptor.Id;
        return Diagnostic.Create(descriptor, location, additionalLocations, properties.ToImmutable(), messageArgs);
    }

    /// <inheritdoc cref="Create(DiagnosticDescriptor, Location, ImmutableDictionary{string, string?}.Builder?, IEnumerable{Location}?, object?[])"/>
    public static Diagnostic Create(
        DiagnosticDescriptor descriptor,
        Location location,
        ImmutableDictionary<string, string?>.Builder? properties,
        params object?[] messageArgs)
        => Create(descriptor, location, properties, null, messageArgs);

    /// <summary>As <see cref="Create(DiagnosticDescriptor, Location, ImmutableDictionary{string, string?}.Builder?, object?[])"/>, with an effective severity of its own.</summary>
    public static Diagnostic Create(
        DiagnosticDescriptor descriptor,
        Location location,
        DiagnosticSeverity severity,
        ImmutableDictionary<string, string?>.Builder? properties,
        params object?[] messageArgs)
    {
        properties ??= ImmutableDictionary.CreateBuilder<string, string?>();
        properties[Rule] = descriptor.Id;
        return Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties.ToImmutable(), messageArgs);
    }
}
