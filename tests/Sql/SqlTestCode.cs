namespace ArchGate.Tests.Sql;

/// <summary>The shared head of every SQL test source: real EF Core, Dapper and ADO.NET providers.</summary>
internal static class SqlTestCode
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Data;
        using System.Data.Common;
        using System.Linq;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Dapper;
        using Microsoft.Data.SqlClient;
        using Microsoft.Data.Sqlite;
        using Microsoft.EntityFrameworkCore;
        using Npgsql;

        """;

    public const string Model = """

        public class User
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
        }

        public class ShopDb : DbContext
        {
            public DbSet<User> Users => Set<User>();
        }
        """;

    /// <summary>Usings + a class body + the model.</summary>
    public static string Wrap(string members) => Usings + "public class Repo\n{\n" + members + "\n}\n" + Model;
}
