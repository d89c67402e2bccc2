// Deliberate violations of the layer rules, for the end-to-end test (see README.md next to this file).
namespace Shop.Domain.Orders.Auditing
{
    public sealed class OrderAudit
    {
        // AG1001: Domain may use nothing outside itself; ShopDbContext is in Infrastructure.
        public int Count(Shop.Infrastructure.Persistence.ShopDbContext db) => db.GetHashCode();
    }
}

// AG1002 (with "requireLayer": true): Shop.Scratch matches no layer's namespaces.
namespace Shop.Scratch
{
    public static class Notes
    {
        public static string Hello() => "hello";
    }
}
