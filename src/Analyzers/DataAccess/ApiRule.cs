using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.DataAccess;

/// <summary>
/// One scoped API rule of a compilation: <c>dataAccess</c> (AG2001) or one <c>restrictions[i]</c> entry
/// (AG2004). Answers "is this symbol one of my APIs" (cached per symbol definition) and "is code in this
/// type outside my allowed scope" (cached per type).
/// </summary>
internal sealed class ApiRule
{
    private readonly ArchGateContext _context;
    private readonly ApiGroups _groups;
    private readonly ApiGroupMask _groupMask;
    private readonly ImmutableArray<ApiSelector> _patterns;
    private readonly ImmutableArray<ApiSelector> _groupSelectors;
    private readonly PatternList _approvedAbstractions;
    private readonly SymbolMemo<ISymbol, ApiSelector?> _members = new();
    private readonly SymbolMemo<INamedTypeSymbol, ApiSelector?> _types = new();
    private readonly SymbolMemo<INamedTypeSymbol, bool> _outside = new();

    // Cached delegates: GetOrAdd with a lambda over 'this' would allocate one per call (per syntax node).
    private readonly Func<INamedTypeSymbol, bool> _computeOutside;
    private readonly Func<INamedTypeSymbol, ApiSelector?> _computeType;
    private readonly Func<ISymbol, ApiSelector?> _computeMember;
    private readonly SymbolMemo<INamedTypeSymbol, bool> _approved = new();
    private readonly Func<INamedTypeSymbol, bool> _computeApproved;

    public ApiRule(DiagnosticDescriptor descriptor, ImmutableArray<ApiSelector> apis, ScopeList allowedIn, string configPath,
        RestrictionConfig? restriction, ArchGateContext context, ApiGroups groups)
    {
        Descriptor = descriptor;
        AllowedIn = allowedIn;
        ConfigPath = configPath;
        Restriction = restriction;
        _context = context;
        _groups = groups;
        _computeOutside = ComputeOutside;
        _computeType = ComputeType;
        _computeMember = ComputeMember;
        _computeApproved = ComputeApproved;
        _approvedAbstractions = context.Config.Repositories.Interfaces;
        var patterns = ImmutableArray.CreateBuilder<ApiSelector>();
        var groupSelectors = ImmutableArray.CreateBuilder<ApiSelector>();
        foreach (var api in apis)
        {
            if (api.Pattern is null)
            {
                _groupMask |= ApiGroups.MaskOf(api.Group);
                groupSelectors.Add(api);
            }
            else
            {
                patterns.Add(api);
            }
        }

        _patterns = patterns.ToImmutable();
        _groupSelectors = groupSelectors.ToImmutable();

        // Groups with no member in this compilation (no EF Core, no Dapper referenced) cannot match.
        _groupMask &= groups.Available;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public ScopeList AllowedIn { get; }

    public string ConfigPath { get; }

    public RestrictionConfig? Restriction { get; }

    public bool IsEmpty => _groupMask == ApiGroupMask.None && _patterns.IsEmpty;

    /// <summary>True when code declared in <paramref name="type"/> is subject to this rule (not in scope, not composition root).</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsOutside(INamedTypeSymbol type)
        => _outside.GetOrAdd(type.OriginalDefinition, _computeOutside);

    [MethodImpl(Jit.Optimized)]
    private bool ComputeOutside(INamedTypeSymbol type) => !_context.IsCompositionRoot(type) && !_context.IsInScope(AllowedIn, type);

    /// <summary>The selector that makes <paramref name="type"/>'s definition one of this rule's APIs, or null.</summary>
    [MethodImpl(Jit.Optimized)]
    public ApiSelector? MatchType(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        if (definition.TypeKind == TypeKind.Error)
        {
            return null;
        }

        // Built-in groups only: the groups' own per-type answer is all there is to it, no second cache.
        return _patterns.IsEmpty ? ComputeType(definition) : _types.GetOrAdd(definition, _computeType);
    }

    [MethodImpl(Jit.Optimized)]
    private ApiSelector? ComputeType(INamedTypeSymbol t)
    {
        if (_groupMask != ApiGroupMask.None)
        {
            var mask = _groups.GroupsOf(t) & _groupMask;
            if (mask != ApiGroupMask.None)
            {
                return GroupSelector(mask);
            }
        }

        foreach (var selector in _patterns)
        {
            if (_context.Matches(selector.Pattern!, t))
            {
                return selector;
            }
        }

        return null;
    }

    /// <summary>
    /// The selector matching a type as declared (a field's type, a parameter's type, …): the type itself,
    /// array elements, and type arguments recursively, except the type arguments of an approved repository
    /// abstraction (<c>IRepository&lt;Order&gt;</c> only mentions <c>Order</c>).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public ApiSelector? MatchTypeDeep(ITypeSymbol? type, out ITypeSymbol? offending, int depth = 0)
    {
        offending = null;
        if (type is null || depth > 8)
        {
            return null;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                return MatchTypeDeep(array.ElementType, out offending, depth + 1);
            case IPointerTypeSymbol pointer:
                return MatchTypeDeep(pointer.PointedAtType, out offending, depth + 1);
            case INamedTypeSymbol named:
                var own = MatchType(named);
                if (own is not null)
                {
                    offending = named;
                    return own;
                }

                if (named.IsGenericType && !IsApprovedAbstraction(named))
                {
                    foreach (var argument in named.TypeArguments)
                    {
                        var inner = MatchTypeDeep(argument, out offending, depth + 1);
                        if (inner is not null)
                        {
                            return inner;
                        }
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The selector making a member (method, property, field, event) one of this rule's APIs, or null.</summary>
    [MethodImpl(Jit.Optimized)]
    public ApiSelector? MatchMember(ISymbol member)
    {
        if (member is IMethodSymbol { ReducedFrom: { } reduced })
        {
            member = reduced;
        }

        member = member.OriginalDefinition;
        return _patterns.IsEmpty ? ComputeMember(member) : _members.GetOrAdd(member, _computeMember);
    }

    [MethodImpl(Jit.Optimized)]
    private ApiSelector? ComputeMember(ISymbol m)
    {
        if (m.ContainingType is { } containing && _groupMask != ApiGroupMask.None)
        {
            var mask = _groups.GroupsOf(containing) & _groupMask;
            if (mask != ApiGroupMask.None)
            {
                return GroupSelector(mask);
            }
        }

        foreach (var selector in _patterns)
        {
            if (_context.Matches(selector.Pattern!, m))
            {
                return selector;
            }

            // BannedSymbols.txt files often name accessors: M:System.DateTime.get_Now.
            if (m is IPropertySymbol property && selector.Pattern!.DocIdKind == 'M'
                && ((property.GetMethod is { } getter && _context.Matches(selector.Pattern, getter))
                    || (property.SetMethod is { } setter && _context.Matches(selector.Pattern, setter))))
            {
                return selector;
            }
        }

        return null;
    }

    private bool IsApprovedAbstraction(INamedTypeSymbol type)
        => !_approvedAbstractions.IsEmpty && type.TypeKind == TypeKind.Interface
           && _approved.GetOrAdd(type.OriginalDefinition, _computeApproved);

    private bool ComputeApproved(INamedTypeSymbol type) => _context.MatchesType(_approvedAbstractions, type);

    /// <summary>The configured group that matched (<c>@efcore</c> or <c>@efcore.query</c>, as written), for the message.</summary>
    private ApiSelector GroupSelector(ApiGroupMask mask)
    {
        foreach (var selector in _groupSelectors)
        {
            if ((ApiGroups.MaskOf(selector.Group) & mask) != ApiGroupMask.None)
            {
                return selector;
            }
        }

        return _groupSelectors[0]; // unreachable: mask is a part of _groupMask
    }
}
