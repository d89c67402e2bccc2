using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.Conventions;

/// <summary>The DI, hosting and ASP.NET Core types the convention rules need, resolved once per compilation.</summary>
internal sealed class ConventionSymbols
{
    public ConventionSymbols(KnownSymbols known)
    {
        Known = known;
        ServiceCollectionServiceExtensions = known.Get("Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
        ServiceCollectionDescriptorExtensions = known.Get("Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
        EntityFrameworkServiceCollectionExtensions = known.Get("Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions");
        ServiceCollectionHostedServiceExtensions = known.Get("Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions");
        IDbContextFactoryOfT = known.IDbContextFactoryOfT;
        IHostedService = known.IHostedService;
        IEnumerableOfT = known.IEnumerableOfT;
        IAsyncEnumerableOfT = known.Get("System.Collections.Generic.IAsyncEnumerable`1");
        ActionResultOfT = known.Get("Microsoft.AspNetCore.Mvc.ActionResult`1");
        ControllerBase = known.ControllerBase;
        EndpointRouteBuilderExtensions = known.Get("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
        Results = known.Get("Microsoft.AspNetCore.Http.Results");
        TypedResults = known.Get("Microsoft.AspNetCore.Http.TypedResults");
        ObjectResult = known.Get("Microsoft.AspNetCore.Mvc.ObjectResult");
    }

    public KnownSymbols Known { get; }

    public INamedTypeSymbol? ServiceCollectionServiceExtensions { get; }
    public INamedTypeSymbol? ServiceCollectionDescriptorExtensions { get; }
    public INamedTypeSymbol? EntityFrameworkServiceCollectionExtensions { get; }
    public INamedTypeSymbol? ServiceCollectionHostedServiceExtensions { get; }
    public INamedTypeSymbol? IDbContextFactoryOfT { get; }
    public INamedTypeSymbol? IHostedService { get; }
    public INamedTypeSymbol? IEnumerableOfT { get; }
    public INamedTypeSymbol? IAsyncEnumerableOfT { get; }
    public INamedTypeSymbol? ActionResultOfT { get; }
    public INamedTypeSymbol? ControllerBase { get; }
    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
    public INamedTypeSymbol? Results { get; }
    public INamedTypeSymbol? TypedResults { get; }
    public INamedTypeSymbol? ObjectResult { get; }

    /// <summary>True when DI registrations can be read at all in this compilation.</summary>
    public bool HasDependencyInjection => ServiceCollectionServiceExtensions is not null;
}
