using Shop.Application.Customers;

namespace Shop.Application.Abstractions;

/// <summary>Customer look-ups by name, search term and city: the SQL is written in Shop.Infrastructure.</summary>
public interface ICustomerRepository
{
    /// <summary>EF Core.</summary>
    Task<IReadOnlyList<CustomerRow>> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Dapper.</summary>
    Task<IReadOnlyList<CustomerRow>> SearchAsync(string term, CancellationToken cancellationToken);

    /// <summary>ADO.NET.</summary>
    Task<long> CountInCityAsync(string city, CancellationToken cancellationToken);
}
