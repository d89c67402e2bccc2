using Shop.Domain.Catalog;

namespace Shop.Application.Abstractions;

public interface IProductRepository
{
    /// <summary>The products with these ids, loaded in one round trip.</summary>
    Task<IReadOnlyDictionary<Guid, Product>> GetByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}
