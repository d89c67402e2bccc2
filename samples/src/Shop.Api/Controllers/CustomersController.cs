using Microsoft.AspNetCore.Mvc;
using Shop.Application.Customers;

namespace Shop.Api.Controllers;

/// <summary>
/// Customer look-ups: each action passes its query-string value to CustomerService, which passes it to a
/// repository in Shop.Infrastructure. The unsafe routes reach CustomerRepository (AG3001 there, where the
/// value is spliced into SQL); the safe ones reach CustomerDirectoryRepository.
/// </summary>
[ApiController]
[Route("customers")]
public sealed class CustomersController : ControllerBase
{
    private readonly CustomerService _customers;

    public CustomersController(CustomerService customers) => _customers = customers;

    [HttpGet("by-name")]
    public Task<IReadOnlyList<CustomerRow>> FindByName([FromQuery] string name, CancellationToken cancellationToken) =>
        _customers.FindByNameAsync(name, cancellationToken);

    [HttpGet("search")]
    public Task<IReadOnlyList<CustomerRow>> Search([FromQuery] string term, CancellationToken cancellationToken) =>
        _customers.SearchAsync(term, cancellationToken);

    [HttpGet("count")]
    public Task<long> CountInCity([FromQuery] string city, CancellationToken cancellationToken) =>
        _customers.CountInCityAsync(city, cancellationToken);

    [HttpGet("safe/by-name")]
    public Task<IReadOnlyList<CustomerRow>> FindByNameSafely([FromQuery] string name, CancellationToken cancellationToken) =>
        _customers.FindByNameSafelyAsync(name, cancellationToken);

    [HttpGet("safe/search")]
    public Task<IReadOnlyList<CustomerRow>> SearchSafely([FromQuery] string term, CancellationToken cancellationToken) =>
        _customers.SearchSafelyAsync(term, cancellationToken);

    [HttpGet("safe/count")]
    public Task<long> CountInCitySafely([FromQuery] string city, CancellationToken cancellationToken) =>
        _customers.CountInCitySafelyAsync(city, cancellationToken);

    [HttpGet]
    public Task<IReadOnlyList<CustomerRow>> List([FromQuery] string sort, CancellationToken cancellationToken) =>
        _customers.ListAsync(sort, cancellationToken);
}
