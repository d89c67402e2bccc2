namespace ArchGate.Analyzers;

/// <summary>
/// Every diagnostic ID of ArchGate, with a readable name. The ranges per category are fixed by the
/// product specification and checked by a test (<c>RuleCatalogTests</c>).
/// <para>
/// Each descriptor is declared in the analyzer that reports it, as a public static field named like its
/// identifier here (<c>RoundTripInLoopAnalyzer.RoundTripInLoop</c>, <c>ConfigurationAnalyzer.ConfigSyntaxError</c>),
/// and created with <c>Rules.Create</c>.
/// </para>
/// </summary>
public static class RuleIdentifiers
{
    // ---- ArchGate.Configuration: AG0001-AG0099 ----------------------------------------------
    public const string ConfigSyntaxError = "AG0001";
    public const string ConfigUnknownKey = "AG0002";
    public const string ConfigWrongType = "AG0003";
    public const string ConfigUnknownLayer = "AG0004";
    public const string ConfigBadPattern = "AG0005";
    public const string ConfigDuplicate = "AG0006";
    public const string ConfigLayerMissingFromDependencies = "AG0007";
    public const string ConfigDependencyCycle = "AG0008";
    public const string ConfigInvalidValue = "AG0009";
    public const string ConfigPatternMatchesNothing = "AG0010";
    public const string ConfigMultipleFiles = "AG0011";
    public const string SuppressionWithoutJustification = "AG0012";
    public const string BaselineInvalid = "AG0013";
    public const string BaselineStaleEntry = "AG0014";
    public const string BaselineFindingRecorded = "AG0015";

    // ---- ArchGate.Layers: AG1001-AG1099 -----------------------------------------------------
    public const string ForbiddenLayerDependency = "AG1001";
    public const string CodeInNoLayer = "AG1002";
    public const string ForbiddenAssemblyReference = "AG1003";

    // ---- ArchGate.DataAccess: AG2001-AG2099 -------------------------------------------------
    public const string DataAccessOutsideScope = "AG2001";
    public const string ConsumerBoundToRepositoryImplementation = "AG2002";
    public const string UnapprovedRepository = "AG2003";
    public const string RestrictedApiOutsideScope = "AG2004";

    // ---- ArchGate.Sql: AG3001-AG3099 --------------------------------------------------------
    public const string NonConstantSql = "AG3001";
    public const string RawSqlOutsideAllowedScope = "AG3002";
    public const string SqlPassThrough = "AG3003";

    // ---- ArchGate.Queries: AG4001-AG4099 ----------------------------------------------------
    public const string RoundTripInLoop = "AG4001";
    public const string SyncDataAccessInAsync = "AG4002";
    public const string BlockingOnAsyncDataAccess = "AG4003";
    public const string MaterializeBeforeOperators = "AG4004";
    public const string UnboundedEndpointQuery = "AG4005";

    // ---- ArchGate.Transactions: AG5001-AG5099 -----------------------------------------------
    public const string SaveChangesOutsideUnitOfWork = "AG5001";
    public const string SaveChangesInLoop = "AG5002";
    public const string SeveralSaveChangesWithoutTransaction = "AG5003";
    public const string TransactionNotDisposedOrCommitted = "AG5004";
    public const string ExternalCallInsideTransaction = "AG5005";

    // ---- ArchGate.Migrations: AG6001-AG6099 -------------------------------------------------
    public const string MigrationDropColumn = "AG6001";
    public const string MigrationDropTable = "AG6002";
    public const string MigrationRename = "AG6003";
    public const string MigrationDropAddColumn = "AG6004";
    public const string MigrationColumnTypeChange = "AG6005";
    public const string MigrationNullToNotNull = "AG6006";
    public const string MigrationRequiredColumn = "AG6007";
    public const string MigrationVolatileDefault = "AG6008";
    public const string MigrationBlockingIndex = "AG6009";
    public const string MigrationConcurrentIndexNotAlone = "AG6010";
    public const string MigrationBlockingConstraint = "AG6011";
    public const string MigrationRawSql = "AG6012";
    public const string MigrationMissingDown = "AG6013";
    public const string MigrationNoOpAlterColumn = "AG6014";

    // ---- ArchGate.Conventions: AG7001-AG7099 ------------------------------------------------
    public const string ScopedCapturedBySingleton = "AG7001";
    public const string DbContextWrongLifetime = "AG7002";
    public const string EntityReturnedFromEndpoint = "AG7003";
}
