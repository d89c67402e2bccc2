using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Conventions;

internal enum Lifetime
{
    Singleton = 0,
    Scoped = 1,
    Transient = 2,
}

/// <summary>
/// One DI registration read from an <c>IServiceCollection</c> call: the service type, its lifetime,
/// and what the container will need to build it (the implementation's constructor, or the services a
/// factory lambda resolves). Instances registered as objects need nothing.
/// </summary>
internal sealed class ServiceRegistration
{
    public ServiceRegistration(ITypeSymbol serviceType, Lifetime lifetime, INamedTypeSymbol? implementation,
        ImmutableArray<ITypeSymbol> factoryDependencies, string method, Location location)
    {
        ServiceType = serviceType;
        Lifetime = lifetime;
        Implementation = implementation;
        FactoryDependencies = factoryDependencies;
        Method = method;
        Location = location;
    }

    public ITypeSymbol ServiceType { get; }

    public Lifetime Lifetime { get; }

    /// <summary>The type the container constructs; null for factories and instances.</summary>
    public INamedTypeSymbol? Implementation { get; }

    /// <summary>For a factory registration: the services its lambda resolves (<c>GetRequiredService&lt;T&gt;</c>).</summary>
    public ImmutableArray<ITypeSymbol> FactoryDependencies { get; }

    /// <summary>The registering method as written (<c>AddSingleton</c>, <c>AddDbContext</c>).</summary>
    public string Method { get; }

    public Location Location { get; }

    /// <summary>
    /// Reads the registrations an invocation makes (none when it is not a registration call).
    /// Handles the generic, factory, instance and <c>typeof</c> forms of AddSingleton/AddScoped/
    /// AddTransient (and TryAdd*), AddDbContext/AddDbContextPool (scoped unless contextLifetime says
    /// otherwise), AddDbContextFactory (the factory, singleton by default, plus the context, scoped),
    /// and AddHostedService (singleton).
    /// </summary>
    [MethodImpl(Jit.Optimized)]
    public static ImmutableArray<ServiceRegistration> Read(IInvocationOperation invocation, ConventionSymbols symbols)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        var container = method.ContainingType?.OriginalDefinition;
        if (container is null)
        {
            return ImmutableArray<ServiceRegistration>.Empty;
        }

        // Most invocations are not registrations: reject them before allocating anything.
        if (!SymbolEqualityComparer.Default.Equals(container, symbols.ServiceCollectionServiceExtensions)
            && !SymbolEqualityComparer.Default.Equals(container, symbols.ServiceCollectionDescriptorExtensions)
            && !SymbolEqualityComparer.Default.Equals(container, symbols.EntityFrameworkServiceCollectionExtensions)
            && !SymbolEqualityComparer.Default.Equals(container, symbols.ServiceCollectionHostedServiceExtensions))
        {
            return ImmutableArray<ServiceRegistration>.Empty;
        }

        var name = invocation.TargetMethod.Name;
        var location = invocation.Syntax.GetLocation();
        var typeArgs = invocation.TargetMethod.TypeArguments;

        if (SymbolEqualityComparer.Default.Equals(container, symbols.ServiceCollectionServiceExtensions)
            || SymbolEqualityComparer.Default.Equals(container, symbols.ServiceCollectionDescriptorExtensions))
        {
            var lifetime = LifetimeFromName(name);
            if (lifetime is null)
            {
                return ImmutableArray<ServiceRegistration>.Empty;
            }

            return One(ReadGeneralForm(invocation, typeArgs, lifetime.Value, name, location));
        }

        if (SymbolEqualityComparer.Default.Equals(container, symbols.EntityFrameworkServiceCollectionExtensions))
        {
            if (typeArgs.Length == 0)
            {
                return ImmutableArray<ServiceRegistration>.Empty;
            }

            var contextService = typeArgs[0];
            var contextImpl = typeArgs[typeArgs.Length - 1] as INamedTypeSymbol;
            switch (name)
            {
                case "AddDbContext":
                case "AddDbContextPool":
                {
                    var lifetime = ConstantLifetime(Argument(invocation, "contextLifetime")) ?? Lifetime.Scoped;
                    return One(new ServiceRegistration(contextService, lifetime, contextImpl, default, name, location));
                }

                case "AddDbContextFactory":
                case "AddPooledDbContextFactory":
                {
                    var lifetime = ConstantLifetime(Argument(invocation, "lifetime")) ?? Lifetime.Singleton;
                    var builder = ImmutableArray.CreateBuilder<ServiceRegistration>();
                    if (symbols.IDbContextFactoryOfT is { } factory)
                    {
                        // AddDbContextFactory<TContext, TFactory>: the first type argument is the context.
                        builder.Add(new ServiceRegistration(factory.Construct(contextService), lifetime, null, ImmutableArray<ITypeSymbol>.Empty, name, location));
                    }

                    builder.Add(new ServiceRegistration(contextService, Lifetime.Scoped, null, ImmutableArray<ITypeSymbol>.Empty, name, location));
                    return builder.ToImmutable();
                }

                default:
                    return ImmutableArray<ServiceRegistration>.Empty;
            }
        }

        if (SymbolEqualityComparer.Default.Equals(container, symbols.ServiceCollectionHostedServiceExtensions)
            && name == "AddHostedService" && typeArgs.Length == 1 && symbols.IHostedService is { } hosted)
        {
            var factory = Argument(invocation, "implementationFactory");
            return One(factory is null
                ? new ServiceRegistration(hosted, Lifetime.Singleton, typeArgs[0] as INamedTypeSymbol, default, name, location)
                : new ServiceRegistration(hosted, Lifetime.Singleton, null, ResolvedBy(factory), name, location));
        }

        return ImmutableArray<ServiceRegistration>.Empty;
    }

    private static ServiceRegistration? ReadGeneralForm(IInvocationOperation invocation, ImmutableArray<ITypeSymbol> typeArgs,
        Lifetime lifetime, string name, Location location)
    {
        ITypeSymbol? service = null;
        ITypeSymbol? implementation = null;
        IOperation? factory = null;
        var isInstance = false;

        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                continue;
            }

            var value = Unwrap(argument.Value);
            switch (parameter.Name)
            {
                case "serviceType":
                    service = (value as ITypeOfOperation)?.TypeOperand;
                    break;
                case "implementationType":
                    implementation = (value as ITypeOfOperation)?.TypeOperand;
                    break;
                case "implementationFactory":
                    factory = value;
                    break;
                case "implementationInstance":
                    isInstance = true;
                    break;
            }
        }

        if (typeArgs.Length >= 1)
        {
            service ??= typeArgs[0];
            implementation ??= typeArgs[typeArgs.Length - 1];
        }

        if (service is null)
        {
            return null;
        }

        if (isInstance)
        {
            return new ServiceRegistration(service, lifetime, null, ImmutableArray<ITypeSymbol>.Empty, name, location);
        }

        if (factory is not null)
        {
            return new ServiceRegistration(service, lifetime, null, ResolvedBy(factory), name, location);
        }

        return new ServiceRegistration(service, lifetime, (implementation ?? service) as INamedTypeSymbol, default, name, location);
    }

    /// <summary>The service types a factory lambda resolves through GetService / GetRequiredService.</summary>
    private static ImmutableArray<ITypeSymbol> ResolvedBy(IOperation factory)
    {
        var builder = ImmutableArray.CreateBuilder<ITypeSymbol>();
        foreach (var op in factory.Descendants())
        {
            if (op is IInvocationOperation call
                && call.TargetMethod.Name is "GetService" or "GetRequiredService"
                && call.TargetMethod.TypeArguments.Length == 1)
            {
                builder.Add(call.TargetMethod.TypeArguments[0]);
            }
        }

        return builder.ToImmutable();
    }

    private static IOperation? Argument(IInvocationOperation invocation, string parameterName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static Lifetime? ConstantLifetime(IOperation? value)
    {
        var constant = value is null ? default : Unwrap(value).ConstantValue;
        return constant.HasValue && constant.Value is int i && i is >= 0 and <= 2 ? (Lifetime)i : null;
    }

    private static Lifetime? LifetimeFromName(string name) => name switch
    {
        "AddSingleton" or "TryAddSingleton" => Lifetime.Singleton,
        "AddScoped" or "TryAddScoped" => Lifetime.Scoped,
        "AddTransient" or "TryAddTransient" => Lifetime.Transient,
        _ => null,
    };

    /// <summary>The registered value behind every conversion, and the lambda or method behind a delegate creation.</summary>
    internal static IOperation Unwrap(IOperation operation)
    {
        operation = Operations.Unwrap(operation, UnwrapOptions.AllConversions)!;
        if (operation is IDelegateCreationOperation creation)
        {
            return creation.Target;
        }

        return operation;
    }

    private static ImmutableArray<ServiceRegistration> One(ServiceRegistration? registration)
        => registration is null ? ImmutableArray<ServiceRegistration>.Empty : ImmutableArray.Create(registration);

    public static string Describe(Lifetime lifetime) => lifetime switch
    {
        Lifetime.Singleton => "singleton",
        Lifetime.Scoped => "scoped",
        _ => "transient",
    };
}
