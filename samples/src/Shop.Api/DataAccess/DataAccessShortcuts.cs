using Shop.Infrastructure.Persistence;

namespace Shop.Api.DataAccess;

/// <summary>
/// Deliberate violations of the data-access family, one per rule: the shortcuts a generated controller
/// takes instead of going through IOrderRepository and the typed HTTP clients.
/// </summary>
public sealed class DataAccessShortcuts
{
    // Deliberate AG2004: HttpClient is restricted to Infrastructure (archgate.json: restrictions[0]).
    private readonly System.Net.Http.HttpClient _http = new();

    public DataAccessShortcuts(
        ShopDbContext db,          // Deliberate AG2001: EF Core (@efcore) outside dataAccess.allowedIn
        OrderRepository orders)    // Deliberate AG2002: the implementation instead of IOrderRepository
    {
        Db = db;
        Orders = orders;
    }

    public object Db { get; }

    public object Orders { get; }

    // Not reported again: the field's declaration is the one point where HttpClient enters this class.
    public System.Uri? BaseAddress => _http.BaseAddress;
}

// Deliberate AG2003: a repository (by its name) outside repositories.implementations.
public sealed class OrderLookupRepository
{
}
