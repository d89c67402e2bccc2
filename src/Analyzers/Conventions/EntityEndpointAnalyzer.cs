using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Conventions;

/// <summary>
/// AG7003: a controller action or minimal-API handler whose response is (or wraps, as
/// <c>List&lt;T&gt;</c>, <c>ActionResult&lt;T&gt;</c>, <c>Results&lt;…&gt;</c>, <c>Ok(entity)</c>…) a
/// persistence entity: a type exposed as <c>DbSet&lt;T&gt;</c> on a DbContext the compilation sees,
/// or matched by <c>api.entityTypes</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EntityEndpointAnalyzer : ArchGateAnalyzer
{
    private const int MaxUnwrapDepth = 8;

    public static readonly DiagnosticDescriptor EntityReturnedFromEndpoint = Rules.Create(
        RuleIdentifiers.EntityReturnedFromEndpoint,
        "Entity returned from an endpoint",
        "Endpoint '{0}' returns entity '{1}' ({2}){3}; the API contract then follows the database schema: every column leaks to clients and every migration can break them. Return a DTO (e.g. a record '{4}Dto') mapped from the entity.",
        RuleCategories.Conventions,
        DiagnosticSeverity.Warning,
        "Persistence entities returned straight from controllers or minimal-API handlers make the HTTP contract a copy of the database schema: internal columns are exposed, navigation properties cause cycles or lazy loads during serialization, and a schema change silently changes the API. Map entities to DTOs at the boundary.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(EntityReturnedFromEndpoint);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = new ConventionSymbols(KnownSymbols.For(start.Compilation));
            if (symbols.ControllerBase is null && symbols.EndpointRouteBuilderExtensions is null)
            {
                return; // no ASP.NET Core: no endpoints
            }

            var archGate = ArchGateContext.Create(start);
            var entities = new EntityTypes(start.Compilation, symbols, archGate);
            if (!entities.MayHaveEntities)
            {
                return;
            }

            // Controllers need MVC (ControllerBase or the controller attributes); minimal APIs need the
            // Map* extensions. Only what can exist in this compilation is registered.
            var mayHaveControllers = archGate.Controllers.MayExist;
            var analyzer = new Analyzer(symbols, entities, archGate.Controllers);
            if (mayHaveControllers)
            {
                start.RegisterSymbolAction(analyzer.AnalyzeAction, SymbolKind.Method);
                if (symbols.ObjectResult is not null)
                {
                    start.RegisterOperationAction(analyzer.AnalyzeCreation, OperationKind.ObjectCreation);
                }
            }

            start.RegisterOperationAction(analyzer.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private sealed class Analyzer
    {
        private readonly ConventionSymbols _symbols;
        private readonly EntityTypes _entities;

        private readonly Controllers _controllers;
        private readonly SymbolMemo<INamedTypeSymbol, bool> _resultFactories = new();
        private readonly Func<INamedTypeSymbol, bool> _isResultFactoryType;
        private readonly SymbolMemo<INamedTypeSymbol, bool> _objectResults = new();
        private readonly Func<INamedTypeSymbol, bool> _isObjectResult;

        public Analyzer(ConventionSymbols symbols, EntityTypes entities, Controllers controllers)
        {
            _symbols = symbols;
            _entities = entities;
            _controllers = controllers;
            _isResultFactoryType = IsResultFactoryType;
            _isObjectResult = type => KnownSymbols.IsOrInheritsFrom(type, _symbols.ObjectResult);
        }

        /// <summary>A controller action whose declared return type wraps an entity: reported at the return type.</summary>
        [MethodImpl(Jit.Optimized)]
        public void AnalyzeAction(SymbolAnalysisContext context)
        {
            // Whether the method is an action is answered per containing type (a project without controllers
            // stops here for every method); only then is the return type searched for entities, which
            // collects the DbSets of every DbContext on first use.
            var method = (IMethodSymbol)context.Symbol;
            if (!_controllers.IsAction(method) || !_entities.TryFind(method.ReturnType, context.CancellationToken, out var entity, out var source))
            {
                return;
            }

            var location = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration
                ? declaration.ReturnType.GetLocation()
                : method.Locations.FirstOrDefault();
            Report(context.ReportDiagnostic, location, method.ContainingType.Name + "." + method.Name, entity, source,
                " as " + method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
        }

        /// <summary>
        /// Every invocation: a MapGet/MapPost/... call (<see cref="AnalyzeMap"/>), or a result factory
        /// (<c>Ok(value)</c>, <c>Results.Json(data)</c>...) in an action with an untyped result
        /// (IActionResult, IResult...), whose values are what it returns.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var target = invocation.TargetMethod;
            if (target.Name.StartsWith("Map", StringComparison.Ordinal))
            {
                if (_symbols.EndpointRouteBuilderExtensions is not null)
                {
                    AnalyzeMap(context, invocation);
                }
            }
            else if (context.ContainingSymbol is IMethodSymbol { ContainingType: { } owner } && _controllers.IsController(owner)
                     && IsResultFactory(target) && UntypedActionName(context.ContainingSymbol, context.CancellationToken) is { } endpoint)
            {
                CheckResultValue(target, invocation.Arguments, endpoint, context.ReportDiagnostic, context.CancellationToken);
            }
        }

        /// <summary><c>new ObjectResult(value)</c> (or a subclass) in an action with an untyped result.</summary>
        [MethodImpl(Jit.Optimized)]
        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is { } constructor
                && context.ContainingSymbol is IMethodSymbol { ContainingType: { } owner } && _controllers.IsController(owner)
                && IsObjectResult(creation.Type)
                && UntypedActionName(context.ContainingSymbol, context.CancellationToken) is { } endpoint)
            {
                CheckResultValue(constructor, creation.Arguments, endpoint, context.ReportDiagnostic, context.CancellationToken);
            }
        }

        /// <summary>"OrdersController.Get" when <paramref name="symbol"/> is an action whose declared type is no entity (its result values are looked at instead); else null.</summary>
        private string? UntypedActionName(ISymbol? symbol, CancellationToken cancellationToken)
            => symbol is IMethodSymbol method && _controllers.IsAction(method) && !_entities.TryFind(method.ReturnType, cancellationToken, out _, out _)
                ? method.ContainingType.Name + "." + method.Name
                : null;

        /// <summary>MapGet/MapPost/... handlers: the handler's return type, else the values it passes to Results/TypedResults.</summary>
        [MethodImpl(Jit.Optimized)]
        private void AnalyzeMap(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, _symbols.EndpointRouteBuilderExtensions))
            {
                return;
            }

            var handlerArgument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "handler");
            if (handlerArgument is null)
            {
                return;
            }

            var route = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue is { HasValue: true, Value: string pattern }
                ? invocation.TargetMethod.Name + " \"" + pattern + "\""
                : invocation.TargetMethod.Name;
            var handler = ServiceRegistration.Unwrap(handlerArgument.Value);
            var handlerMethod = handler switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                IMethodReferenceOperation reference => reference.Method,
                _ => null,
            };
            if (handlerMethod is null)
            {
                return;
            }

            if (_entities.TryFind(handlerMethod.ReturnType, context.CancellationToken, out var entity, out var source))
            {
                Report(context.ReportDiagnostic, handlerArgument.Syntax.GetLocation(), route, entity, source,
                    " as " + handlerMethod.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                return;
            }

            if (handler is IAnonymousFunctionOperation body)
            {
                foreach (var operation in body.Body.Descendants())
                {
                    switch (operation)
                    {
                        case IInvocationOperation call when IsResultFactory(call.TargetMethod):
                            CheckResultValue(call.TargetMethod, call.Arguments, route, context.ReportDiagnostic, context.CancellationToken);
                            break;
                        case IObjectCreationOperation { Constructor: { } constructor } creation when IsObjectResult(creation.Type):
                            CheckResultValue(constructor, creation.Arguments, route, context.ReportDiagnostic, context.CancellationToken);
                            break;
                    }
                }
            }
        }

        /// <summary>The <c>value</c>/<c>data</c> argument of Ok(value), Created(uri, value), Results.Json(data), TypedResults.Ok(value), new ObjectResult(value)...</summary>
        private void CheckResultValue(IMethodSymbol target, ImmutableArray<IArgumentOperation> arguments, string endpoint, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name is not ("value" or "data") || argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    continue;
                }

                var value = Operations.Unwrap(argument.Value, UnwrapOptions.AllConversions)!;
                if (value.Type is not null && _entities.TryFind(value.Type, cancellationToken, out var entity, out var source))
                {
                    Report(report, argument.Syntax.GetLocation(), endpoint, entity, source, " through " + target.Name + "(...)");
                }
            }
        }

        /// <summary>A method of Results, TypedResults or a ControllerBase (answered once per containing type).</summary>
        [MethodImpl(Jit.Optimized)]
        private bool IsResultFactory(IMethodSymbol method)
            => method.ContainingType?.OriginalDefinition is { } container && _resultFactories.GetOrAdd(container, _isResultFactoryType);

        private bool IsResultFactoryType(INamedTypeSymbol container)
            => SymbolEqualityComparer.Default.Equals(container, _symbols.Results)
               || SymbolEqualityComparer.Default.Equals(container, _symbols.TypedResults)
               || (_symbols.ControllerBase is not null && KnownSymbols.IsOrInheritsFrom(container, _symbols.ControllerBase));

        /// <summary>ObjectResult or a subclass (answered once per type).</summary>
        [MethodImpl(Jit.Optimized)]
        private bool IsObjectResult(ITypeSymbol? type)
            => _symbols.ObjectResult is not null && type is INamedTypeSymbol named && _objectResults.GetOrAdd(named.OriginalDefinition, _isObjectResult);

        private static void Report(Action<Diagnostic> report, Location? location, string endpoint, ITypeSymbol entity, string source, string how)
        {
            if (location is null)
            {
                return;
            }

            // The entity type, not the nullability of the value that carried it ("Shop.Order", not "Shop.Order?").
            var entityName = entity.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString();
            var properties = DiagnosticProperties.For(EntityReturnedFromEndpoint,
                source.StartsWith("matched by archgate.json", StringComparison.Ordinal) ? "api.entityTypes" : null, entityName);
            properties["endpoint"] = endpoint;
            properties["entity"] = entityName;
            properties["entitySource"] = source;
            report(DiagnosticProperties.Create(EntityReturnedFromEndpoint, location, properties,
                endpoint, entityName, source, how, entity.Name));
        }
    }

    /// <summary>
    /// Which types are entities: those exposed as DbSet&lt;T&gt; properties of the DbContexts declared in
    /// this compilation or in referenced assemblies that use EF Core, and those matched by
    /// <c>api.entityTypes</c>. Collected once per compilation, on first use.
    /// </summary>
    private sealed class EntityTypes
    {
        private readonly ConventionSymbols _symbols;
        private readonly ArchGateContext _archGate;
        private readonly Once<Dictionary<ITypeSymbol, string>> _fromDbSets;
        private readonly SymbolMemo<INamedTypeSymbol, bool> _wrappers = new();
        private readonly Func<INamedTypeSymbol, bool> _isWrapper;

        public EntityTypes(Compilation compilation, ConventionSymbols symbols, ArchGateContext archGate)
        {
            _symbols = symbols;
            _archGate = archGate;
            _fromDbSets = new Once<Dictionary<ITypeSymbol, string>>(cancellationToken => Collect(compilation, cancellationToken));
            _isWrapper = ComputeIsWrapper;
        }

        public bool MayHaveEntities => _symbols.Known.DbSetOfT is not null || !_archGate.Config.Api.EntityTypes.IsEmpty;

        /// <summary>Collects the DbSets on first use with the caller's token (a cancelled collection leaves nothing behind), then searches.</summary>
        public bool TryFind(ITypeSymbol type, CancellationToken cancellationToken, out ITypeSymbol entity, out string source)
        {
            _ = _fromDbSets.Get(cancellationToken);
            return TryFind(type, 0, out entity, out source);
        }

        /// <summary>The DbSet entity types; <see cref="TryFind(ITypeSymbol, CancellationToken, out ITypeSymbol, out string)"/> has computed them.</summary>
        private Dictionary<ITypeSymbol, string> DbSetEntities => _fromDbSets.Get(CancellationToken.None);

        [MethodImpl(Jit.Optimized)]
        private bool TryFind(ITypeSymbol type, int depth, out ITypeSymbol entity, out string source)
        {
            entity = type;
            source = string.Empty;
            if (depth > MaxUnwrapDepth || type.TypeKind == TypeKind.Error)
            {
                return false;
            }

            if (IsEntity(type, out source))
            {
                return true;
            }

            if (type is IArrayTypeSymbol array)
            {
                return TryFind(array.ElementType, depth + 1, out entity, out source);
            }

            if (type is INamedTypeSymbol { IsGenericType: true } named && IsWrapper(named))
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (TryFind(argument, depth + 1, out entity, out source))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Types that carry their type arguments to the response: tasks, ActionResult&lt;T&gt;, typed results, collections (cached per definition).</summary>
        private bool IsWrapper(INamedTypeSymbol type) => _wrappers.GetOrAdd(type.OriginalDefinition, _isWrapper);

        private bool ComputeIsWrapper(INamedTypeSymbol definition)
        {
            var known = _symbols.Known;
            if (SymbolEqualityComparer.Default.Equals(definition, known.TaskOfT)
                || SymbolEqualityComparer.Default.Equals(definition, known.ValueTaskOfT)
                || SymbolEqualityComparer.Default.Equals(definition, _symbols.ActionResultOfT)
                || SymbolEqualityComparer.Default.Equals(definition, _symbols.IAsyncEnumerableOfT)
                || definition.SpecialType == SpecialType.System_Nullable_T)
            {
                return true;
            }

            if (definition.ContainingNamespace is { Name: "HttpResults" } ns && ns.ContainingNamespace is { Name: "Http" } http
                && http.ContainingNamespace is { Name: "AspNetCore" } aspNetCore && aspNetCore.ContainingNamespace is { Name: "Microsoft" } microsoft
                && microsoft.ContainingNamespace.IsGlobalNamespace)
            {
                return true;
            }

            return definition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                || definition.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
        }

        [MethodImpl(Jit.Optimized)]
        private bool IsEntity(ITypeSymbol type, out string source)
        {
            source = string.Empty;
            if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return false;
            }

            if (DbSetEntities.TryGetValue(named.OriginalDefinition, out var context))
            {
                source = "exposed as DbSet<" + named.Name + "> on " + context;
                return true;
            }

            var patterns = _archGate.Config.Api.EntityTypes;
            if (!patterns.IsEmpty && patterns.Patterns.Any(p => _archGate.Matches(p, named)))
            {
                source = "matched by archgate.json: " + patterns.ConfigPath;
                return true;
            }

            return false;
        }

        private Dictionary<ITypeSymbol, string> Collect(Compilation compilation, CancellationToken cancellationToken)
        {
            var result = new Dictionary<ITypeSymbol, string>(SymbolEqualityComparer.Default);
            if (_symbols.Known.DbContext is null || _symbols.Known.DbSetOfT is null)
            {
                return result;
            }

            var efAssembly = _symbols.Known.DbContext.ContainingAssembly.Identity.Name;
            var assemblies = new List<IAssemblySymbol> { compilation.Assembly };
            foreach (var reference in compilation.References)
            {
                if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly
                    && assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == efAssembly))
                    && !assembly.Name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                    && !assembly.Name.StartsWith("Npgsql", StringComparison.Ordinal))
                {
                    assemblies.Add(assembly);
                }
            }

            foreach (var assembly in assemblies)
            {
                Walk(assembly.GlobalNamespace, result, cancellationToken);
            }

            return result;
        }

        private void Walk(INamespaceOrTypeSymbol container, Dictionary<ITypeSymbol, string> result, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in container.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    Walk(ns, result, cancellationToken);
                }
                else if (member is INamedTypeSymbol type)
                {
                    if (type.TypeKind == TypeKind.Class && _symbols.Known.IsDbContext(type))
                    {
                        for (var current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current, _symbols.Known.DbContext); current = current.BaseType)
                        {
                            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                            {
                                if (property.Type is INamedTypeSymbol { TypeArguments.Length: 1 } set && _symbols.Known.IsDbSet(set)
                                    && !result.ContainsKey(set.TypeArguments[0].OriginalDefinition))
                                {
                                    result[set.TypeArguments[0].OriginalDefinition] = type.Name;
                                }
                            }
                        }
                    }

                    if (type.GetTypeMembers().Length > 0)
                    {
                        Walk(type, result, cancellationToken);
                    }
                }
            }
        }
    }
}
