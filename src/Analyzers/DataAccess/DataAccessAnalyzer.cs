using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.DataAccess;

/// <summary>
/// AG2001 (data-access API outside <c>dataAccess.allowedIn</c>) and AG2004 (an API of a
/// <c>restrictions</c> entry outside its <c>allowedIn</c>). Both share one notion of a use
/// (docs/rules/AG2001.md, "What counts as a use"):
/// <list type="bullet">
/// <item>declarations: the written type of a field, property, event, parameter, explicitly typed local,
/// method return and base type (type arguments included, except those of an approved repository interface);</item>
/// <item>expressions: constructions and member uses (calls, extension calls, property/field/event access,
/// method groups) of an API.</item>
/// </list>
/// One diagnostic per point where the API enters the code: a member use on a value that already comes from a
/// reported point (a declared parameter/field/property/local of an API type, a construction, another
/// reported use, <c>this</c> in a type deriving from an API) is not reported again, nor is a construction
/// that initializes an explicitly typed declaration that is reported. <c>nameof</c>, <c>typeof</c>,
/// <c>cref</c>s, <c>using</c> directives and string contents are never uses.
/// <para>
/// The uses in one member body are reported once per (rule, API type), at the first, the others as
/// additional locations (<see cref="UseAnalysis.AnalyzeUse"/>); declarations are one diagnostic each. An
/// AG2001 use whose receiver comes from an approved repository (<c>_repo.Query().Include(…)</c>) does not
/// advise the repository (<c>repositoryOrigin</c>).
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DataAccessAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor DataAccessOutsideScope = Rules.Create(
        RuleIdentifiers.DataAccessOutsideScope,
        "Data-access API used outside its allowed scope",
        "'{0}' uses {1} ({2}), a data-access API allowed only in {3} (archgate.json: dataAccess.allowedIn); {4}",
        RuleCategories.DataAccess,
        DiagnosticSeverity.Warning,
        "Data-access APIs (the dataAccess.apis of archgate.json: EF Core, ADO.NET, Dapper or your own patterns) may only be used in the code listed in dataAccess.allowedIn. Everywhere else, go through the approved repository interfaces.");

    public static readonly DiagnosticDescriptor RestrictedApiOutsideScope = Rules.Create(
        RuleIdentifiers.RestrictedApiOutsideScope,
        "Restricted API used outside its allowed scope",
        "'{0}' uses {1}, which archgate.json {2} ({3}) allows only in {4}: {5}",
        RuleCategories.DataAccess,
        DiagnosticSeverity.Warning,
        "Each entry of 'restrictions' in archgate.json allows its APIs only in its 'allowedIn' scope, for the reason given in 'because'. It is BannedApiAnalyzers' BannedSymbols.txt, scoped.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DataAccessOutsideScope, RestrictedApiOutsideScope);

    private static readonly ImmutableArray<SyntaxKind> DeclarationKinds = ImmutableArray.Create(
        SyntaxKind.VariableDeclaration, SyntaxKind.PropertyDeclaration, SyntaxKind.IndexerDeclaration, SyntaxKind.EventDeclaration,
        SyntaxKind.Parameter, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement, SyntaxKind.DelegateDeclaration,
        SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration, SyntaxKind.SimpleBaseType,
        SyntaxKind.PrimaryConstructorBaseType, SyntaxKind.DeclarationExpression, SyntaxKind.DeclarationPattern,
        SyntaxKind.ForEachStatement, SyntaxKind.CatchDeclaration);

    private static readonly ImmutableArray<OperationKind> UseKinds = ImmutableArray.Create(
        OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.PropertyReference, OperationKind.FieldReference,
        OperationKind.EventReference, OperationKind.MethodReference);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var archGate = ArchGateContext.Create(start);
            var config = archGate.Config;
            var groups = new ApiGroups(KnownSymbols.For(start.Compilation), start.Compilation);
            var rules = ImmutableArray.CreateBuilder<ApiRule>();
            if (config.DataAccess is { } dataAccess && !dataAccess.Apis.IsEmpty)
            {
                var rule = new ApiRule(DataAccessOutsideScope, dataAccess.Apis, dataAccess.AllowedIn, "dataAccess.allowedIn", null, archGate, groups);
                if (!rule.IsEmpty)
                {
                    rules.Add(rule); // empty: only groups, none referenced by this compilation
                }
            }

            foreach (var restriction in config.Restrictions)
            {
                var rule = new ApiRule(RestrictedApiOutsideScope, restriction.Apis, restriction.AllowedIn, restriction.ConfigPath, restriction, archGate, groups);
                if (!rule.IsEmpty)
                {
                    rules.Add(rule);
                }
            }

            if (rules.Count == 0)
            {
                return; // nothing configured, or nothing configured that this compilation can reference
            }

            var analysis = new UseAnalysis(archGate, rules.ToImmutable(), new RepositoryCatalog(archGate));
            start.RegisterSyntaxNodeAction(analysis.AnalyzeDeclaration, DeclarationKinds);
            start.RegisterOperationAction(analysis.AnalyzeUse, UseKinds);
        });
    }

    private sealed class UseAnalysis
    {
        private readonly ArchGateContext _context;
        private readonly ImmutableArray<ApiRule> _rules;
        private readonly RepositoryCatalog _repositories;

        public UseAnalysis(ArchGateContext context, ImmutableArray<ApiRule> rules, RepositoryCatalog repositories)
        {
            _context = context;
            _rules = rules;
            _repositories = repositories;
        }

        // ---- declarations ------------------------------------------------------------------

        [MethodImpl(Jit.Optimized)]
        public void AnalyzeDeclaration(SyntaxNodeAnalysisContext context)
        {
            var typeSyntax = DeclaredTypeSyntax(context.Node);
            if (typeSyntax is null || typeSyntax.IsVar || IsPredefined(typeSyntax))
            {
                return;
            }

            var consumer = ArchGateContext.EnclosingType(context.ContainingSymbol);
            if (consumer is null || !AnyRuleApplies(consumer))
            {
                return;
            }

            // The declared symbol already knows its type: binding the type syntax again is the costly part.
            var type = DeclaredTypes.FromSymbol(context.Node, typeSyntax, context.ContainingSymbol)
                       ?? context.SemanticModel.GetTypeInfo(typeSyntax, context.CancellationToken).Type;
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return;
            }

            foreach (var rule in _rules)
            {
                if (!rule.IsOutside(consumer))
                {
                    continue;
                }

                var selector = rule.MatchTypeDeep(type, out var offending);
                if (selector is not null && offending is not null)
                {
                    Report(context.ReportDiagnostic, rule, selector, offending, consumer, typeSyntax.GetLocation());
                }
            }
        }

        /// <summary><c>int</c>, <c>string?</c>, <c>byte[]</c>, <c>void</c>: never an API, no binding needed.</summary>
        [MethodImpl(Jit.Optimized)]
        private static bool IsPredefined(TypeSyntax type)
        {
            while (true)
            {
                switch (type)
                {
                    case PredefinedTypeSyntax:
                        return true;
                    case NullableTypeSyntax nullable:
                        type = nullable.ElementType;
                        continue;
                    case ArrayTypeSyntax array:
                        type = array.ElementType;
                        continue;
                    default:
                        return false;
                }
            }
        }

        [MethodImpl(Jit.Optimized)]
        private static TypeSyntax? DeclaredTypeSyntax(SyntaxNode node) => node switch
        {
            VariableDeclarationSyntax v => v.Type,
            PropertyDeclarationSyntax p => p.Type,
            IndexerDeclarationSyntax i => i.Type,
            EventDeclarationSyntax e => e.Type,
            ParameterSyntax p => p.Type,
            MethodDeclarationSyntax m => m.ReturnType,
            LocalFunctionStatementSyntax l => l.ReturnType,
            DelegateDeclarationSyntax d => d.ReturnType,
            OperatorDeclarationSyntax o => o.ReturnType,
            ConversionOperatorDeclarationSyntax c => c.Type,
            BaseTypeSyntax b => b.Type,
            DeclarationExpressionSyntax d => d.Type,
            DeclarationPatternSyntax d => d.Type,
            ForEachStatementSyntax f => f.Type,
            CatchDeclarationSyntax c => c.Type,
            _ => null,
        };

        // ---- expressions -------------------------------------------------------------------

        /// <summary>
        /// A use in executable code. The uses in one member body (an operation block: a method, accessor,
        /// constructor, field or property initializer, the top-level statements) are reported once per (rule,
        /// API type): at the first use in the text, every other use of that type (or of a member declared in
        /// it) an additional location. The group is found only when a use is reportable (<see cref="Group"/>),
        /// so clean code pays nothing for it.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public void AnalyzeUse(OperationAnalysisContext context)
        {
            var operation = context.Operation;
            if (operation.IsImplicit)
            {
                return;
            }

            var consumer = ArchGateContext.EnclosingType(context.ContainingSymbol);
            if (consumer is null || !AnyRuleApplies(consumer))
            {
                return;
            }

            foreach (var rule in _rules)
            {
                if (!rule.IsOutside(consumer))
                {
                    continue;
                }

                if (Evaluate(rule, operation, consumer) is not { } found)
                {
                    continue;
                }

                var others = Group(rule, operation, found, consumer, out var isFirst);
                if (isFirst)
                {
                    Report(context.ReportDiagnostic, rule, found.Selector, found.Api, consumer, found.Location, others, found.RepositoryOrigin);
                }
            }
        }

        /// <summary>
        /// The other reportable uses of <paramref name="found"/>'s API type in the same member body (in text
        /// order), and whether <paramref name="operation"/> is the first of them (the one that reports).
        /// </summary>
        private List<Location>? Group(ApiRule rule, IOperation operation, Found found, INamedTypeSymbol consumer, out bool isFirst)
        {
            isFirst = true;
            var root = operation;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            var start = found.Location.SourceSpan.Start;
            List<Location>? others = null;
            foreach (var other in root.DescendantsAndSelf())
            {
                if (other == operation || other.IsImplicit || !IsUseKind(other.Kind))
                {
                    continue;
                }

                if (Evaluate(rule, other, consumer) is not { } candidate
                    || !SymbolEqualityComparer.Default.Equals(candidate.GroupType, found.GroupType))
                {
                    continue;
                }

                var otherStart = candidate.Location.SourceSpan.Start;
                if (otherStart < start || (otherStart == start && other.Syntax.SpanStart < operation.Syntax.SpanStart))
                {
                    isFirst = false;
                    return null;
                }

                (others ??= new List<Location>()).Add(candidate.Location);
            }

            others?.Sort((a, b) => a.SourceSpan.Start.CompareTo(b.SourceSpan.Start));
            return others;
        }

        private static bool IsUseKind(OperationKind kind) => kind is OperationKind.Invocation or OperationKind.ObjectCreation
            or OperationKind.PropertyReference or OperationKind.FieldReference or OperationKind.EventReference or OperationKind.MethodReference;

        private readonly struct Found
        {
            public Found(ApiSelector selector, ISymbol api, Location location, ISymbol? repositoryOrigin)
            {
                Selector = selector;
                Api = api;
                Location = location;
                RepositoryOrigin = repositoryOrigin;
                GroupType = GroupTypeOf(api);
            }

            public ApiSelector Selector { get; }

            public ISymbol Api { get; }

            /// <summary>The API type the use belongs to: the type itself, or the type declaring the member.</summary>
            public ISymbol GroupType { get; }

            public Location Location { get; }

            public ISymbol? RepositoryOrigin { get; }

            private static ISymbol GroupTypeOf(ISymbol api)
            {
                if (api is IMethodSymbol { ReducedFrom: { } reduced })
                {
                    api = reduced;
                }

                return api is INamedTypeSymbol type ? type.OriginalDefinition : (ISymbol?)api.ContainingType?.OriginalDefinition ?? api;
            }
        }

        /// <summary>The use <paramref name="operation"/> makes of one of <paramref name="rule"/>'s APIs, when it is reported (see the class comment); else null.</summary>
        private Found? Evaluate(ApiRule rule, IOperation operation, INamedTypeSymbol consumer)
        {
            var selector = UseOf(rule, operation, out var api);
            if (selector is null || api is null || InNameOf(operation))
            {
                return null;
            }

            var receiver = ReceiverOf(operation);
            if (receiver is not null && IsCovered(rule, receiver, consumer, 0))
            {
                return null;
            }

            if (operation is IObjectCreationOperation && InitializesReportedDeclaration(rule, operation, consumer))
            {
                return null;
            }

            var origin = rule.Restriction is null && receiver is not null ? RepositoryOrigin(receiver, 0) : null;
            return new Found(selector, api, UseLocation(operation), origin);
        }

        /// <summary>
        /// The member of an approved repository a receiver comes from (<c>_repo.Query()</c> in
        /// <c>_repo.Query().Include(…)</c>, through further operators and a local initialized with it),
        /// or null: such code already uses the repository, and the message must not advise it.
        /// </summary>
        private ISymbol? RepositoryOrigin(IOperation? operation, int depth)
        {
            if (operation is null || depth > 16 || _context.Config.Repositories is not { } repositories
                || (repositories.Interfaces.IsEmpty && repositories.Implementations.IsEmpty))
            {
                return null;
            }

            operation = Strip(operation);
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
                    if (method.ContainingType is { } declaring && IsApprovedRepository(declaring))
                    {
                        return invocation.TargetMethod;
                    }

                    return RepositoryOrigin(ReceiverOf(invocation), depth + 1);
                case IMemberReferenceOperation member:
                    if (member.Member.ContainingType is { } owner && IsApprovedRepository(owner))
                    {
                        return member.Member;
                    }

                    return RepositoryOrigin(member.Instance, depth + 1);
                case IAwaitOperation awaited:
                    return RepositoryOrigin(awaited.Operation, depth + 1);
                case ILocalReferenceOperation local
                    when local.Local.DeclaringSyntaxReferences.Length == 1
                         && local.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value }
                         && operation.SemanticModel is { } model && value.SyntaxTree == model.SyntaxTree:
                    return RepositoryOrigin(model.GetOperation(value), depth + 1);
                default:
                    return null;
            }
        }

        private readonly SymbolMemo<INamedTypeSymbol, bool> _approvedRepositories = new();

        /// <summary>An interface matching <c>repositories.interfaces</c>, or a class matching <c>repositories.implementations</c> or implementing such an interface.</summary>
        /// <remarks>Not DataAccessFacts.IsRepositoryMethod: that asks whether a call is a repository round-trip (methods only, change tracking excluded); this asks whether any member (a property exposing a DbSet too) belongs to a repository type.</remarks>
        private bool IsApprovedRepository(INamedTypeSymbol type)
            => _approvedRepositories.GetOrAdd(type.OriginalDefinition, t =>
            {
                if (t.TypeKind == TypeKind.Interface)
                {
                    return _repositories.IsApprovedInterface(t);
                }

                if (_context.MatchesType(_context.Config.Repositories.Implementations, t))
                {
                    return true;
                }

                foreach (var implemented in t.AllInterfaces)
                {
                    if (_repositories.IsApprovedInterface(implemented.OriginalDefinition))
                    {
                        return true;
                    }
                }

                return false;
            });

        /// <summary>The selector when the operation uses one of the rule's APIs; <paramref name="api"/> is what is named in the message.</summary>
        [MethodImpl(Jit.Optimized)]
        private static ApiSelector? UseOf(ApiRule rule, IOperation operation, out ISymbol? api)
        {
            api = null;
            switch (operation)
            {
                case IInvocationOperation invocation:
                {
                    var method = invocation.TargetMethod;
                    if (method.MethodKind == MethodKind.Constructor)
                    {
                        return null; // a constructor initializer: the base type is the use
                    }

                    var selector = rule.MatchMember(method);
                    if (selector is not null)
                    {
                        api = method;
                        return selector;
                    }

                    foreach (var argument in method.TypeArguments)
                    {
                        selector = rule.MatchTypeDeep(argument, out var offending);
                        if (selector is not null)
                        {
                            api = offending;
                            return selector;
                        }
                    }

                    return null;
                }

                case IObjectCreationOperation creation:
                {
                    var selector = rule.MatchTypeDeep(creation.Type, out var offending);
                    api = offending;
                    if (selector is null && creation.Constructor is { } constructor)
                    {
                        selector = rule.MatchMember(constructor); // M:Ns.Type.#ctor(...)
                        api = selector is null ? null : constructor;
                    }

                    return selector;
                }

                case IMemberReferenceOperation member:
                {
                    var selector = rule.MatchMember(member.Member);
                    if (selector is not null)
                    {
                        api = member.Member;
                    }

                    return selector;
                }

                default:
                    return null;
            }
        }

        /// <summary>The value a use is made on: the instance, or the <c>this</c> argument of an extension method.</summary>
        private static IOperation? ReceiverOf(IOperation operation)
        {
            switch (operation)
            {
                // An extension's this argument, never a static helper's first argument (which Operations.Receiver also takes).
                case IInvocationOperation invocation:
                    return invocation.Instance is not null || invocation.TargetMethod.IsExtensionMethod || invocation.TargetMethod.ReducedFrom is not null
                        ? Operations.Receiver(invocation)
                        : null;
                case IMemberReferenceOperation member:
                    return member.Instance;
                default:
                    return null;
            }
        }

        /// <summary>
        /// True when the value already comes from a point that is reported (or would be) for this rule, so a
        /// use made on it adds nothing: see the class comment.
        /// </summary>
        private bool IsCovered(ApiRule rule, IOperation? operation, INamedTypeSymbol consumer, int depth)
        {
            if (operation is null || depth > 16)
            {
                return false;
            }

            operation = Strip(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return IsCoveredLocal(rule, local.Local, operation.SemanticModel, consumer, depth);
                case IParameterReferenceOperation parameter:
                    return HasExplicitType(parameter.Parameter) && rule.MatchTypeDeep(parameter.Parameter.Type, out _) is not null
                        && ArchGateContext.EnclosingType(parameter.Parameter) is { } owner && rule.IsOutside(owner);
                case IInstanceReferenceOperation instance:
                    return instance.Type is INamedTypeSymbol self && DerivesFromApi(rule, self);
                case IAwaitOperation awaited:
                    return IsCovered(rule, awaited.Operation, consumer, depth + 1);
                case IObjectCreationOperation creation:
                    return rule.MatchTypeDeep(creation.Type, out _) is not null;
                case IFieldReferenceOperation field when IsReportedMemberDeclaration(rule, field.Field, field.Field.Type):
                    return true;
                case IPropertyReferenceOperation property when IsReportedMemberDeclaration(rule, property.Property, property.Property.Type):
                    return true;
                case IInvocationOperation or IMemberReferenceOperation:
                    return UseOf(rule, operation, out _) is not null || IsCovered(rule, ReceiverOf(operation), consumer, depth + 1);
                default:
                    return false;
            }
        }

        private bool IsCoveredLocal(ApiRule rule, ILocalSymbol local, SemanticModel? model, INamedTypeSymbol consumer, int depth)
        {
            if (rule.MatchTypeDeep(local.Type, out _) is null)
            {
                return false;
            }

            if (local.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            var syntax = local.DeclaringSyntaxReferences[0].GetSyntax();
            var declaredType = syntax.Parent switch
            {
                VariableDeclarationSyntax v => v.Type,
                DeclarationExpressionSyntax d => d.Type,
                DeclarationPatternSyntax d => d.Type,
                _ => syntax switch
                {
                    ForEachStatementSyntax f => f.Type,
                    CatchDeclarationSyntax c => c.Type,
                    _ => null,
                },
            };

            if (declaredType is not null && !declaredType.IsVar)
            {
                return true; // the explicit type is a reported declaration
            }

            if (syntax is VariableDeclaratorSyntax { Initializer.Value: { } value } && model is not null && value.SyntaxTree == model.SyntaxTree)
            {
                var initializer = model.GetOperation(value);
                return initializer is not null && IsCovered(rule, initializer, consumer, depth + 1);
            }

            return false;
        }

        private static bool HasExplicitType(IParameterSymbol parameter)
        {
            foreach (var reference in parameter.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is ParameterSyntax { Type: not null })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsReportedMemberDeclaration(ApiRule rule, ISymbol member, ITypeSymbol type)
            => !member.DeclaringSyntaxReferences.IsEmpty
               && ArchGateContext.EnclosingType(member) is { } owner && rule.IsOutside(owner)
               && rule.MatchTypeDeep(type, out _) is not null;

        private static bool DerivesFromApi(ApiRule rule, INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (rule.MatchType(current) is not null)
                {
                    return true;
                }
            }

            foreach (var i in type.AllInterfaces)
            {
                if (rule.MatchType(i) is not null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>SqlConnection c = new SqlConnection(...)</c>: the declaration is reported; the construction is not reported again.</summary>
        private static bool InitializesReportedDeclaration(ApiRule rule, IOperation creation, INamedTypeSymbol consumer)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return declarator.Syntax is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: false } }
                           && rule.MatchTypeDeep(declarator.Symbol.Type, out _) is not null;
                case IFieldInitializerOperation field:
                    return field.InitializedFields.Length > 0 && rule.MatchTypeDeep(field.InitializedFields[0].Type, out _) is not null;
                case IPropertyInitializerOperation property:
                    return property.InitializedProperties.Length > 0 && rule.MatchTypeDeep(property.InitializedProperties[0].Type, out _) is not null;
                default:
                    return false;
            }
        }

        private static IOperation Strip(IOperation operation) => Operations.Unwrap(operation, UnwrapOptions.AllConversions | UnwrapOptions.Parentheses)!;

        [MethodImpl(Jit.Optimized)]
        private static bool InNameOf(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is INameOfOperation)
                {
                    return true;
                }

                if (current is IBlockOperation or IMethodBodyBaseOperation)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Where a use starts: the member name of <c>x.Member(...)</c>, the type of <c>new T(...)</c>.</summary>
        private static Location UseLocation(IOperation operation)
        {
            var syntax = operation.Syntax;
            switch (syntax)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }:
                    return access.Name.GetLocation();
                case InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding }:
                    return binding.Name.GetLocation();
                case InvocationExpressionSyntax invocation:
                    return invocation.Expression.GetLocation();
                case MemberAccessExpressionSyntax access:
                    return access.Name.GetLocation();
                case MemberBindingExpressionSyntax binding:
                    return binding.Name.GetLocation();
                case ObjectCreationExpressionSyntax creation:
                    return creation.Type.GetLocation();
                default:
                    return syntax.GetLocation();
            }
        }

        // ---- reporting ---------------------------------------------------------------------

        [MethodImpl(Jit.Optimized)]
        private bool AnyRuleApplies(INamedTypeSymbol consumer)
        {
            foreach (var rule in _rules)
            {
                if (rule.IsOutside(consumer))
                {
                    return true;
                }
            }

            return false;
        }

        private void Report(System.Action<Diagnostic> report, ApiRule rule, ApiSelector selector, ISymbol api, INamedTypeSymbol consumer, Location location)
            => Report(report, rule, selector, api, consumer, location, null, null);

        private void Report(System.Action<Diagnostic> report, ApiRule rule, ApiSelector selector, ISymbol api, INamedTypeSymbol consumer, Location location,
            List<Location>? others, ISymbol? repositoryOrigin)
        {
            var consumerName = _context.QualifiedName(consumer);
            var apiName = ApiName(api);
            var scopeIsEmpty = rule.AllowedIn.LayerNames.IsEmpty && rule.AllowedIn.Patterns.IsEmpty;
            var scope = scopeIsEmpty ? "the composition root" : rule.AllowedIn.Describe();
            var properties = DiagnosticProperties.For(rule.Descriptor, rule.ConfigPath, apiName);
            properties["consumer"] = consumerName;
            properties["api"] = apiName;
            properties["selector"] = selector.ToString();
            properties["allowedIn"] = scope;
            properties["sites"] = ((others?.Count ?? 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var layer = _context.LayerOf(consumer);
            if (layer is not null)
            {
                properties["layer"] = layer;
            }

            Diagnostic diagnostic;
            if (rule.Restriction is null)
            {
                string advice;
                if (repositoryOrigin is not null)
                {
                    var origin = ApiName(repositoryOrigin);
                    properties["repositoryOrigin"] = origin;
                    advice = "this code already uses the approved repository ('" + origin + "' returns the query), so the EF Core operators run here: "
                        + "move the query into a repository method that returns the result"
                        + (selector.Group == BuiltInApiGroup.EFCore
                            ? ", or, if your repositories return IQueryable<T> by design, guard \"@efcore.context\", \"@efcore.model\" and \"@efcore.migrations\" instead of \"@efcore\" in dataAccess.apis (docs/configuration.md: generic repository)"
                            : string.Empty);
                }
                else
                {
                    var approved = _repositories.ApprovedInterfacesFor(consumer.Name);
                    if (approved is not null)
                    {
                        properties["repositoryInterfaces"] = approved;
                    }

                    advice = approved is not null
                        ? "use " + approved + " instead"
                        : "move this code into " + scope + " behind an interface, and depend on that interface here instead";
                }

                diagnostic = DiagnosticProperties.Create(rule.Descriptor, location, properties, others,
                    consumerName, "'" + apiName + "'", selector.ToString(), scope, advice);
            }
            else
            {
                var because = rule.Restriction.Because;
                if (because is not null)
                {
                    properties["because"] = because;
                }

                var reason = string.IsNullOrWhiteSpace(because)
                    ? (scopeIsEmpty ? "remove this use" : "move this use into " + scope + ", or depend on an abstraction implemented there")
                    : because!.TrimEnd('.');
                diagnostic = DiagnosticProperties.Create(rule.Descriptor, location, properties, others,
                    consumerName, "'" + apiName + "'", rule.ConfigPath, selector.ToString(), scope, reason);
            }

            report(diagnostic);
        }

        private string ApiName(ISymbol api)
        {
            if (api is IMethodSymbol { ReducedFrom: { } reduced })
            {
                api = reduced;
            }

            api = api.OriginalDefinition;
            if (api is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor)
            {
                api = ctor.ContainingType;
            }

            return _context.QualifiedName(api);
        }
    }
}
