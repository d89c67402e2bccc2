// Deliberate AG3001 (SQL injection), three times: the value from the request (CustomersController ->
// CustomerService -> here, across three projects) is spliced into the SQL text, with EF Core, Dapper and
// ADO.NET. Each method is public, so any caller, in any project, decides what ends up in the SQL. The code
// fix turns each into parameterized SQL; CustomerDirectoryRepository shows the result.
using Dapper;
using Microsoft.EntityFrameworkCore;
using Shop.Application.Abstractions;
using Shop.Application.Customers;

namespace Shop.Infrastructure.Persistence;

public sealed class CustomerRepository : ICustomerRepository
{
    private readonly ShopDbContext _db;

    public CustomerRepository(ShopDbContext db) => _db = db;

    public async Task<IReadOnlyList<CustomerRow>> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        await _db.Database
            .SqlQueryRaw<CustomerRow>($"SELECT id AS \"Id\", name AS \"Name\", city AS \"City\" FROM customers WHERE name = '{name}'")
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CustomerRow>> SearchAsync(string term, CancellationToken cancellationToken)
    {
        var connection = _db.Database.GetDbConnection();
        var rows = await connection.QueryAsync<CustomerRow>(
            CustomerSql.SelectColumns + " WHERE name LIKE '%" + term + "%'");
        return rows.ToList();
    }

    public async Task<long> CountInCityAsync(string city, CancellationToken cancellationToken)
    {
        await using var command = _db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM customers WHERE city = '" + city + "'";
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }
}
