namespace Shop.Application.Customers;

/// <summary>A customer as the customer pages show it (read with raw SQL in Shop.Infrastructure).</summary>
public sealed record CustomerRow(Guid Id, string Name, string City);
