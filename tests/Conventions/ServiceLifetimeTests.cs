using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Verifier = ArchGate.Tests.Verify<ArchGate.Analyzers.Conventions.ServiceLifetimeAnalyzer>;

namespace ArchGate.Tests.Conventions;

public class ServiceLifetimeTests
{
    private const string Model = """
        using System;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;

        namespace Shop
        {
            public class Order { public int Id { get; set; } }

            public class ShopDbContext : DbContext
            {
                public ShopDbContext(DbContextOptions<ShopDbContext> options) : base(options) { }
                public DbSet<Order> Orders => Set<Order>();
            }

            public interface IClock { DateTime Now { get; } }
            public sealed class Clock : IClock { public DateTime Now => DateTime.UtcNow; }
            public interface IOrderRepository { }
            public sealed class OrderRepository : IOrderRepository { public OrderRepository(ShopDbContext db) { } }
            public sealed class PricingService { public PricingService(IOrderRepository orders) { } }
        }

        """;

    [Fact]
    public async Task Singleton_taking_a_scoped_DbContext_is_reported_at_the_registration()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class PriceCache { public PriceCache(ShopDbContext db, IClock clock) { } }

                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        {|#1:services.AddDbContext<ShopDbContext>()|};
                        services.AddSingleton<IClock, Clock>();
                        {|#0:services.AddSingleton<PriceCache>()|};
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG7001").WithLocation(0).WithLocation(1).WithArguments(
                "Shop.PriceCache", "AddSingleton at Test0.cs:31", "Shop.ShopDbContext", "AddDbContext at Test0.cs:29",
                "PriceCache -> ShopDbContext (scoped)"));
    }

    [Fact]
    public async Task Capture_through_transients_names_the_whole_chain()
    {
        var source = Model + """
            namespace Shop
            {
                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        {|#1:services.AddScoped<ShopDbContext>()|};
                        services.AddTransient<IOrderRepository, OrderRepository>();
                        {|#0:services.AddSingleton(typeof(PricingService))|};
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG7001").WithLocation(0).WithLocation(1).WithArguments(
                "Shop.PricingService", "AddSingleton at Test0.cs:29", "Shop.ShopDbContext", "AddScoped at Test0.cs:27",
                "PricingService -> IOrderRepository (transient) -> ShopDbContext (scoped)"));
    }

    [Fact]
    public async Task Factory_registration_resolving_a_scoped_service_is_reported()
    {
        var source = Model + """
            namespace Shop
            {
                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        {|#1:services.AddScoped<IOrderRepository, OrderRepository>()|};
                        {|#0:services.AddSingleton<PricingService>(sp => new PricingService(sp.GetRequiredService<IOrderRepository>()))|};
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG7001").WithLocation(0).WithLocation(1)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Hosted_service_taking_a_transient_that_takes_a_scoped_service_is_reported()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class Worker : Microsoft.Extensions.Hosting.BackgroundService
                {
                    public Worker(IOrderRepository orders) { }
                    protected override System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken) => System.Threading.Tasks.Task.CompletedTask;
                }

                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddDbContext<ShopDbContext>();
                        services.AddTransient<IOrderRepository, OrderRepository>();
                        {|#0:services.AddHostedService<Worker>()|};
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG7001").WithLocation(0)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Clean_singletons_that_use_scope_factories_or_other_singletons_stay_silent()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class ScopedUser { public ScopedUser(IServiceScopeFactory scopes) { } }
                public sealed class FactoryUser { public FactoryUser(IDbContextFactory<ShopDbContext> factory) { } }
                public sealed class ClockUser { public ClockUser(IClock clock) { } }
                public sealed class Preloaded { public Preloaded(ShopDbContext db) { } }

                public static class Registrations
                {
                    public static void Register(IServiceCollection services, Preloaded instance)
                    {
                        services.AddDbContextFactory<ShopDbContext>();
                        services.AddSingleton<IClock, Clock>();
                        services.AddSingleton<ScopedUser>();
                        services.AddSingleton<FactoryUser>();
                        services.AddSingleton<ClockUser>();
                        services.AddSingleton(instance);
                        services.AddScoped<IOrderRepository, OrderRepository>();
                        services.AddScoped<PricingService>();
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Unregistered_dependencies_are_not_guessed()
    {
        var source = Model + """
            namespace Shop
            {
                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddSingleton<PricingService>();
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source);
    }

    [Fact]
    public async Task DbContext_registered_as_singleton_is_AG7002()
    {
        var source = Model + """
            namespace Shop
            {
                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddDbContext<ShopDbContext>(o => { }, {|#0:ServiceLifetime.Singleton|});
                        services.AddDbContext<ShopDbContext>(o => { }, ServiceLifetime.Scoped);
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG7002").WithLocation(0).WithArguments(
            "'Shop.ShopDbContext' is registered with ServiceLifetime.Singleton",
            "Remove the lifetime argument (scoped is the default), or use AddDbContextFactory and create a context per operation"));
    }

    [Fact]
    public async Task DbContext_in_a_static_field_or_property_is_AG7002_and_instance_fields_are_clean()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class Holder
                {
                    private static ShopDbContext? {|#0:shared|};
                    public static ShopDbContext? {|#1:Current|} { get; set; }
                    private readonly ShopDbContext _db;
                    public Holder(ShopDbContext db) => _db = db;
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null,
            Verifier.Diagnostic("AG7002").WithLocation(0),
            Verifier.Diagnostic("AG7002").WithLocation(1));
    }

    [Fact]
    public async Task DbContext_injected_into_a_hosted_service_is_AG7002_not_also_AG7001()
    {
        var source = Model + """
            namespace Shop
            {
                public sealed class Worker : Microsoft.Extensions.Hosting.BackgroundService
                {
                    public Worker(ShopDbContext {|#0:db|}) { }
                    protected override System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken) => System.Threading.Tasks.Task.CompletedTask;
                }

                public sealed class FactoryWorker : Microsoft.Extensions.Hosting.BackgroundService
                {
                    public FactoryWorker(IDbContextFactory<ShopDbContext> factory) { }
                    protected override System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken) => System.Threading.Tasks.Task.CompletedTask;
                }

                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddDbContext<ShopDbContext>();
                        services.AddHostedService<Worker>();
                        services.AddHostedService<FactoryWorker>();
                    }
                }
            }
            """;
        await Verifier.AnalyzerAsync(source, null, Verifier.Diagnostic("AG7002").WithLocation(0));
    }

    [Fact]
    public async Task Incomplete_registration_code_does_not_throw()
    {
        var test = Verifier.Create(null, Model + """
            namespace Shop
            {
                public static class Registrations
                {
                    public static void Register(IServiceCollection services)
                    {
                        services.AddSingleton<Missing>();
                        services.AddSingleton(typeof(Nope));
                    services.AddScoped<
                    services.AddSingleton<PricingService>(sp => sp.GetRequiredService<>());
                        services.AddDbContext<ShopDbContext>(o => { }, lifetime);
                    }
                }
            }
            """);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }
}

public class ServiceLifetimeDeterminismTests
{
    private static readonly string[] Files =
    {
        """
        namespace Shop
        {
            public interface IClock { }
            public sealed class ClockA : IClock { }
            public sealed class ClockB : IClock { }
            public sealed class Reporter { public Reporter(IClock clock) { } }
        }
        """,
        """
        using Microsoft.Extensions.DependencyInjection;
        namespace Shop
        {
            public static class A { public static void Register(IServiceCollection s) => s.AddScoped<IClock, ClockA>(); }
        }
        """,
        """
        using Microsoft.Extensions.DependencyInjection;
        namespace Shop
        {
            public static class B { public static void Register(IServiceCollection s) => s.AddScoped<IClock, ClockB>(); }
        }
        """,
        """
        using Microsoft.Extensions.DependencyInjection;
        namespace Shop
        {
            public static class C { public static void Register(IServiceCollection s) => s.AddSingleton<Reporter>(); }
        }
        """,
    };

    [Fact]
    public async Task The_captured_registration_named_is_the_last_in_source_order_in_every_concurrent_run()
    {
        // The service has two scoped registrations (in B.cs after A.cs): the message must name the same one in every
        // build, whatever order the concurrent callbacks ran in (the robustness harness saw it change).
        var trees = Files.Select((text, i) => CSharpSyntaxTree.ParseText(text, path: "/src/" + "MABC"[i] + ".cs")).ToArray();
        var compilation = CSharpCompilation.Create("App", trees, TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var seen = new HashSet<string>();
        for (var run = 0; run < 30; run++)
        {
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ArchGate.Analyzers.Conventions.ServiceLifetimeAnalyzer());
            var diagnostics = await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var diagnostic = Assert.Single(diagnostics, d => d.Id == "AG7001");
            Assert.Equal("/src/B.cs", diagnostic.AdditionalLocations.Single().SourceTree!.FilePath);
            seen.Add(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Single(seen);
    }
}
