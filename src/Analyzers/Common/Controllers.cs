using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers;

/// <summary>
/// The one answer to "is this an ASP.NET Core MVC controller, is this method an action", shared by the rules
/// that look at endpoints (AG3001's entry points, AG4005, AG7003), following MVC's own discovery: a class
/// (an abstract one as the base of controllers), not <c>[NonController]</c>, that derives from <c>ControllerBase</c>, carries <c>[Controller]</c>
/// or <c>[ApiController]</c> (on itself or a base class), or is a public, non-generic, top-level class named
/// <c>*Controller</c> (a "POCO controller"); an action is a public instance method of one, not
/// <c>[NonAction]</c>. The verdict per type is computed once per compilation (<see cref="ArchGateContext.Controllers"/>).
/// </summary>
internal sealed class Controllers
{
    private readonly INamedTypeSymbol? _controllerBase;
    private readonly INamedTypeSymbol? _controllerAttribute;
    private readonly INamedTypeSymbol? _apiControllerAttribute;
    private readonly INamedTypeSymbol? _nonControllerAttribute;
    private readonly INamedTypeSymbol? _nonActionAttribute;
    private readonly SymbolMemo<INamedTypeSymbol, bool> _types = new(1024);
    private readonly Func<INamedTypeSymbol, bool> _compute;

    public Controllers(KnownSymbols known)
    {
        _controllerBase = known.Get("Microsoft.AspNetCore.Mvc.ControllerBase");
        _controllerAttribute = known.Get("Microsoft.AspNetCore.Mvc.ControllerAttribute");
        _apiControllerAttribute = known.Get("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
        _nonControllerAttribute = known.Get("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        _nonActionAttribute = known.Get("Microsoft.AspNetCore.Mvc.NonActionAttribute");
        _compute = Compute;
    }

    /// <summary>True when MVC is referenced, so that a controller can exist in this compilation.</summary>
    public bool MayExist => _controllerBase is not null || _controllerAttribute is not null || _apiControllerAttribute is not null;

    [MethodImpl(Jit.Optimized)]
    public bool IsController(INamedTypeSymbol type) => MayExist && _types.GetOrAdd(type.OriginalDefinition, _compute);

    /// <summary>A public, ordinary, non-static, non-abstract method of a controller, not <c>[NonAction]</c>.</summary>
    [MethodImpl(Jit.Optimized)]
    public bool IsAction(IMethodSymbol method)
        => method.MethodKind == MethodKind.Ordinary
           && !method.IsStatic
           && !method.IsAbstract
           && !method.IsImplicitlyDeclared
           && method.DeclaredAccessibility == Accessibility.Public
           && method.ContainingType is { } type
           && IsController(type)
           && !HasAttribute(method, _nonActionAttribute);

    private bool Compute(INamedTypeSymbol type)
    {
        // An abstract base of controllers is included: its public methods are actions of the controllers derived from it.
        if (type.TypeKind != TypeKind.Class || HasAttribute(type, _nonControllerAttribute, inherited: true))
        {
            return false;
        }

        if (KnownSymbols.IsOrInheritsFrom(type, _controllerBase)
            || HasAttribute(type, _controllerAttribute, inherited: true)
            || HasAttribute(type, _apiControllerAttribute, inherited: true))
        {
            return true;
        }

        // A POCO controller: found by its name where MVC is referenced.
        return _controllerBase is not null
               && type.DeclaredAccessibility == Accessibility.Public
               && !type.IsGenericType
               && type.ContainingType is null
               && type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the symbol carries the attribute (or one derived from it).</summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (KnownSymbols.IsOrInheritsFrom(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>With <paramref name="inherited"/>, the type or one of its base classes carries the attribute.</summary>
    public static bool HasAttribute(INamedTypeSymbol? type, INamedTypeSymbol? attribute, bool inherited)
    {
        for (; type is not null; type = inherited ? type.BaseType : null)
        {
            if (HasAttribute(type, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
