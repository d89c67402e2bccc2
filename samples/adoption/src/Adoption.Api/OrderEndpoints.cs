namespace Adoption.Api;

using Adoption.Domain;

public static class OrderEndpoints
{
    // Existing debt: the API reads the store directly (AG1001 twice in one member), baselined.
    public static int OpenOrders()
    {
        var first = Adoption.Infrastructure.OrderStore.CountOpen();
        var second = Adoption.Infrastructure.OrderStore.CountOpen();
        return first + second;
    }

    // Existing debt: outbound HTTP outside Infrastructure (AG2004), baselined.
    public static async Task<string> Ping()
    {
        using var client = new HttpClient();
        return await client.GetStringAsync("http://localhost/ping");
    }

    public static Order Create(int id) => new() { Id = id };
}
