using Shop.Application.Customers;

namespace Shop.Application.Abstractions;

/// <summary>The same look-ups as <see cref="ICustomerRepository"/>, written safely, plus a sorted list.</summary>
public interface ICustomerDirectoryRepository
{
    /// <summary>EF Core.</summary>
    Task<IReadOnlyList<CustomerRow>> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>Dapper.</summary>
    Task<IReadOnlyList<CustomerRow>> SearchAsync(string term, CancellationToken cancellationToken);

    /// <summary>ADO.NET.</summary>
    Task<long> CountInCityAsync(string city, CancellationToken cancellationToken);

    /// <summary>Active customers ordered by a column the caller names ("name", "city").</summary>
    Task<IReadOnlyList<CustomerRow>> ListAsync(string sort, CancellationToken cancellationToken);
}
