using System.Runtime.CompilerServices;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Sql;

/// <summary>
/// Where a non-constant part of a SQL string comes from: an operation whose value is not known at
/// compile time (the culprit), or — symbolically — the value a parameter had on entry.
/// </summary>
internal sealed class FlowSource
{
    public FlowSource(IOperation operation, IParameterSymbol? parameter, string? via, IOperation? viaOperation, IOperation? leaf = null, bool spliced = false)
    {
        Operation = operation;
        Parameter = parameter;
        Via = via;
        ViaOperation = viaOperation;
        Leaf = leaf ?? operation;
        Spliced = spliced;
    }

    /// <summary>
    /// For a parameter source: its text is combined with other SQL text on the way to the sink
    /// (concatenation, interpolation, <c>string.Format</c>, <c>StringBuilder</c>, <c>+=</c>...), so it is a
    /// value or a fragment spliced into SQL, not the whole SQL text.
    /// </summary>
    public bool Spliced { get; }

    /// <summary>
    /// With <see cref="Via"/>: the operation in the value written to it that brought the non-constant
    /// text in ('name' in <c>sql += name</c>); the culprit itself when it is written directly.
    /// </summary>
    public IOperation Leaf { get; }

    /// <summary>The culprit (for a parameter source: the parameter reference).</summary>
    public IOperation Operation { get; }

    /// <summary>Set when the value is the incoming value of this parameter.</summary>
    public IParameterSymbol? Parameter { get; }

    /// <summary>The local / builder / helper the value went through first, for the message ("'sql' is built from ...").</summary>
    public string? Via { get; }

    /// <summary>The operation that referenced <see cref="Via"/> (null when the culprit is inside the expression itself).</summary>
    public IOperation? ViaOperation { get; }

    /// <summary>The same source seen through a local, field or helper one level further out.</summary>
    public FlowSource WithVia(string via, IOperation viaOperation)
        => new(Operation, Parameter, via, viaOperation, ViaOperation ?? Operation, Spliced);
}

/// <summary>
/// The per-compilation cache of the SQL data flow: summaries of helper methods (what their return
/// value depends on) and of pass-through methods (which parameters they forward into a SQL sink).
/// </summary>
internal sealed class SqlFlowCache
{
    public SqlFlowCache(Compilation compilation, SqlSinks sinks, SqlEntryPoints entryPoints)
    {
        Compilation = compilation;
        Sinks = sinks;
        EntryPoints = entryPoints;
    }

    public SqlEntryPoints EntryPoints { get; }

    public Compilation Compilation { get; }

    public SqlSinks Sinks { get; }

    public ConcurrentDictionary<ISymbol, ImmutableArray<FlowSource>> ReturnSummaries { get; } = SymbolCache.Create<ISymbol, ImmutableArray<FlowSource>>();

    public ConcurrentDictionary<IMethodSymbol, ImmutableDictionary<int, Forward>> PassThroughSummaries { get; } = SymbolCache.Create<IMethodSymbol, ImmutableDictionary<int, Forward>>();

    /// <summary>The operation tree of a declaration in this compilation (null when not in source here).</summary>
    [MethodImpl(Jit.Optimized)]
    public IOperation? OperationOf(SyntaxNode node, SemanticModel? preferred)
    {
        if (!Compilation.ContainsSyntaxTree(node.SyntaxTree))
        {
            return null;
        }

        var model = preferred is not null && preferred.SyntaxTree == node.SyntaxTree
            ? preferred
#pragma warning disable RS1030 // A helper or field declared in another file is read from its own tree. The model is asked for when needed (the driver's semantic-model provider shares it), not pinned here for the whole compilation; the summaries are cached per symbol.
            : Compilation.GetSemanticModel(node.SyntaxTree);
#pragma warning restore RS1030
        return model.GetOperation(node);
    }
}

/// <summary>
/// The "is this SQL constant?" decision: a small intra-procedural data flow over IOperation.
/// Constant: literals and <c>const</c>, <c>nameof</c>, concatenation / interpolation /
/// <c>string.Format</c> / <c>Concat</c> / <c>Join</c> of constants, conditionals and <c>switch</c>
/// expressions whose arms are all constant, <c>static readonly</c> strings of this compilation
/// initialized with constants, locals (and parameters) whose every assignment in the method is
/// constant, <c>StringBuilder</c>s whose every append is constant, and non-overridable helpers of this
/// compilation whose every return is constant given constant arguments. Values of integral, bool,
/// Guid and enum types cannot carry SQL text and count as constant.
/// Parameters of the analysed method are kept symbolic (they make a pass-through, AG3003).
/// </summary>
internal sealed class SqlFlow
{
    private const int MaxDepth = 4;
    private const int MaxSources = 8;

    private readonly SqlFlowCache _cache;
    private readonly int _depth;
    private readonly HashSet<ISymbol> _symbolsInProgress;

    // Lambda parameters of a Select whose source elements are checked separately (names.Select(n => "@" + n)).
    private List<IParameterSymbol>? _boundElements;
    private readonly HashSet<ISymbol> _methodsInProgress;
    private readonly HashSet<ISymbol> _passThroughInProgress;
    private readonly Dictionary<IOperation, ImmutableArray<IOperation>> _descendants = new();

    // > 0 while visiting a part that is combined with other text (see FlowSource.Spliced).
    private int _splice;

    private SqlFlow(SqlFlowCache cache, int depth, HashSet<ISymbol> methodsInProgress, HashSet<ISymbol> passThroughInProgress)
    {
        _cache = cache;
        _depth = depth;
        _methodsInProgress = methodsInProgress;
        _passThroughInProgress = passThroughInProgress;
        _symbolsInProgress = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
    }

    /// <summary>Set when a result depended on a cycle or the depth bound: such results are not cached.</summary>
    public bool Incomplete { get; private set; }

    public static SqlFlow Create(SqlFlowCache cache)
        => new(cache, 0, new HashSet<ISymbol>(SymbolEqualityComparer.Default), new HashSet<ISymbol>(SymbolEqualityComparer.Default));

    /// <summary>A flow for another method's body, one level deeper, sharing the cycle guards.</summary>
    public SqlFlow Nested() => new(_cache, _depth + 1, _methodsInProgress, _passThroughInProgress);

    public void MarkIncomplete() => Incomplete = true;

    /// <summary>Cycle and depth guard of the pass-through summaries.</summary>
    public bool EnterPassThrough(IMethodSymbol method)
    {
        if (_depth >= MaxDepth || !_passThroughInProgress.Add(method))
        {
            Incomplete = true;
            return false;
        }

        return true;
    }

    public void ExitPassThrough(IMethodSymbol method) => _passThroughInProgress.Remove(method);

    /// <summary>The non-constant sources of a value; empty when the value is constant.</summary>
    /// <param name="spliced">The value is itself spliced into SQL text (the argument of a pass-through that splices it).</param>
    public ImmutableArray<FlowSource> Evaluate(IOperation? value, bool spliced = false)
    {
        var result = new List<FlowSource>();
        _splice = spliced ? 1 : 0;
        Visit(value, result);
        return result.ToImmutableArray();
    }

    /// <summary>Visits a part of a value that is combined with other text.</summary>
    private void VisitSpliced(IOperation? op, List<FlowSource> into)
    {
        _splice++;
        try
        {
            Visit(op, into);
        }
        finally
        {
            _splice--;
        }
    }

    private void Add(List<FlowSource> into, FlowSource source)
    {
        if (into.Count < MaxSources)
        {
            into.Add(source);
        }
    }

    private void AddAll(List<FlowSource> into, IEnumerable<FlowSource> sources)
    {
        foreach (var s in sources)
        {
            Add(into, s);
        }
    }

    private void Visit(IOperation? op, List<FlowSource> into)
    {
        if (op is null || into.Count >= MaxSources)
        {
            return;
        }

        if (op.ConstantValue.HasValue || IsSafeType(op.Type))
        {
            return;
        }

        switch (op)
        {
            case IConversionOperation conversion:
                Visit(conversion.Operand, into);
                return;
            case IParenthesizedOperation parenthesized:
                Visit(parenthesized.Operand, into);
                return;
            case IDefaultValueOperation:
            case ILiteralOperation:
            case INameOfOperation:
                return;
            case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Add:
                VisitSpliced(binary.LeftOperand, into);
                VisitSpliced(binary.RightOperand, into);
                return;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolationOperation hole:
                            VisitSpliced(hole.Expression, into);
                            break;
                        case IInterpolatedStringAppendOperation append when append.AppendCall is IInvocationOperation call:
                            foreach (var a in call.Arguments)
                            {
                                VisitSpliced(a.Value, into);
                            }

                            break;
                    }
                }

                return;
            case IInterpolatedStringHandlerCreationOperation handler:
                Visit(handler.Content, into);
                return;
            case IConditionalOperation conditional:
                Visit(conditional.WhenTrue, into);
                Visit(conditional.WhenFalse, into);
                return;
            case ISwitchExpressionOperation switchExpression:
                foreach (var arm in switchExpression.Arms)
                {
                    Visit(arm.Value, into);
                }

                return;
            case ICoalesceOperation coalesce:
                Visit(coalesce.Value, into);
                Visit(coalesce.WhenNull, into);
                return;
            case IArrayCreationOperation array:
                if (array.Initializer is null)
                {
                    Add(into, new FlowSource(op, null, null, null));
                    return;
                }

                foreach (var element in array.Initializer.ElementValues)
                {
                    VisitSpliced(element, into);
                }

                return;
            case IArrayElementReferenceOperation element:
                // cols[i] of an array of constants; the indices are numbers.
                VisitSpliced(element.ArrayReference, into);
                return;
            case IArgumentOperation argument:
                Visit(argument.Value, into);
                return;
            case ILocalReferenceOperation local:
                VisitSymbol(local.Local, op, into);
                return;
            case IParameterReferenceOperation parameter:
                VisitSymbol(parameter.Parameter, op, into);
                return;
            case IFieldReferenceOperation field:
                VisitField(field, into);
                return;
            case IPropertyReferenceOperation property:
                VisitProperty(property, into);
                return;
            case IInvocationOperation invocation:
                VisitInvocation(invocation, into);
                return;
            default:
                Add(into, new FlowSource(op, null, null, null));
                return;
        }
    }

    /// <summary>Types whose values cannot carry SQL text: integral numbers, bool, Guid, enums.</summary>
    internal static bool IsSafeType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return true;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        return type.Name == "Guid" && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };
    }

    // ---- locals and parameters -------------------------------------------------------------

    private void VisitSymbol(ISymbol symbol, IOperation reference, List<FlowSource> into)
    {
        if (_boundElements is not null && symbol is IParameterSymbol bound && _boundElements.Contains(bound, SymbolEqualityComparer.Default))
        {
            return;
        }

        if (!_symbolsInProgress.Add(symbol))
        {
            // Fixpoint: a use inside its own assignments (sql += ...) adds nothing new.
            return;
        }

        try
        {
            var found = new List<FlowSource>();
            if (symbol is IParameterSymbol parameter)
            {
                if (parameter.RefKind is RefKind.Out or RefKind.Ref
                    || parameter.Type.SpecialType != SpecialType.System_String
                    || parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
                {
                    Add(found, new FlowSource(reference, null, null, null));
                }
                else
                {
                    Add(found, new FlowSource(reference, parameter, null, null, spliced: _splice > 0));
                }
            }
            else if (symbol is ILocalSymbol { IsRef: true })
            {
                Add(found, new FlowSource(reference, null, null, null));
            }

            if (IsStringBuilder(symbol is ILocalSymbol l ? l.Type : null))
            {
                // The builder itself is inspected where its ToString() is called.
                Add(found, new FlowSource(reference, null, null, null));
            }
            else
            {
                foreach (var write in WritesTo(symbol, reference))
                {
                    if (write is IArgumentOperation or IDeconstructionAssignmentOperation or IDeclarationPatternOperation or ICatchClauseOperation)
                    {
                        // A write whose value cannot be followed.
                        Add(found, new FlowSource(write, null, null, null));
                    }
                    else if (write.Parent is ICompoundAssignmentOperation)
                    {
                        // sql += part: the part is combined with the text before it.
                        VisitSpliced(write, found);
                    }
                    else
                    {
                        Visit(write, found);
                    }

                    if (found.Count >= MaxSources)
                    {
                        break;
                    }
                }
            }

            var name = symbol.Name;
            foreach (var source in found)
            {
                // A parameter's own incoming value keeps no "via": it is reported as the parameter itself.
                Add(into, source.Parameter is not null && SymbolEqualityComparer.Default.Equals(source.Parameter, symbol)
                    ? source
                    : source.WithVia(name, reference));
            }
        }
        finally
        {
            _symbolsInProgress.Remove(symbol);
        }
    }

    /// <summary>
    /// Every value written to a local or parameter in the method that contains <paramref name="reference"/>;
    /// a write that cannot be followed (ref/out argument, deconstruction, pattern) yields the writing operation
    /// itself, which is then not constant.
    /// </summary>
    private IEnumerable<IOperation> WritesTo(ISymbol symbol, IOperation reference)
    {
        var root = Operations.Root(reference);
        foreach (var op in Descendants(root))
        {
            switch (op)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol):
                    var init = declarator.GetVariableInitializer();
                    if (init is not null)
                    {
                        yield return init.Value;
                    }
                    else if (declarator.Parent is IVariableDeclarationOperation { Initializer: { } shared })
                    {
                        yield return shared.Value;
                    }

                    break;
                case IAssignmentOperation assignment when IsReferenceTo(assignment.Target, symbol)
                                                          || (assignment.Target is IArrayElementReferenceOperation element && IsReferenceTo(element.ArrayReference, symbol)):
                    yield return assignment.Value;
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.None } escape when symbol is ILocalSymbol { Type: IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } }
                                                                                      && IsReferenceTo(escape.Value is IConversionOperation converted ? converted.Operand : escape.Value, symbol)
                                                                                      && !ReadsOnly(escape):
                    // An array of strings passed to a method that may change its elements.
                    yield return escape;
                    break;
                case ICoalesceAssignmentOperation coalesceAssignment when IsReferenceTo(coalesceAssignment.Target, symbol):
                    yield return coalesceAssignment.Value;
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when IsReferenceTo(argument.Value, symbol) || (argument.Value is IDeclarationExpressionOperation d && IsReferenceTo(d.Expression, symbol)):
                    yield return argument;
                    break;
                case IDeconstructionAssignmentOperation deconstruction when Descendants(deconstruction.Target).Any(t => IsReferenceTo(t, symbol) || (t is ILocalReferenceOperation { IsDeclaration: true } lr && SymbolEqualityComparer.Default.Equals(lr.Local, symbol))):
                    yield return deconstruction;
                    break;
                case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, symbol):
                    yield return pattern;
                    break;
                case IForEachLoopOperation loop when loop.Locals.Contains(symbol, SymbolEqualityComparer.Default):
                    yield return loop.Collection is IConversionOperation c ? c.Operand : loop.Collection;
                    break;
                case ICatchClauseOperation catchClause when catchClause.Locals.Contains(symbol, SymbolEqualityComparer.Default):
                    yield return catchClause;
                    break;
            }
        }
    }

    /// <summary>An argument of a method that only reads an array of strings (string.Join, string.Concat, LINQ).</summary>
    private static bool ReadsOnly(IArgumentOperation argument)
    {
        var type = argument.Parent switch
        {
            IInvocationOperation call => call.TargetMethod.ContainingType,
            _ => null,
        };
        return type is not null
               && (type.SpecialType == SpecialType.System_String
                   || type is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } });
    }

    private static bool IsReferenceTo(IOperation? op, ISymbol symbol)
        => op switch
        {
            ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, symbol),
            IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, symbol),
            _ => false,
        };

    private ImmutableArray<IOperation> Descendants(IOperation root)
    {
        if (!_descendants.TryGetValue(root, out var list))
        {
            list = root.DescendantsAndSelf().ToImmutableArray();
            _descendants[root] = list;
        }

        return list;
    }

    // ---- fields and properties -------------------------------------------------------------

    private void VisitField(IFieldReferenceOperation reference, List<FlowSource> into)
    {
        var field = reference.Field;
        if (field.ContainingType?.SpecialType == SpecialType.System_String && field.Name == "Empty")
        {
            return;
        }

        if (!field.IsStatic || !field.IsReadOnly || !IsInThisCompilation(field))
        {
            Add(into, new FlowSource(reference, null, null, null));
            return;
        }

        VisitStaticReadOnly(field, reference, into);
    }

    /// <summary>
    /// A static readonly field, or a static get-only auto-property, of this compilation: the values of its
    /// initializer and of its assignments in the static constructor.
    /// </summary>
    private void VisitStaticReadOnly(ISymbol member, IOperation reference, List<FlowSource> into)
    {
        var values = new List<IOperation>();
        foreach (var syntaxRef in member.DeclaringSyntaxReferences)
        {
            var initializer = syntaxRef.GetSyntax() switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer,
                PropertyDeclarationSyntax property => property.Initializer,
                _ => null,
            };
            if (initializer is not null
                && _cache.OperationOf(initializer, reference.SemanticModel) is ISymbolInitializerOperation init)
            {
                values.Add(init.Value);
            }
        }

        // A static constructor may assign it too.
        foreach (var ctor in member.ContainingType!.StaticConstructors)
        {
            foreach (var syntaxRef in ctor.DeclaringSyntaxReferences)
            {
                if (_cache.OperationOf(syntaxRef.GetSyntax(), reference.SemanticModel) is { } body)
                {
                    foreach (var op in body.DescendantsAndSelf())
                    {
                        if (op is IAssignmentOperation assignment
                            && SymbolEqualityComparer.Default.Equals(
                                assignment.Target switch
                                {
                                    IFieldReferenceOperation f => f.Field,
                                    IPropertyReferenceOperation p => p.Property,
                                    _ => null,
                                },
                                member))
                        {
                            values.Add(assignment.Value);
                        }
                    }
                }
            }
        }

        if (values.Count == 0 || !_symbolsInProgress.Add(member))
        {
            if (values.Count == 0)
            {
                Add(into, new FlowSource(reference, null, null, null));
            }

            return;
        }

        try
        {
            var found = new List<FlowSource>();
            foreach (var value in values)
            {
                Visit(value, found);
            }

            foreach (var source in found)
            {
                Add(into, source.WithVia(member.Name, reference));
            }
        }
        finally
        {
            _symbolsInProgress.Remove(member);
        }
    }

    private void VisitProperty(IPropertyReferenceOperation reference, List<FlowSource> into)
    {
        var property = reference.Property;
        if (property is { IsStatic: true, SetMethod: null, Parameters.IsEmpty: true } && IsInThisCompilation(property) && IsAutoProperty(property))
        {
            // static string Select { get; } = "SELECT ...": a static readonly value.
            VisitStaticReadOnly(property, reference, into);
            return;
        }

        if (property.GetMethod is { } getter && property.Parameters.IsEmpty && CanFollow(getter) && (property.IsStatic || IsAutoless(property)))
        {
            VisitHelper(getter, reference, ImmutableArray<IArgumentOperation>.Empty, into);
            return;
        }

        Add(into, new FlowSource(reference, null, null, null));
    }

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var syntaxRef in property.DeclaringSyntaxReferences)
        {
            if (syntaxRef.GetSyntax() is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }
                && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAutoless(IPropertySymbol property)
    {
        // An instance property is followed only when its getter has a body (computed from constants),
        // never an auto-property, whose value is state.
        foreach (var syntaxRef in property.GetMethod!.DeclaringSyntaxReferences)
        {
            var syntax = syntaxRef.GetSyntax();
            if (syntax is ArrowExpressionClauseSyntax || syntax is AccessorDeclarationSyntax { Body: not null } || syntax is AccessorDeclarationSyntax { ExpressionBody: not null })
            {
                return true;
            }
        }

        return false;
    }

    // ---- invocations -----------------------------------------------------------------------

    private void VisitInvocation(IInvocationOperation invocation, List<FlowSource> into)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;

        if (type?.SpecialType == SpecialType.System_String)
        {
            switch (method.Name)
            {
                case "Format":
                case "Concat":
                case "Join":
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Type.Name == "IFormatProvider")
                        {
                            continue;
                        }

                        VisitSpliced(argument.Value, into);
                    }

                    return;
                case "Split":
                    // The pieces of a constant: "Id,Name".Split(',').
                case "Trim":
                case "TrimStart":
                case "TrimEnd":
                case "ToUpper":
                case "ToUpperInvariant":
                case "ToLower":
                case "ToLowerInvariant":
                case "Replace":
                case "Substring":
                case "Insert":
                case "Remove":
                case "PadLeft":
                case "PadRight":
                case "ToString":
                    Visit(invocation.Instance, into);
                    foreach (var argument in invocation.Arguments)
                    {
                        VisitSpliced(argument.Value, into);
                    }

                    return;
            }
        }

        if (method.Name == "Select" && IsEnumerable(type) && TryVisitSelect(invocation, into))
        {
            return;
        }

        if (IsStringBuilder(type) && method.Name == "ToString" && invocation.Arguments.IsEmpty)
        {
            VisitBuilder(invocation.Instance, into);
            return;
        }

        if (method.Name == "ToString" && invocation.Arguments.IsEmpty && invocation.Instance is { } instance && IsSafeType(instance.Type))
        {
            return;
        }

        if (CanFollow(method))
        {
            VisitHelper(method, invocation, invocation.Arguments, into);
            return;
        }

        Add(into, new FlowSource(invocation, null, null, null));
    }

    private static bool IsEnumerable(INamedTypeSymbol? type)
        => type is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// <c>source.Select(x => ...)</c> with a one-expression lambda: constant when the source's elements are and the
    /// lambda adds only constants (<c>names.Select(n => "@" + n)</c>), or when it reads the <c>ParameterName</c> of
    /// ADO.NET parameters created with constant names (a stored procedure call's parameter list).
    /// </summary>
    private bool TryVisitSelect(IInvocationOperation invocation, List<FlowSource> into)
    {
        if (invocation.Arguments.Length != 2
            || Unwrap(invocation.Arguments[1].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
            || lambda.Symbol.Parameters.Length != 1
            || lambda.Body.Operations.Length != 1
            || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
        {
            return false;
        }

        var element = lambda.Symbol.Parameters[0];
        var source = invocation.Arguments[0].Value;
        if (Unwrap(returned) is IPropertyReferenceOperation { Property.Name: "ParameterName", Instance: IParameterReferenceOperation instance }
            && SymbolEqualityComparer.Default.Equals(instance.Parameter, element))
        {
            VisitParameterNames(source, invocation, into);
            return true;
        }

        _boundElements ??= new List<IParameterSymbol>();
        _boundElements.Add(element);
        try
        {
            VisitSpliced(returned, into);
        }
        finally
        {
            _boundElements.Remove(element);
        }

        VisitSpliced(source, into);
        return true;
    }

    private static IOperation Unwrap(IOperation op) => Operations.Unwrap(op, UnwrapOptions.AllConversions)!;

    /// <summary>The names of the ADO.NET parameters in an array (a local or a creation): constant when each is created with a constant name.</summary>
    private void VisitParameterNames(IOperation collection, IOperation reportAt, List<FlowSource> into)
    {
        switch (Unwrap(collection))
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    VisitParameterName(element, into);
                }

                return;
            case ILocalReferenceOperation local when local.Local.Type is IArrayTypeSymbol && !local.Local.IsRef && _symbolsInProgress.Add(local.Local):
                try
                {
                    foreach (var write in WritesTo(local.Local, local))
                    {
                        if (write is IArgumentOperation or IDeconstructionAssignmentOperation or IDeclarationPatternOperation or ICatchClauseOperation)
                        {
                            Add(into, new FlowSource(write, null, null, null));
                        }
                        else if (write.Parent is IAssignmentOperation { Target: IArrayElementReferenceOperation })
                        {
                            VisitParameterName(write, into);
                        }
                        else
                        {
                            VisitParameterNames(write, reportAt, into);
                        }
                    }
                }
                finally
                {
                    _symbolsInProgress.Remove(local.Local);
                }

                return;
            default:
                Add(into, new FlowSource(reportAt, null, null, null));
                return;
        }
    }

    private void VisitParameterName(IOperation parameter, List<FlowSource> into)
    {
        if (Unwrap(parameter) is IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "parameterName")
                {
                    Visit(argument.Value, into);
                    return;
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var init in initializer.Initializers)
                {
                    if (init is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ParameterName" } } assignment)
                    {
                        Visit(assignment.Value, into);
                        return;
                    }
                }
            }
        }

        Add(into, new FlowSource(parameter, null, null, null));
    }

    /// <summary>A method whose body is in this compilation and cannot be replaced at run time.</summary>
    private bool CanFollow(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        return IsInThisCompilation(method)
            && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern
            && method.ContainingType?.TypeKind != TypeKind.Interface
            && method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.PropertyGet;
    }

    private bool IsInThisCompilation(ISymbol symbol)
        => !symbol.DeclaringSyntaxReferences.IsEmpty
           && SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _cache.Compilation.Assembly);

    private void VisitHelper(IMethodSymbol method, IOperation call, ImmutableArray<IArgumentOperation> arguments, List<FlowSource> into)
    {
        var summary = ReturnSummary(method.OriginalDefinition, call.SemanticModel);
        if (summary is null)
        {
            Add(into, new FlowSource(call, null, null, null));
            return;
        }

        var name = method.MethodKind == MethodKind.PropertyGet ? ((IPropertySymbol)method.AssociatedSymbol!).Name : method.Name;
        foreach (var source in summary.Value)
        {
            if (source.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method.OriginalDefinition))
            {
                var argument = arguments.FirstOrDefault(a => a.Parameter is not null && a.Parameter.Ordinal == parameter.Ordinal);
                if (argument is null)
                {
                    Add(into, new FlowSource(call, null, name, call, call));
                    continue;
                }

                var found = new List<FlowSource>();
                if (source.Spliced)
                {
                    // The helper combines this argument with other text ("SELECT * FROM " + table).
                    VisitSpliced(argument.Value, found);
                }
                else
                {
                    Visit(argument.Value, found);
                }

                AddAll(into, found);
            }
            else
            {
                // Built inside the helper from something that is not constant.
                Add(into, new FlowSource(call, null, name, call, call));
            }
        }
    }

    /// <summary>The sources of a helper's return value, parameters kept symbolic; null when it cannot be read.</summary>
    private ImmutableArray<FlowSource>? ReturnSummary(IMethodSymbol method, SemanticModel? preferred)
    {
        if (_cache.ReturnSummaries.TryGetValue(method, out var cached))
        {
            return cached;
        }

        if (_depth >= MaxDepth || !_methodsInProgress.Add(method))
        {
            Incomplete = true;
            return null;
        }

        try
        {
            var inner = Nested();
            var found = new List<FlowSource>();
            var any = false;
            foreach (var syntaxRef in method.DeclaringSyntaxReferences)
            {
                var syntax = syntaxRef.GetSyntax();
                if (_cache.OperationOf(syntax, preferred) is not { } body)
                {
                    continue;
                }

                foreach (var op in body.DescendantsAndSelf())
                {
                    if (op is IReturnOperation { Kind: OperationKind.Return } ret && BelongsTo(ret, body))
                    {
                        any = true;
                        if (ret.ReturnedValue is null)
                        {
                            continue;
                        }

                        inner.Visit(ret.ReturnedValue, found);
                    }
                }
            }

            if (!any)
            {
                Incomplete |= inner.Incomplete;
                return null;
            }

            var result = found.ToImmutableArray();
            if (inner.Incomplete)
            {
                Incomplete = true;
            }
            else
            {
                _cache.ReturnSummaries.TryAdd(method, result);
            }

            return result;
        }
        finally
        {
            _methodsInProgress.Remove(method);
        }
    }

    /// <summary>True when the return is not inside a nested lambda or local function of <paramref name="body"/>.</summary>
    private static bool BelongsTo(IOperation op, IOperation body)
        => Operations.EnclosingFunction(op) is not { } function || !Operations.IsWithin(function, body);

    // ---- StringBuilder ---------------------------------------------------------------------

    internal static bool IsStringBuilder(ITypeSymbol? type)
        => type is { Name: "StringBuilder", ContainingNamespace: { Name: "Text", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    private static bool IsBuilderMutation(string name)
        => name is "Append" or "AppendLine" or "AppendFormat" or "AppendJoin" or "Insert" or "Replace";

    private void VisitBuilder(IOperation? builder, List<FlowSource> into)
    {
        switch (builder)
        {
            case null:
                return;
            case IConversionOperation conversion:
                VisitBuilder(conversion.Operand, into);
                return;
            case IObjectCreationOperation creation when IsStringBuilder(creation.Type):
                foreach (var argument in creation.Arguments)
                {
                    VisitSpliced(argument.Value, into);
                }

                return;
            case IInvocationOperation call when IsStringBuilder(call.TargetMethod.ContainingType) && IsBuilderMutation(call.TargetMethod.Name):
                foreach (var argument in call.Arguments)
                {
                    VisitSpliced(argument.Value, into);
                }

                VisitBuilder(call.Instance, into);
                return;
            case ILocalReferenceOperation local when IsStringBuilder(local.Local.Type) && !local.Local.IsRef:
                VisitBuilderLocal(local, into);
                return;
            default:
                Add(into, new FlowSource(builder, null, null, null));
                return;
        }
    }

    private void VisitBuilderLocal(ILocalReferenceOperation reference, List<FlowSource> into)
    {
        var local = reference.Local;
        if (!_symbolsInProgress.Add(local))
        {
            return;
        }

        try
        {
            var found = new List<FlowSource>();
            foreach (var op in Descendants(Operations.Root(reference)))
            {
                if (found.Count >= MaxSources)
                {
                    break;
                }

                switch (op)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        VisitBuilder(declarator.GetVariableInitializer()?.Value, found);
                        break;
                    case ILocalReferenceOperation use when SymbolEqualityComparer.Default.Equals(use.Local, local):
                        CheckBuilderUse(use, found);
                        break;
                }
            }

            foreach (var source in found)
            {
                Add(into, source.WithVia(local.Name, reference));
            }
        }
        finally
        {
            _symbolsInProgress.Remove(local);
        }
    }

    /// <summary>A use of a builder local: appends of constants and reads are fine; anything else lets it escape.</summary>
    private void CheckBuilderUse(ILocalReferenceOperation use, List<FlowSource> into)
    {
        IOperation current = use;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IInvocationOperation call when call.Instance == current && IsStringBuilder(call.TargetMethod.ContainingType):
                    if (IsBuilderMutation(call.TargetMethod.Name))
                    {
                        foreach (var argument in call.Arguments)
                        {
                            VisitSpliced(argument.Value, into);
                        }

                        current = call;
                        continue;
                    }

                    // ToString, Clear, Remove, EnsureCapacity...: no new text.
                    return;
                case IPropertyReferenceOperation property when property.Instance == current:
                    return;
                case IAssignmentOperation assignment when assignment.Target == current:
                    Visit(assignment.Value is IObjectCreationOperation ? null : assignment.Value, into);
                    if (assignment.Value is IObjectCreationOperation creation)
                    {
                        VisitBuilder(creation, into);
                    }

                    return;
                case IExpressionStatementOperation:
                    return;
                case null:
                    return;
                default:
                    if (current == use)
                    {
                        // sb passed to a method, stored or returned: its content can no longer be followed.
                        Add(into, new FlowSource(parent, null, null, null));
                    }
                    else if (parent is not IExpressionStatementOperation)
                    {
                        // The result of a chained Append used as a value: the builder escapes through it.
                        Add(into, new FlowSource(parent, null, null, null));
                    }

                    return;
            }
        }
    }
}
