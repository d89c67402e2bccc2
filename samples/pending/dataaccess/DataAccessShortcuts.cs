// Sample violations of the ArchGate.DataAccess family (AG2001-AG2004), one each.
// Belongs to: samples/src/Shop.Api/DataAccess/DataAccessShortcuts.cs (see README.md next to this file).
using System.Net.Http;
using Shop.Infrastructure.Persistence;

namespace Shop.Api.DataAccess;

public class DataAccessShortcuts
{
    // AG2004: HttpClient is restricted to Infrastructure (restrictions[0] of the sample's archgate.json).
    private readonly HttpClient _http = new();

    public DataAccessShortcuts(
        ShopDbContext db,          // AG2001: @efcore outside dataAccess.allowedIn
        OrderRepository orders)    // AG2002: the implementation instead of IOrderRepository
    {
        Db = db;
        Orders = orders;
    }

    public object Db { get; }

    public object Orders { get; }

    public System.Uri? BaseAddress => _http.BaseAddress; // not reported again: the field is the reported point
}

// AG2003: a repository (by name) outside repositories.implementations.
public class OrderLookupRepository
{
}
