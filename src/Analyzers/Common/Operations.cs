using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers;

/// <summary>What <see cref="Operations.Unwrap"/> looks through. Each caller says which.</summary>
[Flags]
internal enum UnwrapOptions
{
    None = 0,

    /// <summary>Implicit conversions (boxing, to an interface or base type, to object, lambda to delegate...).</summary>
    ImplicitConversions = 1,

    /// <summary>Explicit reference conversions too: <c>(IQueryable&lt;Order&gt;)query</c>.</summary>
    ExplicitReferenceConversions = 2,

    /// <summary><c>(x)</c>.</summary>
    Parentheses = 4,

    /// <summary>Every conversion, explicit numeric and user-defined ones too: the operand whatever was done to its type.</summary>
    AllConversions = 8,

    /// <summary>Implicit conversions and parentheses: the value as written.</summary>
    Implicit = ImplicitConversions | Parentheses,

    /// <summary>Implicit conversions, reference casts and parentheses: the object whatever its static type.</summary>
    Conversions = ImplicitConversions | ExplicitReferenceConversions | Parentheses,
}

/// <summary>
/// Operation-tree facts every family asks: the value behind conversions, the receiver of a call, the
/// function that encloses an operation, the local a value comes from. The one repetition model
/// ("does this operation run once per element?") is <see cref="RepetitionModel"/>.
/// </summary>
internal static class Operations
{
    /// <summary>Strips what <paramref name="options"/> names, outermost first.</summary>
    public static IOperation? Unwrap(IOperation? operation, UnwrapOptions options)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion
                    when ((options & UnwrapOptions.ImplicitConversions) != 0 && conversion.IsImplicit)
                         || ((options & UnwrapOptions.ExplicitReferenceConversions) != 0 && conversion.Conversion.IsReference)
                         || (options & UnwrapOptions.AllConversions) != 0:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized when (options & UnwrapOptions.Parentheses) != 0:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// The receiver of a call: its instance, or the first argument of an extension (or other static)
    /// method, called in reduced or static form, unwrapped with <paramref name="options"/>.
    /// </summary>
    public static IOperation? Receiver(IInvocationOperation invocation, UnwrapOptions options = UnwrapOptions.None)
    {
        if (invocation.Instance is { } instance)
        {
            return Unwrap(instance, options);
        }

        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod && !method.IsStatic)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return Unwrap(argument.Value, options);
            }
        }

        return null;
    }

    /// <summary>The type a method is called on as declared: the containing type, or the <c>this</c> parameter's type of an extension.</summary>
    [MethodImpl(Jit.Optimized)]
    public static ITypeSymbol? DeclaredReceiver(IMethodSymbol method)
    {
        var m = method.ReducedFrom ?? method;
        return m.IsExtensionMethod && m.Parameters.Length > 0 ? m.Parameters[0].Type : m.ContainingType;
    }

    /// <summary>The innermost lambda, anonymous method or local function around an operation; null for the member body itself.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>The symbol of <see cref="EnclosingFunction"/> (lambda, local function), else the member itself.</summary>
    public static IMethodSymbol? EnclosingFunctionSymbol(IOperation operation, ISymbol containingSymbol)
        => EnclosingFunction(operation) switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation local => local.Symbol,
            _ => containingSymbol as IMethodSymbol,
        };

    /// <summary>The root of an operation's tree (the member body).</summary>
    public static IOperation Root(IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The initializer of a local's declaration (<c>var x = ...</c>), if any, in the same tree.</summary>
    public static IOperation? InitializerOf(ILocalSymbol local, SemanticModel? model)
    {
        if (model is null || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(syntax) is IVariableDeclaratorOperation declarator ? declarator.GetVariableInitializer()?.Value : null;
    }

    /// <summary>How many times the local of <paramref name="reference"/> is referenced in the enclosing member body.</summary>
    public static int CountReferences(ILocalReferenceOperation reference)
    {
        var count = 0;
        foreach (var descendant in Root(reference).Descendants())
        {
            if (descendant is ILocalReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Local, reference.Local))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>True when a lambda is converted to an expression tree (translated, never executed in place).</summary>
    public static bool IsExpressionTree(IAnonymousFunctionOperation lambda, INamedTypeSymbol? lambdaExpression)
    {
        if (lambdaExpression is null)
        {
            return false;
        }

        for (var parent = lambda.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IDelegateCreationOperation:
                    continue;
                case IConversionOperation conversion:
                    return KnownSymbols.IsOrInheritsFrom(conversion.Type, lambdaExpression);
            }

            break;
        }

        var converted = lambda.SemanticModel?.GetTypeInfo(lambda.Syntax).ConvertedType;
        return KnownSymbols.IsOrInheritsFrom(converted, lambdaExpression);
    }

    /// <summary>The call a lambda is passed to as an argument (<c>items.Select(x => ...)</c>), or null.</summary>
    public static IInvocationOperation? InvokedWith(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation invocation } ? invocation : null;
    }

    /// <summary>The symbol a simple reference names (local, parameter, field, property), or null.</summary>
    public static ISymbol? ReferencedSymbol(IOperation? operation) => Unwrap(operation, UnwrapOptions.Conversions) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        _ => null,
    };

    /// <summary>The stable text of a called method for the <c>symbol</c> diagnostic property (the definition, not the reduced extension).</summary>
    public static string SymbolText(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition.ToDisplayString();

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="operation"/> or one of its parents.</summary>
    public static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsAnyOf(IOperation operation, ImmutableArray<IOperation> operations)
    {
        foreach (var candidate in operations)
        {
            if (candidate == operation)
            {
                return true;
            }
        }

        return false;
    }
}
