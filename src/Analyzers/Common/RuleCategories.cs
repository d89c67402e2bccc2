namespace ArchGate.Analyzers;

/// <summary>The diagnostic categories of ArchGate, one per rule family (PRODUCT.md, rule catalog).</summary>
public static class RuleCategories
{
    public const string Configuration = "ArchGate.Configuration";
    public const string Layers = "ArchGate.Layers";
    public const string DataAccess = "ArchGate.DataAccess";
    public const string Sql = "ArchGate.Sql";
    public const string Queries = "ArchGate.Queries";
    public const string Transactions = "ArchGate.Transactions";
    public const string Migrations = "ArchGate.Migrations";
    public const string Conventions = "ArchGate.Conventions";
}
