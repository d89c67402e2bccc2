// Deliberate violations of the ArchGate.Sql rules (see docs/rules/AG3001.md .. AG3003.md):
// - AG3002 on every raw-SQL call here: raw SQL belongs in Infrastructure (archgate.json: rawSql.allowedIn);
// - AG3001: the customer name is pasted into the SQL text (SQL injection) — the code fix turns it into
//   "... WHERE name = @name" plus command.Parameters.Add(...);
// - AG3003 (Info, so not in the build output): a public method forwards its own string parameter as the whole SQL.
// The fix for all of them: a repository in Shop.Infrastructure with constant, parameterized SQL.
using System.Data.Common;
using Microsoft.AspNetCore.Http;

namespace Shop.Api.Sql;

public static class ReportQueries
{
    public static object? CustomerOrderCount(DbConnection connection, HttpRequest request)
    {
        var customerName = request.Query["customer"].ToString();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM orders WHERE customer_name = '" + customerName + "'";
        return command.ExecuteScalar();
    }

    public static int Run(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
