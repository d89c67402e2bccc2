// The clean twins of CustomerRepository: the same look-ups with the values sent as parameters (EF Core
// FromSql-style interpolation, Dapper @term, an ADO.NET parameter), an ORDER BY column chosen from a
// constant allow-list, and constant SQL built in Shop.Application (CustomerSql). ArchGate reports nothing.
using Dapper;
using Microsoft.EntityFrameworkCore;
using Shop.Application.Abstractions;
using Shop.Application.Customers;

namespace Shop.Infrastructure.Persistence;

public sealed class CustomerDirectoryRepository : ICustomerDirectoryRepository
{
    private readonly ShopDbContext _db;

    public CustomerDirectoryRepository(ShopDbContext db) => _db = db;

    public async Task<IReadOnlyList<CustomerRow>> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        await _db.Database
            .SqlQuery<CustomerRow>($"SELECT id AS \"Id\", name AS \"Name\", city AS \"City\" FROM customers WHERE name = {name}")
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CustomerRow>> SearchAsync(string term, CancellationToken cancellationToken)
    {
        var connection = _db.Database.GetDbConnection();
        var rows = await connection.QueryAsync<CustomerRow>(
            CustomerSql.SelectColumns + " WHERE name LIKE @term", new { term = "%" + term + "%" });
        return rows.ToList();
    }

    public async Task<long> CountInCityAsync(string city, CancellationToken cancellationToken)
    {
        await using var command = _db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM customers WHERE city = @city";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@city";
        parameter.Value = city;
        command.Parameters.Add(parameter);
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    public async Task<IReadOnlyList<CustomerRow>> ListAsync(string sort, CancellationToken cancellationToken)
    {
        // Identifiers cannot be parameters: the column comes from a constant allow-list.
        var column = sort switch
        {
            "city" => "city",
            _ => "name",
        };
        return await _db.Database
            .SqlQueryRaw<CustomerRow>(CustomerSql.ActiveOnly + " ORDER BY " + column)
            .ToListAsync(cancellationToken);
    }
}
