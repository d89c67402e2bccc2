using System;

namespace ArchGate.Analyzers.Baseline;

/// <summary>
/// The fingerprint of a finding (docs/baseline.md): rule ID, file relative to the baseline's directory (forward
/// slashes), documentation-comment ID of the containing member, and the key symbol. No line or column, so moving
/// code within its member, adding lines above it or reformatting keeps it matched.
/// </summary>
internal readonly struct BaselineKey : IEquatable<BaselineKey>
{
    public BaselineKey(string rule, string file, string member, string symbol)
    {
        Rule = rule ?? string.Empty;
        File = file ?? string.Empty;
        Member = member ?? string.Empty;
        Symbol = symbol ?? string.Empty;
    }

    public string Rule { get; }

    public string File { get; }

    public string Member { get; }

    public string Symbol { get; }

    public bool Equals(BaselineKey other)
        => string.Equals(Rule, other.Rule, StringComparison.Ordinal)
           && string.Equals(File, other.File, StringComparison.Ordinal)
           && string.Equals(Member, other.Member, StringComparison.Ordinal)
           && string.Equals(Symbol, other.Symbol, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is BaselineKey other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = StringComparer.Ordinal.GetHashCode(Rule);
            hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(File);
            hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(Member);
            return (hash * 31) + StringComparer.Ordinal.GetHashCode(Symbol);
        }
    }

    public override string ToString() => Rule + " " + File + " " + Member + " " + Symbol;
}
