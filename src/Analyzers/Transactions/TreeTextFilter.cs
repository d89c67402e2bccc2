using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.Transactions;

/// <summary>
/// A cheap, per-syntax-tree prefilter: whether the tree's source text may contain a call of a method
/// with one of the given names. A method name cannot be aliased, so an invocation of
/// <c>SaveChanges</c> always has the name spelled in the file that holds the call — unless written
/// with a Unicode escape (<c>\u0053aveChanges</c>), which makes the filter answer "may contain".
/// A false answer is certain; a true answer only means the member must be analyzed.
/// </summary>
internal sealed class TreeTextFilter
{
    private readonly string[] _names;
    private readonly ConcurrentDictionary<SyntaxTree, bool> _cache = new(concurrencyLevel: 32, capacity: 1024);
    private readonly Func<SyntaxTree, bool> _scan;

    public TreeTextFilter(params string[] names)
    {
        _names = names;
        _scan = tree => Scan(tree, _names);
    }

    /// <summary>True when any tree holding one of the blocks may mention one of the names.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool MayContain(ImmutableArray<IOperation> blocks)
    {
        SyntaxTree? last = null;
        foreach (var block in blocks)
        {
            var tree = block.Syntax.SyntaxTree;
            if (tree == last)
            {
                continue;
            }

            last = tree;
            if (MayContain(tree))
            {
                return true;
            }
        }

        return false;
    }

    public bool MayContain(SyntaxTree tree) => _cache.TryGetValue(tree, out var may) ? may : _cache.GetOrAdd(tree, _scan);

    [MethodImpl(Jit.Optimized)]
    private static bool Scan(SyntaxTree tree, string[] names)
    {
        var text = tree.GetText().ToString();
        if (text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        foreach (var name in names)
        {
            if (text.IndexOf(name, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
