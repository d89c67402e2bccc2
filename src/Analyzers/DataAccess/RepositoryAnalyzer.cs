using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.DataAccess;

/// <summary>
/// AG2002 (a consumer outside the implementations' layer depends on an approved repository implementation
/// instead of its approved interface) and AG2003 (a repository class outside the approved implementations).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RepositoryAnalyzer : ArchGateAnalyzer
{
    /// <summary>Property with the candidate interfaces (fully qualified, ';'-separated) for the code fix.</summary>
    public const string InterfacesProperty = "interfaces";

    /// <summary>Property with the candidate interfaces as shown to the user (';'-separated, same order).</summary>
    public const string InterfaceNamesProperty = "interfaceNames";

    public static readonly DiagnosticDescriptor ConsumerBoundToRepositoryImplementation = Rules.Create(
        RuleIdentifiers.ConsumerBoundToRepositoryImplementation,
        "Consumer depends on a repository implementation instead of its interface",
        "'{0}' (layer {1}) depends on the repository implementation '{2}' (layer {3}, archgate.json: repositories.implementations); depend on its approved interface {4} instead",
        RuleCategories.DataAccess,
        DiagnosticSeverity.Warning,
        "Repository implementations (repositories.implementations) are used only through the approved interfaces (repositories.interfaces) outside their own layer, so that the implementation can change and the data-access boundary holds. Register the implementation in the composition root and inject the interface.");

    public static readonly DiagnosticDescriptor UnapprovedRepository = Rules.Create(
        RuleIdentifiers.UnapprovedRepository,
        "Repository outside the approved set",
        "'{0}' is a repository ({1}) but matches no approved implementation (archgate.json: repositories.implementations = {2}); {3}",
        RuleCategories.DataAccess,
        DiagnosticSeverity.Warning,
        "Every class that acts as a repository (its name ends in 'Repository' or it implements an approved repository interface) must match repositories.implementations, so that ad-hoc repositories (OrderRepository2, GenericRepository<T>) do not bypass the approved data-access design.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ConsumerBoundToRepositoryImplementation, UnapprovedRepository);

    private static readonly ImmutableArray<SyntaxKind> DeclarationKinds = ImmutableArray.Create(
        SyntaxKind.VariableDeclaration, SyntaxKind.PropertyDeclaration, SyntaxKind.IndexerDeclaration, SyntaxKind.Parameter,
        SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement, SyntaxKind.DelegateDeclaration,
        SyntaxKind.DeclarationExpression, SyntaxKind.DeclarationPattern, SyntaxKind.ForEachStatement);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var archGate = ArchGateContext.Create(start);
            var repositories = archGate.Config.Repositories;
            if (repositories.Implementations.IsEmpty)
            {
                return;
            }

            var analysis = new Analysis(archGate, new RepositoryCatalog(archGate));
            start.RegisterSymbolAction(analysis.AnalyzeType, SymbolKind.NamedType);
            if (!repositories.Interfaces.IsEmpty)
            {
                start.RegisterSyntaxNodeAction(analysis.AnalyzeDeclaration, DeclarationKinds);
                start.RegisterOperationAction(analysis.AnalyzeCreation, OperationKind.ObjectCreation);
            }
        });
    }

    private sealed class Analysis
    {
        private readonly ArchGateContext _context;
        private readonly RepositoryCatalog _catalog;
        private readonly SymbolMemo<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> _candidates = new();

        // Using-alias names of the compilation: the pre-filter lets them through (an alias may rename an implementation).
        private readonly Once<HashSet<string>> _aliases;

        public Analysis(ArchGateContext context, RepositoryCatalog catalog)
        {
            _context = context;
            _catalog = catalog;
            _aliases = new Once<HashSet<string>>(cancellationToken => UsingAliases.NamesIn(context.Compilation, cancellationToken));
        }

        private PatternList Implementations => _context.Config.Repositories.Implementations;

        // ---- AG2003 ------------------------------------------------------------------------

        [MethodImpl(Jit.Optimized)]
        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.IsImplicitlyDeclared || type.Locations.IsEmpty)
            {
                return;
            }

            string? role = null;
            if (type.Name.EndsWith("Repository", StringComparison.Ordinal))
            {
                role = "its name ends in 'Repository'";
            }
            else
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (_catalog.IsApprovedInterface(implemented.OriginalDefinition))
                    {
                        role = "it implements " + implemented.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                        break;
                    }
                }
            }

            if (role is null)
            {
                return;
            }

            if (_context.MatchesType(Implementations, type))
            {
                return;
            }

            var name = _context.QualifiedName(type);

            var patterns = string.Join(", ", Implementations.Patterns.Select(p => p.Text));
            var properties = DiagnosticProperties.For(UnapprovedRepository, "repositories.implementations", symbol: name);
            properties["type"] = name;
            properties["role"] = role;
            properties["implementations"] = patterns;
            context.ReportDiagnostic(DiagnosticProperties.Create(UnapprovedRepository, type.Locations[0], properties,
                name, role, patterns,
                "use the approved repository for this data instead, or extend it; if this class really is a new repository, name and place it to match the pattern"));
        }

        // ---- AG2002 ------------------------------------------------------------------------

        [MethodImpl(Jit.Optimized)]
        public void AnalyzeDeclaration(SyntaxNodeAnalysisContext context)
        {
            var declared = DeclaredTypeSyntax(context.Node);
            var typeSyntax = declared is NullableTypeSyntax nullable ? nullable.ElementType : declared;

            if (typeSyntax is null || typeSyntax.IsVar || typeSyntax is PredefinedTypeSyntax || !MayNameAnImplementation(typeSyntax, context.CancellationToken))
            {
                return;
            }

            var consumer = ArchGateContext.EnclosingType(context.ContainingSymbol);
            if (consumer is null || _context.IsCompositionRoot(consumer))
            {
                return;
            }

            // A member's declared symbol already knows the type (no second binding); `T?` written for a
            // value type is Nullable<T> there, so only a type written without `?` is read that way.
            var known = typeSyntax == declared ? DeclaredTypes.FromSymbol(context.Node, typeSyntax!, context.ContainingSymbol) : null;
            if ((known ?? context.SemanticModel.GetTypeInfo(typeSyntax, context.CancellationToken).Type) is not INamedTypeSymbol type)
            {
                return;
            }

            Check(context.ReportDiagnostic, consumer, type, typeSyntax.GetLocation(), fixable: true);
        }

        /// <summary>
        /// Syntactic pre-filter before binding: an implementation pattern may match a type of the written type's
        /// rightmost simple name (<see cref="NamePattern.MayMatchSimpleName"/>, derived from the pattern itself), or
        /// the name is a using alias of the compilation (which may rename one).
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private bool MayNameAnImplementation(TypeSyntax typeSyntax, CancellationToken cancellationToken)
        {
            var name = typeSyntax switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                _ => null,
            };

            if (name is null)
            {
                return false;
            }

            foreach (var pattern in Implementations.Patterns)
            {
                if (pattern.MayMatchSimpleName(name))
                {
                    return true;
                }
            }

            return _aliases.Get(cancellationToken).Contains(name);
        }

        [MethodImpl(Jit.Optimized)]
        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.IsImplicit || creation.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                || creation.Syntax is not ObjectCreationExpressionSyntax syntax)
            {
                return;
            }

            var consumer = ArchGateContext.EnclosingType(context.ContainingSymbol);
            if (consumer is null || _context.IsCompositionRoot(consumer))
            {
                return;
            }

            Check(context.ReportDiagnostic, consumer, type, syntax.Type.GetLocation(), fixable: false);
        }

        [MethodImpl(Jit.Optimized)]
        private void Check(Action<Diagnostic> report, INamedTypeSymbol consumer, INamedTypeSymbol type, Location location, bool fixable)
        {
            if (type.TypeKind != TypeKind.Class)
            {
                return;
            }

            var candidates = CandidatesOf(type);
            if (candidates.IsEmpty || !IsOutsideOwnLayer(consumer, type))
            {
                return;
            }

            var consumerName = _context.QualifiedName(consumer);
            var implementationName = _context.QualifiedName(type);
            var names = candidates.Select(i => i.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)).ToArray();
            var properties = DiagnosticProperties.For(ConsumerBoundToRepositoryImplementation, "repositories.implementations", symbol: implementationName);
            properties.Add("consumer", consumerName);
            properties.Add("implementation", implementationName);
            properties.Add(InterfaceNamesProperty, string.Join(";", names));
            if (fixable)
            {
                properties.Add(InterfacesProperty, string.Join(";", candidates.Select(i => i.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))));
            }

            var interfaces = candidates.Length == 1 ? _catalog.Describe(candidates[0]) : string.Join(" or ", names);
            report(DiagnosticProperties.Create(ConsumerBoundToRepositoryImplementation, location, properties,
                consumerName, _context.LayerOf(consumer) ?? "none", implementationName, _context.LayerOf(type) ?? "none", interfaces));
        }

        /// <summary>The approved interfaces an approved implementation implements, most derived first; empty otherwise.</summary>
        [MethodImpl(Jit.Optimized)]
        private ImmutableArray<INamedTypeSymbol> CandidatesOf(INamedTypeSymbol type)
            => _candidates.GetOrAdd(type, t =>
            {
                if (t.TypeKind == TypeKind.Error || !_context.MatchesType(Implementations, t))
                {
                    return ImmutableArray<INamedTypeSymbol>.Empty;
                }

                var approved = t.AllInterfaces.Where(i => _catalog.IsApprovedInterface(i.OriginalDefinition)).ToList();
                return approved
                    .Select((i, index) => (i, index, derived: approved.Count(other => other.AllInterfaces.Contains(i, SymbolEqualityComparer.Default))))
                    .OrderBy(x => x.derived)
                    .ThenBy(x => x.index)
                    .Select(x => x.i)
                    .ToImmutableArray();
            });

        /// <summary>Outside the implementation's layer; without layers, outside its namespace.</summary>
        [MethodImpl(Jit.Optimized)]
        private bool IsOutsideOwnLayer(INamedTypeSymbol consumer, INamedTypeSymbol implementation)
        {
            var implementationLayer = _context.LayerOf(implementation);
            if (implementationLayer is not null)
            {
                return !string.Equals(_context.LayerOf(consumer), implementationLayer, StringComparison.Ordinal);
            }

            for (var ns = consumer.ContainingNamespace; ns is not null; ns = ns.ContainingNamespace)
            {
                if (SymbolEqualityComparer.Default.Equals(ns, implementation.ContainingNamespace))
                {
                    return false;
                }
            }

            return true;
        }

        [MethodImpl(Jit.Optimized)]
        private static TypeSyntax? DeclaredTypeSyntax(SyntaxNode node) => node switch
        {
            VariableDeclarationSyntax v => v.Type,
            PropertyDeclarationSyntax p => p.Type,
            IndexerDeclarationSyntax i => i.Type,
            ParameterSyntax p => p.Type,
            MethodDeclarationSyntax m => m.ReturnType,
            LocalFunctionStatementSyntax l => l.ReturnType,
            DelegateDeclarationSyntax d => d.ReturnType,
            DeclarationExpressionSyntax d => d.Type,
            DeclarationPatternSyntax d => d.Type,
            ForEachStatementSyntax f => f.Type,
            _ => null,
        };
    }
}
