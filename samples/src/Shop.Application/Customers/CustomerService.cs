using Shop.Application.Abstractions;

namespace Shop.Application.Customers;

/// <summary>Customer look-ups for the Api: forwards the request's values to the repositories unchanged.</summary>
public sealed class CustomerService
{
    private readonly ICustomerRepository _customers;
    private readonly ICustomerDirectoryRepository _directory;

    public CustomerService(ICustomerRepository customers, ICustomerDirectoryRepository directory)
    {
        _customers = customers;
        _directory = directory;
    }

    public Task<IReadOnlyList<CustomerRow>> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        _customers.FindByNameAsync(name, cancellationToken);

    public Task<IReadOnlyList<CustomerRow>> SearchAsync(string term, CancellationToken cancellationToken) =>
        _customers.SearchAsync(term, cancellationToken);

    public Task<long> CountInCityAsync(string city, CancellationToken cancellationToken) =>
        _customers.CountInCityAsync(city, cancellationToken);

    public Task<IReadOnlyList<CustomerRow>> FindByNameSafelyAsync(string name, CancellationToken cancellationToken) =>
        _directory.FindByNameAsync(name, cancellationToken);

    public Task<IReadOnlyList<CustomerRow>> SearchSafelyAsync(string term, CancellationToken cancellationToken) =>
        _directory.SearchAsync(term, cancellationToken);

    public Task<long> CountInCitySafelyAsync(string city, CancellationToken cancellationToken) =>
        _directory.CountInCityAsync(city, cancellationToken);

    public Task<IReadOnlyList<CustomerRow>> ListAsync(string sort, CancellationToken cancellationToken) =>
        _directory.ListAsync(sort, cancellationToken);
}
