using Shop.Application.Abstractions;

namespace Shop.Api.Endpoints;

public static class ProductEndpoints
{
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        // Deliberate AG7003: returns the Product entities themselves (a DbSet<Product> on ShopDbContext),
        // so the HTTP contract follows the database schema. Map them to a DTO instead.
        app.MapGet("/products", (Guid[] ids, IProductRepository products, CancellationToken cancellationToken) =>
            products.GetByIdsAsync(ids, cancellationToken));

        return app;
    }
}
