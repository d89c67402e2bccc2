using Shop.Application.Abstractions;
using Shop.Domain.Catalog;

namespace Shop.Application.Catalog;

/// <summary>
/// Caches product prices for the checkout page. Registered as a singleton in
/// Shop.Api/DependencyInjection/ServiceRegistration.cs although it takes the scoped
/// IProductRepository (deliberate AG7001: the repository's DbContext is captured for the app's lifetime).
/// </summary>
public sealed class PriceListCache(IProductRepository products)
{
    private IReadOnlyDictionary<Guid, Product> _cache = new Dictionary<Guid, Product>();

    public async Task<decimal?> PriceAsync(Guid productId, CancellationToken cancellationToken)
    {
        if (!_cache.ContainsKey(productId))
        {
            _cache = await products.GetByIdsAsync(new[] { productId }, cancellationToken);
        }

        return _cache.TryGetValue(productId, out var product) ? product.Price : null;
    }
}
