namespace ArchGate.Robustness;

/// <summary>A configuration that exercises every section, used when the sample's archgate.json is absent.</summary>
internal static class DefaultConfig
{
    public const string Text = """
        {
          // every section, so that every rule family is active
          "layers": {
            "Api":            { "namespaces": ["Shop.Api.**"] },
            "Application":    { "namespaces": ["Shop.Application.**"] },
            "Domain":         { "namespaces": ["Shop.Domain.**", "Shop"] },
            "Infrastructure": { "namespaces": ["Shop.Infrastructure.**"], "assemblies": ["Shop.Infrastructure"] },
          },
          "dependencies": {
            "Api": ["Application", "Domain"],
            "Application": ["Domain"],
            "Infrastructure": ["Application", "Domain"],
            "Domain": [],
          },
          "requireLayer": true,
          "compositionRoot": ["Program", "Shop.Api.DependencyInjection.**"],
          "dataAccess": { "apis": ["@efcore", "@adonet", "@dapper"], "allowedIn": ["Infrastructure"] },
          "repositories": {
            "interfaces": ["Shop.Application.Abstractions.I*Repository"],
            "implementations": ["Shop.Infrastructure.Persistence.*Repository"],
          },
          "rawSql": { "allowedIn": ["Infrastructure"], "sinks": ["M:Shop.Infrastructure.Db.Run(System.String)"] },
          "transactions": { "saveChangesAllowedIn": ["Shop.Infrastructure.Persistence.UnitOfWork"], "externalCalls": ["M:Shop.Bus.IBus.Publish``1(``0)"] },
          "migrations": { "provider": "postgres", "checkDown": true },
          "restrictions": [
            { "apis": ["T:System.Net.Http.HttpClient"], "allowedIn": ["Infrastructure"], "because": "outbound HTTP goes through typed clients" },
          ],
          "api": { "entityTypes": ["Shop.Domain.**"] },
        }
        """;
}
