using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Configuration;

/// <summary>A pattern of archgate.json and where it is written: its span in the file and its JSON path (<c>repositories.implementations[0]</c>).</summary>
public sealed class PatternSite
{
    public PatternSite(NamePattern pattern, TextSpan span, string configPath)
    {
        Pattern = pattern;
        Span = span;
        ConfigPath = configPath;
    }

    public NamePattern Pattern { get; }

    public TextSpan Span { get; }

    public string ConfigPath { get; }
}
