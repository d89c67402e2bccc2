using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Conventions;

/// <summary>
/// AG7001: a singleton (or hosted service) whose constructor takes a scoped service, directly or
/// through transients, from the registrations visible in the compilation.
/// AG7002: a DbContext registered as a singleton, stored in a static field or property, or injected
/// into a hosted service.
/// </summary>
/// <remarks>
/// AG7001 needs every registration of the compilation before it can judge one, so it is computed in
/// a compilation-end action (it shows in the IDE with full-solution analysis and in every build).
/// AG7002 is reported from symbol and operation actions and shows live.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ServiceLifetimeAnalyzer : ArchGateAnalyzer
{
    private const int MaxChainDepth = 6;

    public static readonly DiagnosticDescriptor ScopedCapturedBySingleton = Rules.Create(
        RuleIdentifiers.ScopedCapturedBySingleton,
        "Scoped service captured by a singleton",
        "'{0}' is registered as a singleton ({1}) but depends on scoped '{2}' ({3}); chain: {4}. The scoped instance would live as long as the application and be shared by concurrent requests. Inject IServiceScopeFactory and create a scope per operation (or IDbContextFactory<T> for a DbContext), or register '{0}' as scoped.",
        RuleCategories.Conventions,
        DiagnosticSeverity.Warning,
        "A singleton lives for the whole application. When its constructor takes a scoped service (a DbContext, a unit of work, anything per request), directly or through a transient, that instance is captured for ever: state leaks between requests and a DbContext is used by several threads at once. ASP.NET Core only detects this at run time, and only with scope validation on.",
        true,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor DbContextWrongLifetime = Rules.Create(
        RuleIdentifiers.DbContextWrongLifetime,
        "DbContext registered or held with the wrong lifetime",
        "{0}; a DbContext is a unit of work, not thread-safe and meant to live for one operation. {1}.",
        RuleCategories.Conventions,
        DiagnosticSeverity.Warning,
        "A DbContext registered as a singleton, kept in a static field, or injected into a hosted service (which is a singleton) is shared across requests and threads and grows its change tracker without bound. Use a scoped DbContext per request, and IDbContextFactory<T> (AddDbContextFactory) or a created scope in long-lived services.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(ScopedCapturedBySingleton, DbContextWrongLifetime);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = new ConventionSymbols(KnownSymbols.For(start.Compilation));
            var hasEf = symbols.Known.DbContext is not null;
            var canRegister = symbols.HasDependencyInjection || symbols.EntityFrameworkServiceCollectionExtensions is not null;
            if (!canRegister && !hasEf)
            {
                return;
            }

            if (hasEf)
            {
                start.RegisterSymbolAction([MethodImpl(Jit.Optimized)] (ctx) => AnalyzeStaticMember(ctx, symbols), SymbolKind.Field, SymbolKind.Property);
                if (symbols.IHostedService is not null)
                {
                    start.RegisterSymbolAction([MethodImpl(Jit.Optimized)] (ctx) => AnalyzeHostedService(ctx, symbols), SymbolKind.NamedType);
                }
            }

            if (!canRegister)
            {
                return; // no DI registration can be read: AG7001 and the AddDbContext check cannot apply
            }

            var registrations = new ConcurrentQueue<ServiceRegistration>();
            start.RegisterOperationAction([MethodImpl(Jit.Optimized)] (ctx) =>
            {
                var invocation = (IInvocationOperation)ctx.Operation;
                var read = ServiceRegistration.Read(invocation, symbols);
                foreach (var registration in read)
                {
                    registrations.Enqueue(registration);
                    if (registration.Method is "AddDbContext" or "AddDbContextPool"
                        && registration.Lifetime == Lifetime.Singleton
                        && symbols.Known.IsDbContext(registration.ServiceType))
                    {
                        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "contextLifetime");
                        ctx.ReportDiagnostic(DiagnosticProperties.Create(DbContextWrongLifetime,
                            (argument?.Syntax ?? invocation.Syntax).GetLocation(),
                            Properties(DbContextWrongLifetime, "registration", registration.ServiceType),
                            $"'{registration.ServiceType.ToDisplayString()}' is registered with ServiceLifetime.Singleton",
                            "Remove the lifetime argument (scoped is the default), or use AddDbContextFactory and create a context per operation"));
                    }
                }
            }, OperationKind.Invocation);

            start.RegisterCompilationEndAction(end => ReportCaptures(end, registrations.ToArray(), symbols));
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeStaticMember(SymbolAnalysisContext context, ConventionSymbols symbols)
    {
        var (isStatic, type) = context.Symbol switch
        {
            IFieldSymbol f => (f.IsStatic && !f.IsConst, f.Type),
            IPropertySymbol p => (p.IsStatic, p.Type),
            _ => (false, null),
        };
        if (!isStatic || type is null || !symbols.Known.IsDbContext(type) || context.Symbol.IsImplicitlyDeclared
            || context.Symbol.Locations.Length == 0 || !context.Symbol.Locations[0].IsInSource)
        {
            return;
        }

        var kind = context.Symbol is IFieldSymbol ? "field" : "property";
        context.ReportDiagnostic(DiagnosticProperties.Create(DbContextWrongLifetime, context.Symbol.Locations[0],
            Properties(DbContextWrongLifetime, "static", type),
            $"static {kind} '{context.Symbol.Name}' of '{context.Symbol.ContainingType?.Name}' holds a '{type.ToDisplayString()}'",
            "Inject the DbContext (scoped) where it is used, or IDbContextFactory<T> and create one per operation; never share one through a static"));
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeHostedService(SymbolAnalysisContext context, ConventionSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class || symbols.IHostedService is null
            || !KnownSymbols.IsOrInheritsFrom(type, symbols.IHostedService))
        {
            return;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared)
            {
                continue;
            }

            foreach (var parameter in constructor.Parameters)
            {
                if (!symbols.Known.IsDbContext(parameter.Type) || parameter.Locations.Length == 0)
                {
                    continue;
                }

                var contextType = parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                var properties = Properties(DbContextWrongLifetime, "hostedService", parameter.Type);
                properties["parameter"] = parameter.Name;
                properties["service"] = type.ToDisplayString();
                context.ReportDiagnostic(DiagnosticProperties.Create(DbContextWrongLifetime, parameter.Locations[0],
                    properties,
                    $"hosted service '{type.Name}' takes '{contextType}' in its constructor; a hosted service is a singleton, so this one DbContext serves the application's whole lifetime",
                    $"Take IDbContextFactory<{contextType}> (register it with AddDbContextFactory) and create a context per unit of work, or IServiceScopeFactory and resolve the DbContext inside a scope"));
            }
        }
    }

    private static void ReportCaptures(CompilationAnalysisContext context, ServiceRegistration[] registrations, ConventionSymbols symbols)
    {
        if (registrations.Length == 0)
        {
            return;
        }

        // The registrations arrive in whatever order the concurrent callbacks ran; put them in source order first,
        // so which registration a chain names (the last one of a service wins, as in the container) is the same
        // in every build.
        registrations = registrations
            .OrderBy(r => r.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(r => r.Location.SourceSpan.Start)
            .ToArray();
        var byService = new Dictionary<ITypeSymbol, List<ServiceRegistration>>(SymbolEqualityComparer.Default);
        foreach (var registration in registrations)
        {
            var key = Key(registration.ServiceType);
            if (!byService.TryGetValue(key, out var list))
            {
                byService[key] = list = new List<ServiceRegistration>();
            }

            list.Add(registration);
        }

        foreach (var registration in registrations)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (registration.Lifetime != Lifetime.Singleton)
            {
                continue;
            }

            var chain = new List<(ITypeSymbol Type, ServiceRegistration Registration)>();
            var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            if (!FindScoped(Dependencies(registration), byService, chain, visited, 0))
            {
                continue;
            }

            var captured = chain[chain.Count - 1];

            // A DbContext injected straight into a hosted service is AG7002 (with its own fix); don't say it twice.
            if (chain.Count == 1 && registration.Implementation is not null && symbols.IHostedService is not null
                && KnownSymbols.IsOrInheritsFrom(registration.Implementation, symbols.IHostedService)
                && symbols.Known.IsDbContext(captured.Type))
            {
                continue;
            }

            var singletonName = (registration.Implementation ?? registration.ServiceType).ToDisplayString();
            var chainText = string.Join(" -> ", new[] { Short(registration.Implementation ?? registration.ServiceType) }
                .Concat(chain.Select(c => Short(c.Type) + " (" + ServiceRegistration.Describe(c.Registration.Lifetime) + ")")));
            var properties = DiagnosticProperties.For(ScopedCapturedBySingleton, symbol: singletonName);
            properties["singleton"] = singletonName;
            properties["scopedService"] = captured.Type.ToDisplayString();
            properties["chain"] = chainText;
            context.ReportDiagnostic(DiagnosticProperties.Create(ScopedCapturedBySingleton, registration.Location,
                properties,
                new[] { captured.Registration.Location },
                singletonName,
                Where(registration),
                captured.Type.ToDisplayString(),
                Where(captured.Registration),
                chainText));
        }
    }

    private static bool FindScoped(IEnumerable<ITypeSymbol> dependencies, Dictionary<ITypeSymbol, List<ServiceRegistration>> byService,
        List<(ITypeSymbol, ServiceRegistration)> chain, HashSet<ITypeSymbol> visited, int depth)
    {
        if (depth > MaxChainDepth)
        {
            return false;
        }

        foreach (var dependency in dependencies)
        {
            if (!visited.Add(dependency) || !TryLookup(dependency, byService, out var found))
            {
                continue;
            }

            // Judge only when every registration of the service agrees on its lifetime (precision first).
            var lifetime = found[0].Lifetime;
            if (found.Any(r => r.Lifetime != lifetime))
            {
                continue;
            }

            chain.Add((dependency, found[found.Count - 1]));
            if (lifetime == Lifetime.Scoped)
            {
                return true;
            }

            if (lifetime == Lifetime.Transient && FindScoped(found.SelectMany(Dependencies), byService, chain, visited, depth + 1))
            {
                return true;
            }

            chain.RemoveAt(chain.Count - 1);
        }

        return false;
    }

    private static bool TryLookup(ITypeSymbol dependency, Dictionary<ITypeSymbol, List<ServiceRegistration>> byService, out List<ServiceRegistration> found)
    {
        if (byService.TryGetValue(dependency, out found!))
        {
            return true;
        }

        // An open generic registration (typeof(IRepository<>)) is keyed by the definition and serves every closed form.
        return dependency is INamedTypeSymbol { IsGenericType: true }
            && !SymbolEqualityComparer.Default.Equals(dependency, dependency.OriginalDefinition)
            && byService.TryGetValue(dependency.OriginalDefinition, out found!);
    }

    /// <summary>The services the container must supply to build a registration.</summary>
    private static IEnumerable<ITypeSymbol> Dependencies(ServiceRegistration registration)
    {
        if (!registration.FactoryDependencies.IsDefault)
        {
            return registration.FactoryDependencies;
        }

        var implementation = registration.Implementation;
        if (implementation is null || implementation.TypeKind is not TypeKind.Class || implementation.IsAbstract)
        {
            return Enumerable.Empty<ITypeSymbol>();
        }

        // The container uses the public constructor with the most parameters it can satisfy; take the longest.
        IMethodSymbol? best = null;
        foreach (var constructor in implementation.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility == Accessibility.Public && (best is null || constructor.Parameters.Length > best.Parameters.Length))
            {
                best = constructor;
            }
        }

        if (best is null)
        {
            return Enumerable.Empty<ITypeSymbol>();
        }

        return best.Parameters.Select(p => ElementOfEnumerable(p.Type));
    }

    private static ITypeSymbol ElementOfEnumerable(ITypeSymbol type)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
           && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
            ? named.TypeArguments[0]
            : type;

    private static ITypeSymbol Key(ITypeSymbol type)
        => type is INamedTypeSymbol { IsUnboundGenericType: true } unbound ? unbound.OriginalDefinition : type;

    private static string Short(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    private static string Where(ServiceRegistration registration)
    {
        var span = registration.Location.GetLineSpan();
        var file = System.IO.Path.GetFileName(span.Path);
        return registration.Method + " at " + file + ":" + (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static ImmutableDictionary<string, string?>.Builder Properties(DiagnosticDescriptor descriptor, string kind, ITypeSymbol contextType)
    {
        var properties = DiagnosticProperties.For(descriptor, symbol: contextType.ToDisplayString());
        properties["kind"] = kind;
        properties["dbContext"] = contextType.ToDisplayString();
        return properties;
    }
}
