namespace ArchGate.Tests.Queries;

/// <summary>The shared model of the query-shape tests: a real EF Core DbContext and entities.</summary>
internal static class QuerySources
{
    public const string Model = """

        namespace Shop
        {
            using System.Collections.Generic;

            public class Order
            {
                public int Id { get; set; }
                public int CustomerId { get; set; }
                public decimal Total { get; set; }
                public string Status { get; set; } = "";
                public Customer? Customer { get; set; }
                public List<OrderLine> Lines { get; set; } = new();
            }

            public class OrderLine
            {
                public int Id { get; set; }
                public decimal Price { get; set; }
            }

            public class Customer
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }

            public class ShopDbContext : Microsoft.EntityFrameworkCore.DbContext
            {
                public Microsoft.EntityFrameworkCore.DbSet<Order> Orders => Set<Order>();
                public Microsoft.EntityFrameworkCore.DbSet<Customer> Customers => Set<Customer>();
            }
        }
        """;
}
