namespace Shop.Api.Endpoints;

public static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        // Deliberate violation (AG1001): Api uses an Infrastructure type directly instead of the
        // Application abstraction (IClock). The fix: take IClock as an endpoint parameter.
        app.MapGet("/status", () => Results.Ok(new { status = "ok", serverTime = new Shop.Infrastructure.Time.SystemClock().UtcNow }));
        return app;
    }
}
