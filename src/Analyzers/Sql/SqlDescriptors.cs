using Microsoft.CodeAnalysis;

namespace ArchGate.Analyzers.Sql;

/// <summary>The ArchGate.Sql descriptors (AG3001-AG3099).</summary>
internal static class SqlDescriptors
{
    public static readonly DiagnosticDescriptor NonConstantSql = Rules.Create(
        RuleIdentifiers.NonConstantSql,
        "Non-constant SQL reaches a SQL sink",
        "The SQL passed to '{0}' is not constant: {1}. {2}. {3}.",
        RuleCategories.Sql,
        DiagnosticSeverity.Warning,
        "Text that is not known at compile time reaches an API that executes it as SQL (EF Core FromSqlRaw/ExecuteSqlRaw/SqlQueryRaw, Dapper, ADO.NET CommandText and command/adapter constructors, rawSql.sinks). A small data flow follows locals, StringBuilders, static readonly fields and helper methods of the project, so SQL built only from constants is never reported. A parameter spliced into SQL text is reported unless only this project calls the method (its calls are checked instead); a parameter of a controller action, Razor Page handler, SignalR hub method or gRPC service method is request data. Pass the values as parameters instead.");

    public static readonly DiagnosticDescriptor RawSqlOutsideAllowedScope = Rules.Create(
        RuleIdentifiers.RawSqlOutsideAllowedScope,
        "Raw SQL outside rawSql.allowedIn",
        "'{0}' executes raw SQL in '{1}'{2}; raw SQL is allowed only in {3} (archgate.json: rawSql.allowedIn). Move the query into a type in that scope (e.g. a repository) and call it from here.",
        RuleCategories.Sql,
        DiagnosticSeverity.Warning,
        "When rawSql.allowedIn is configured, every call of a raw-SQL API (EF Core FromSql*/ExecuteSql*/SqlQuery*, Dapper, ADO.NET commands, rawSql.sinks), even with constant SQL, must be inside that scope. The composition root is exempt.");

    public static readonly DiagnosticDescriptor SqlPassThrough = Rules.Create(
        RuleIdentifiers.SqlPassThrough,
        "SQL pass-through: a public method forwards its parameter into a SQL sink",
        "'{0}' forwards its parameter '{1}' into '{2}' as SQL; callers outside this project can pass any text. Take the values as separate parameters and keep the SQL constant inside '{0}', or mark the parameter as SQL in archgate.json (rawSql.sinks) so that callers are checked.",
        RuleCategories.Sql,
        DiagnosticSeverity.Info,
        "A public or protected method passes its own string parameter to a SQL sink. Callers in this project are checked by AG3001 at the call (a non-constant argument is reported there); callers in other projects are not, so the method is reported once, as information.");
}
