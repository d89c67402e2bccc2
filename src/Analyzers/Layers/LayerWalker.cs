using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Layers;

/// <summary>
/// AG1001 and AG1002.
/// <para>
/// AG1001: every reference C# can make to another type is a name in the syntax tree (a type name in a
/// signature, base list, constraint, attribute, local declaration, <c>new</c>, <c>typeof</c>, cast,
/// pattern, <c>using static</c>, <c>nameof</c>; a member name for member access, extension calls and
/// inherited members), plus target-typed <c>new()</c>, which names nothing. The walker visits exactly
/// these nodes, so each source location is checked once: a type name reports the type, a member name
/// reports the member's declaring type, and a member name is skipped when the expression it is
/// accessed on already names a forbidden type (<c>Foo.Bar</c>, <c>new Foo().Bar</c>,
/// <c>Foo.Create().Bar</c>, <c>new Foo { Bar = 1 }</c>, <c>[Foo(Bar = 1)]</c>): that name is reported.
/// Doc-comment <c>cref</c>s are trivia and string contents are tokens: neither is visited.
/// </para>
/// <para>
/// Everything is checked per file (<see cref="AnalyzeFile"/>): declarations node by node, executable
/// code (the roots of <see cref="IsExecutableRoot"/>) through its text. Before binding a name, a
/// per-layer filter of the names that could bind to a forbidden symbol rules most names out (<see cref="LayerModel.NameFilter"/>);
/// in executable code the names to look at are found by scanning the source text for words the
/// filter lets through (<see cref="ScanExecutable"/>), so the syntax nodes of a body are not visited one by one.
/// The source layer is resolved once per type declaration (and namespace); types whose layer cannot reach a
/// forbidden layer in this compilation, and composition-root types, are not walked. <c>var</c> is not a
/// reference (the expression that produces the value is checked where it names something).
/// </para>
/// <para>
/// AG1001 is reported once per (containing member, forbidden type) (<see cref="FlushReports"/>): the
/// references are collected during the walk and reported at the end of the file, each group at its first
/// reference with the others as additional locations.
/// </para>
/// <para>AG1002: namespace declarations (and global-namespace types) that are in no layer.</para>
/// </summary>
internal sealed partial class LayerWalker
{
    private readonly LayerModel _model;
    private readonly SemanticModel _semantic;
    private readonly ArchGateContext _archGate;
    private readonly SyntaxTree _tree;
    private readonly Action<Diagnostic> _report;
    private readonly CancellationToken _cancellationToken;

    private LayerWalker(LayerModel model, SemanticModel semantic, Action<Diagnostic> report, Scratch scratch, CancellationToken cancellationToken)
    {
        _scratch = scratch;
        _model = model;
        _semantic = semantic;
        _archGate = model.Context;
        _tree = semantic.SyntaxTree;
        _report = report;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Per file: AG1002, and AG1001 for declarations (usings, attributes, base lists, constraints,
    /// member signatures) and executable code (bodies, initializers, constructor initializers,
    /// top-level statements). One callback per file, not one per member (docs/performance.md says why).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static void AnalyzeFile(LayerModel model, SemanticModelAnalysisContext context)
    {
        if (context.SemanticModel.SyntaxTree.GetRoot(context.CancellationToken) is not CompilationUnitSyntax root)
        {
            return;
        }

        var scratch = s_scratch.Rent();
        try
        {
            new LayerWalker(model, context.SemanticModel, context.ReportDiagnostic, scratch, context.CancellationToken).AnalyzeFile(root);
        }
        finally
        {
            scratch.Clear();
            s_scratch.Return(scratch);
        }
    }

    [MethodImpl(Jit.Optimized)]
    private void AnalyzeFile(CompilationUnitSyntax root)
    {
        if (_model.Context.Config.RequireLayer)
        {
            CheckCodeInNoLayer(root);
        }

        if (_model.AnyViolationPossible)
        {
            Walk(root, FileScope(root));
            FlushReports();
        }
    }

    /// <summary>
    /// The check of executable code through its text: every name a body can hold is an identifier
    /// token, and in a body every name is checked in the same scope, so instead of visiting each syntax
    /// node, the source text of <paramref name="root"/> is read as words and only the words the scope's
    /// <see cref="LayerNameFilter"/> lets through (typically a few percent) are located in the tree and
    /// checked as names; <c>new</c> is located too (target-typed <c>new()</c> names no type). Words in
    /// comments, strings and disabled code locate no name and are skipped. Where a word's text may differ
    /// from its identifier's value (a <c>\u</c> escape, a formatting character, a surrogate pair), or
    /// where the scope has no filter, the body is walked node by node instead (<see cref="WalkExecutable"/>).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private void ScanExecutable(SyntaxNode root, Scope scope)
    {
        if (scope.NameFilter is not { } filter)
        {
            WalkExecutable(root, scope);
            return;
        }

        var span = root.Span;
        var length = span.Length;
        var chars = _scratch.Chars(length);
        _tree.GetText(_cancellationToken).CopyTo(span.Start, chars, 0, length);
        var candidates = _scratch.Candidates;
        candidates.Clear();
        if (!FindCandidateWords(chars, length, filter, candidates))
        {
            WalkExecutable(root, scope);
            return;
        }

        foreach (var offset in candidates)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var position = span.Start + offset;
            var token = root.FindToken(position);
            if (token.SpanStart != position && !(offset > 0 && chars[offset - 1] == '@' && token.SpanStart == position - 1))
            {
                continue; // the word is inside a comment, a string, disabled code or a longer token
            }

            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is SimpleNameSyntax name)
            {
                CheckName(name, scope);
            }
            else if (token.IsKind(SyntaxKind.NewKeyword) && token.Parent is ImplicitObjectCreationExpressionSyntax creation)
            {
                CheckImplicitCreation(creation, scope);
            }
        }
    }

    private readonly Scratch _scratch;

    /// <summary>
    /// Buffers reused across files (a walker rents one for its file): allocated per file, the scan buffer alone
    /// took a third of LayerAnalyzer's time in a traced build (docs/performance.md, seventh round).
    /// </summary>
    private static readonly Pool<Scratch> s_scratch = new(static () => new Scratch(), capacity: 16);

    private sealed class Scratch
    {
        /// <summary>Longest text buffer kept for the next file (bodies longer than this are rare; they get their own).</summary>
        private const int MaxKeptChars = 1 << 16;

        private char[] _chars = new char[4096];

        public List<int> Candidates { get; } = new();

        public Stack<(SyntaxNode Node, Scope Scope)> WalkStack { get; } = new(64);

        /// <summary>A buffer of at least <paramref name="length"/> characters.</summary>
        public char[] Chars(int length)
        {
            if (_chars.Length < length)
            {
                _chars = new char[Math.Max(length, _chars.Length * 2)];
            }

            return _chars;
        }

        /// <summary>Drops every reference into the compilation (the stack's nodes and scopes) and an oversized buffer.</summary>
        public void Clear()
        {
            WalkStack.Clear();
            Candidates.Clear();
            if (_chars.Length > MaxKeptChars)
            {
                _chars = new char[4096];
            }
        }
    }

    /// <summary>
    /// The offsets of the words of <paramref name="chars"/> that <paramref name="filter"/> lets through,
    /// and of every <c>new</c>. False when a word's text may not be its identifier's value: a
    /// <c>\u</c>/<c>\U</c> escape, a formatting character (dropped from identifiers), a surrogate.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static bool FindCandidateWords(char[] chars, int length, LayerNameFilter filter, List<int> candidates)
    {
        var i = 0;
        while (i < length)
        {
            var c = chars[i];
            var isWordStart = c < 0x80
                ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                : SyntaxFacts.IsIdentifierStartCharacter(c);
            if (!isWordStart)
            {
                if (c == '\\' && i + 1 < length && (chars[i + 1] == 'u' || chars[i + 1] == 'U'))
                {
                    return false;
                }

                if (c >= '0' && c <= '9')
                {
                    // A number (1, 0x1F, 2e10f): skip it whole so its letters do not start a word.
                    do
                    {
                        i++;
                    }
                    while (i < length && IsAsciiWordPart(chars[i]));

                    continue;
                }

                if (c >= 0x80 && (char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
                {
                    return false;
                }

                i++;
                continue;
            }

            var start = i++;
            while (i < length)
            {
                var d = chars[i];
                if (d < 0x80)
                {
                    if (!IsAsciiWordPart(d))
                    {
                        break;
                    }
                }
                else if (char.IsSurrogate(d) || CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.Format)
                {
                    return false;
                }
                else if (!SyntaxFacts.IsIdentifierPartCharacter(d))
                {
                    break;
                }

                i++;
            }

            var wordLength = i - start;
            if ((wordLength == 3 && chars[start] == 'n' && chars[start + 1] == 'e' && chars[start + 2] == 'w')
                || filter.MayBeForbidden(chars, start, wordLength))
            {
                candidates.Add(start);
            }
        }

        return true;

        static bool IsAsciiWordPart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /// <summary>
    /// The walk of executable code node by node, where <see cref="ScanExecutable"/> cannot read it as
    /// text: one scope throughout (no type or namespace is declared inside a body), so every name and
    /// target-typed <c>new()</c> below <paramref name="root"/> is checked in one pass over its descendants.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private void WalkExecutable(SyntaxNode root, Scope scope)
    {
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case SimpleNameSyntax name:
                    _cancellationToken.ThrowIfCancellationRequested();
                    CheckName(name, scope);
                    break;
                case ImplicitObjectCreationExpressionSyntax implicitCreation:
                    CheckImplicitCreation(implicitCreation, scope);
                    break;
            }
        }
    }

    /// <summary>
    /// The executable code of a member, checked through its text (<see cref="ScanExecutable"/>): method
    /// and accessor bodies, expression bodies, field/property/enum-member/method-parameter initializers,
    /// constructor initializers and top-level statements.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private static bool IsExecutableRoot(SyntaxNode node) => node switch
    {
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax } => true,
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax or PropertyDeclarationSyntax or EnumMemberDeclarationSyntax } => true,
        EqualsValueClauseSyntax { Parent: ParameterSyntax { Parent: ParameterListSyntax { Parent: BaseMethodDeclarationSyntax } } } => true,
        ConstructorInitializerSyntax => true,
        GlobalStatementSyntax => true,
        _ => false,
    };

    // ---- AG1001 -------------------------------------------------------------------------------

    [MethodImpl(Jit.Optimized)]
    private void Walk(SyntaxNode start, Scope startScope)
    {
        // A walk never nests: one stack serves every walk of the file.
        var stack = _scratch.WalkStack;
        stack.Clear();
        stack.Push((start, startScope));
        while (stack.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var (node, scope) = stack.Pop();
            var skip = node is BaseNamespaceDeclarationSyntax ns ? ns.Name : null;
            foreach (var childOrToken in node.ChildNodesAndTokens())
            {
                if (childOrToken.AsNode() is not { } child)
                {
                    continue;
                }

                switch (child)
                {
                    case BaseNamespaceDeclarationSyntax namespaceDeclaration:
                        stack.Push((child, Scope.ForNamespace(this, namespaceDeclaration)));
                        break;
                    case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                        var typeScope = Scope.ForType(this, (MemberDeclarationSyntax)child);
                        if (typeScope.IsChecked)
                        {
                            stack.Push((child, typeScope));
                        }

                        break;
                    case var _ when IsExecutableRoot(child):
                        if (scope.IsChecked)
                        {
                            ScanExecutable(child, scope);
                        }

                        break;
                    case UsingDirectiveSyntax usingDirective:
                        // `using N;` imports a namespace (no coupling until a name is used);
                        // `using static T;` and `using A = T;` name a type.
                        if (usingDirective.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || usingDirective.Alias is not null)
                        {
                            stack.Push((child, scope));
                        }

                        break;
                    case NameEqualsSyntax { Parent: UsingDirectiveSyntax }:
                    case ExternAliasDirectiveSyntax:
                        break;
                    case SimpleNameSyntax name:
                        if (child != skip && scope.IsChecked)
                        {
                            CheckName(name, scope);
                            if (name is GenericNameSyntax)
                            {
                                stack.Push((child, scope));
                            }
                        }

                        break;
                    case ImplicitObjectCreationExpressionSyntax implicitCreation:
                        if (scope.IsChecked)
                        {
                            CheckImplicitCreation(implicitCreation, scope);
                        }

                        stack.Push((child, scope));
                        break;
                    default:
                        if (child != skip)
                        {
                            stack.Push((child, scope));
                        }

                        break;
                }
            }
        }
    }

    [MethodImpl(Jit.Optimized)]
    private void CheckName(SimpleNameSyntax name, Scope scope)
    {
        if (name is IdentifierNameSyntax { IsVar: true }
            || name.Parent is NameColonSyntax
            || (name.Parent is AliasQualifiedNameSyntax aliasQualified && aliasQualified.Alias == name))
        {
            return;
        }

        // Most names fail this test (one hash per name) and are never bound.
        if (scope.NameFilter is { } filter && !filter.MayBeForbidden(name))
        {
            return;
        }

        var symbol = SymbolOf(name);
        INamedTypeSymbol? target;
        ISymbol? member = null;
        switch (symbol)
        {
            case INamedTypeSymbol type:
                target = type;
                break;
            case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                target = constructor.ContainingType; // an attribute name binds to its constructor
                break;
            case IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction }:
                return;
            case IMethodSymbol method:
                member = method.ReducedFrom ?? method;
                target = member.ContainingType;
                break;
            case IPropertySymbol or IFieldSymbol or IEventSymbol:
                member = symbol;
                target = symbol.ContainingType;
                break;
            default:
                return;
        }

        if (target is null)
        {
            return;
        }

        var targetLayer = _model.ForbiddenLayer(scope.Layer!, target);
        if (targetLayer is null || IsReportedAlready(name, scope, member is not null))
        {
            return;
        }

        var location = name is GenericNameSyntax generic
            ? Location.Create(_tree, generic.Identifier.Span)
            : name.GetLocation();
        var targetName = member is null
            ? _archGate.QualifiedName(target)
            : _archGate.QualifiedName(target) + "." + member.Name;
        Report(name, location, scope, target, targetName, targetLayer);
    }

    /// <summary>
    /// The symbol a name binds to. For the method name of an invocation (<c>M()</c>, <c>x.M()</c>,
    /// <c>x?.M()</c>) the invocation's symbol is that same method (the one overload resolution chose,
    /// reduced for an extension call), and asking the invocation skips the semantic model's
    /// method-group path, which first collects every extension method of that name in scope (most
    /// of this rule's cost on a large project). Anything else (a delegate, dynamic or failed call)
    /// asks the name, as before.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private ISymbol? SymbolOf(SimpleNameSyntax name)
    {
        ExpressionSyntax callee = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding => binding,
            _ => name,
        };
        if (callee.Parent is InvocationExpressionSyntax invocation
            && invocation.Expression == callee
            && _semantic.GetSymbolInfo(invocation, _cancellationToken).Symbol is IMethodSymbol
            {
                MethodKind: MethodKind.Ordinary or MethodKind.ReducedExtension or MethodKind.LocalFunction,
            } method)
        {
            return method;
        }

        return _semantic.GetSymbolInfo(name, _cancellationToken).Symbol;
    }

    private void CheckImplicitCreation(ImplicitObjectCreationExpressionSyntax creation, Scope scope)
    {
        var type = _semantic.GetSymbolInfo(creation, _cancellationToken).Symbol is IMethodSymbol constructor
            ? constructor.ContainingType
            : _semantic.GetTypeInfo(creation, _cancellationToken).Type as INamedTypeSymbol;
        if (type is null)
        {
            return;
        }

        var targetLayer = _model.ForbiddenLayer(scope.Layer!, type);
        if (targetLayer is null)
        {
            return;
        }

        var end = creation.ArgumentList.Span.End;
        var location = Location.Create(_tree, TextSpan.FromBounds(creation.NewKeyword.SpanStart, end));
        Report(creation, location, scope, type, _archGate.QualifiedName(type), targetLayer);
    }

    /// <summary>
    /// True when the forbidden type is already reported at an adjacent name: the type written
    /// before a dot (<c>Foo.Bar</c>, <c>Outer.Inner</c>), or, for a member, the created type of an
    /// object initializer or the attribute of a named attribute argument.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private bool IsReportedAlready(SimpleNameSyntax name, Scope scope, bool isMember)
    {
        var left = name.Parent switch
        {
            QualifiedNameSyntax qualified when qualified.Right == name => qualified.Left,
            MemberAccessExpressionSyntax access when access.Name == name => access.Expression,
            _ => null,
        };
        if (left is not null
            && _semantic.GetSymbolInfo(left, _cancellationToken).Symbol is INamedTypeSymbol leftType
            && _model.ForbiddenLayer(scope.Layer!, leftType) is not null)
        {
            return true;
        }

        if (!isMember)
        {
            return false;
        }

        if (ReceiverNamesForbiddenType(name, scope))
        {
            return true;
        }

        if (name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name
            && assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation }
            && assignment.Parent.IsKind(SyntaxKind.ObjectInitializerExpression))
        {
            return _semantic.GetTypeInfo(creation, _cancellationToken).Type is INamedTypeSymbol created
                && _model.ForbiddenLayer(scope.Layer!, created) is not null;
        }

        if (name.Parent is NameEqualsSyntax { Parent: AttributeArgumentSyntax { Parent: AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } } })
        {
            return _semantic.GetSymbolInfo(attribute, _cancellationToken).Symbol is IMethodSymbol { ContainingType: { } attributeType }
                && _model.ForbiddenLayer(scope.Layer!, attributeType) is not null;
        }

        return false;
    }

    /// <summary>
    /// True when the expression a member is accessed on already names a forbidden type, which is
    /// reported there: <c>new Db().Id</c>, <c>Db.Create().Save()</c>, <c>((Db)o).Id</c>,
    /// <c>(o as Db)?.Id</c>. A receiver that names no forbidden type (<c>db.Save()</c> on a parameter,
    /// <c>sink.Get().Id</c>) leaves the member reported.
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    private bool ReceiverNamesForbiddenType(SimpleNameSyntax name, Scope scope)
    {
        var receiver = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access.Expression,
            MemberBindingExpressionSyntax binding => ConditionalReceiver(binding),
            _ => null,
        };

        for (var depth = 0; receiver is not null && depth < 32; depth++)
        {
            switch (receiver)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    receiver = parenthesized.Expression;
                    break;
                case InvocationExpressionSyntax invocation:
                    receiver = invocation.Expression;
                    break;
                case ElementAccessExpressionSyntax elementAccess:
                    receiver = elementAccess.Expression;
                    break;
                case ConditionalAccessExpressionSyntax conditional:
                    receiver = conditional.WhenNotNull is MemberBindingExpressionSyntax ? conditional.Expression : null;
                    break;
                case MemberAccessExpressionSyntax access:
                    if (IsForbiddenTypeName(access.Name, scope))
                    {
                        return true;
                    }

                    receiver = access.Expression;
                    break;
                case SimpleNameSyntax simple:
                    return IsForbiddenTypeName(simple, scope);
                case ObjectCreationExpressionSyntax creation:
                    return IsForbiddenType(_semantic.GetTypeInfo(creation, _cancellationToken).Type, scope);
                case CastExpressionSyntax cast:
                    return IsForbiddenType(_semantic.GetTypeInfo(cast.Type, _cancellationToken).Type, scope);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression):
                    return IsForbiddenType(_semantic.GetTypeInfo(binary.Right, _cancellationToken).Type, scope);
                default:
                    return false;
            }
        }

        return false;

        static ExpressionSyntax? ConditionalReceiver(MemberBindingExpressionSyntax binding)
        {
            for (SyntaxNode? node = binding.Parent; node is not null; node = node.Parent)
            {
                if (node is ConditionalAccessExpressionSyntax conditional)
                {
                    return conditional.Expression;
                }
            }

            return null;
        }
    }

    private bool IsForbiddenTypeName(SimpleNameSyntax name, Scope scope)
        => _semantic.GetSymbolInfo(name, _cancellationToken).Symbol is INamedTypeSymbol type && IsForbiddenType(type, scope);

    private bool IsForbiddenType(ITypeSymbol? type, Scope scope)
        => type is INamedTypeSymbol named && _model.ForbiddenLayer(scope.Layer!, named) is not null;
}
