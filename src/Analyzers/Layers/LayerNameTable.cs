using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.Analyzers.Layers;

/// <summary>
/// The simple names that can bind to a symbol of a layer, built once per compilation: for each name,
/// a bit mask of the layers that declare a type or member of that name (<c>all</c>) and of
/// those that declare a type of that name (<c>types</c>). Using-alias names carry
/// <see cref="AliasBit"/> (an alias can name anything). One table serves every source layer: a layer's
/// <see cref="LayerNameFilter"/> masks it with the layers that layer may not use. Lookups take a string
/// or a range of characters (the executable-code scan looks words up in the source text without
/// allocating a string per word).
/// </summary>
internal sealed class LayerNameTable
{
    /// <summary>The bit of names that are using aliases: they may name a symbol of any layer.</summary>
    public const ulong AliasBit = 1UL << 63;

    /// <summary>The most layers a table can tell apart (one bit each, below <see cref="AliasBit"/>).</summary>
    public const int MaxLayers = 63;

    private string?[] _keys = new string?[256];
    private ulong[] _all = new ulong[256];
    private ulong[] _types = new ulong[256];
    private int _count;

    /// <summary>Records that a layer (<paramref name="bits"/>) declares a member, or a type when <paramref name="isType"/>, named <paramref name="name"/>.</summary>
    public void Add(string name, ulong bits, bool isType)
    {
        if ((_count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        var slot = Hash(name) & (_keys.Length - 1);
        while (_keys[slot] is { } key && !string.Equals(key, name, System.StringComparison.Ordinal))
        {
            slot = (slot + 1) & (_keys.Length - 1);
        }

        if (_keys[slot] is null)
        {
            _keys[slot] = name;
            _count++;
        }

        _all[slot] |= bits;
        if (isType)
        {
            _types[slot] |= bits;
        }
    }

    /// <summary>The masks of <paramref name="name"/>; false when no layer declares it.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool TryGet(string name, out ulong all, out ulong types)
    {
        var mask = _keys.Length - 1;
        for (var slot = Hash(name) & mask; _keys[slot] is { } key; slot = (slot + 1) & mask)
        {
            if (string.Equals(key, name, System.StringComparison.Ordinal))
            {
                all = _all[slot];
                types = _types[slot];
                return true;
            }
        }

        all = types = 0;
        return false;
    }

    /// <summary>The <c>all</c> mask of the name spelled by <c>chars[start..start+length]</c> (0 when no layer declares it).</summary>
    [MethodImpl(Jit.Optimized)]
    public ulong AllOf(char[] chars, int start, int length)
    {
        var hash = Seed;
        for (var i = start; i < start + length; i++)
        {
            hash = Step(hash, chars[i]);
        }

        var mask = _keys.Length - 1;
        for (var slot = hash & 0x7FFFFFFF & mask; _keys[slot] is { } key; slot = (slot + 1) & mask)
        {
            if (key.Length == length && SameChars(key, chars, start))
            {
                return _all[slot];
            }
        }

        return 0;
    }

    [MethodImpl(Jit.Optimized)]
    private static bool SameChars(string key, char[] chars, int start)
    {
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != chars[start + i])
            {
                return false;
            }
        }

        return true;
    }

    // FNV-1a over the UTF-16 code units, the same for strings and character ranges.
    private const int Seed = unchecked((int)2166136261);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(int hash, char c) => unchecked((hash ^ c) * 16777619);

    [MethodImpl(Jit.Optimized)]
    private static int Hash(string name)
    {
        var hash = Seed;
        foreach (var c in name)
        {
            hash = Step(hash, c);
        }

        return hash & 0x7FFFFFFF;
    }

    private void Grow()
    {
        var keys = _keys;
        var all = _all;
        var types = _types;
        _keys = new string?[keys.Length * 2];
        _all = new ulong[keys.Length * 2];
        _types = new ulong[keys.Length * 2];
        var mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key)
            {
                var slot = Hash(key) & mask;
                while (_keys[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }

                _keys[slot] = key;
                _all[slot] = all[i];
                _types[slot] = types[i];
            }
        }
    }
}

/// <summary>
/// The names a source layer must bind before it can tell whether they are a forbidden dependency:
/// a <see cref="LayerNameTable"/> masked with the layers that layer may not use (and aliases).
/// </summary>
internal sealed class LayerNameFilter
{
    private readonly LayerNameTable _table;
    private readonly ulong _forbidden;

    public LayerNameFilter(LayerNameTable table, ulong forbiddenLayers)
    {
        _table = table;
        _forbidden = forbiddenLayers | LayerNameTable.AliasBit;
    }

    /// <summary>
    /// False when <paramref name="name"/> cannot bind to a symbol of a forbidden layer: no type or
    /// member of such a layer (nor any alias) has its text, or only members do and it stands where
    /// only a type can.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayBeForbidden(SimpleNameSyntax name)
    {
        if (!_table.TryGet(name.Identifier.ValueText, out var all, out var types) || (all & _forbidden) == 0)
        {
            return false;
        }

        return (types & _forbidden) != 0 || !SyntaxFacts.IsInTypeOnlyContext(name);
    }

    /// <summary>True when a word of the source text may be a name of a forbidden layer's symbol (the scan's pre-filter).</summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayBeForbidden(char[] chars, int start, int length) => (_table.AllOf(chars, start, length) & _forbidden) != 0;
}
