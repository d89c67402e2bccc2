using Microsoft.EntityFrameworkCore;
using Shop.Application.Abstractions;
using Shop.Application.Catalog;
using Shop.Application.Customers;
using Shop.Application.Orders;
using Shop.Infrastructure.Jobs;
using Shop.Infrastructure.Persistence;
using Shop.Infrastructure.Time;

namespace Shop.Api.DependencyInjection;

/// <summary>
/// Wires the layers together. Part of the composition root (archgate.json: compositionRoot), so it may
/// name Infrastructure types and register the DbContext; nothing else in Shop.Api may.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddShop(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Shop")
            ?? throw new InvalidOperationException("Connection string 'Shop' is not configured.");

        services.AddDbContext<ShopDbContext>(options => options.UseNpgsql(connectionString));
        services.AddScoped<IOrderRepository, OrderRepository>();
        services.AddScoped<IProductRepository, ProductRepository>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddSingleton<IClock, SystemClock>();
        services.AddScoped<OrderService>();
        services.AddScoped<ICustomerRepository, CustomerRepository>();
        services.AddScoped<ICustomerDirectoryRepository, CustomerDirectoryRepository>();
        services.AddScoped<CustomerService>();
        services.AddControllers();

        // Deliberate AG7001: a singleton taking the scoped IProductRepository (and so the scoped ShopDbContext).
        services.AddSingleton<PriceListCache>();
        services.AddHostedService<AbandonedCartCleanup>();
        return services;
    }
}
