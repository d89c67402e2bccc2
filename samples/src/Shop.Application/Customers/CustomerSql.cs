namespace Shop.Application.Customers;

/// <summary>
/// SQL text shared by the customer queries, built in this project and run in Shop.Infrastructure. Constants
/// (<c>const</c>) are compiled into the projects that use them, so ArchGate sees them as constant there.
/// </summary>
public static class CustomerSql
{
    public const string SelectColumns = "SELECT id AS \"Id\", name AS \"Name\", city AS \"City\" FROM customers";

    public const string ActiveOnly = SelectColumns + " WHERE active";
}
