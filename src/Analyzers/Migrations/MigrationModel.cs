using System.Runtime.CompilerServices;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ArchGate.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.Analyzers.Migrations;

/// <summary>The database provider the migrations of a compilation run against.</summary>
internal enum DbProvider
{
    Unknown,
    Postgres,
    SqlServer,
    Sqlite,
    MySql,
}

/// <summary>
/// Per-compilation facts of the migration rules: the EF Core types, the configuration and the
/// provider (configured, or detected from the referenced EF Core provider assembly).
/// </summary>
internal sealed class MigrationCompilation
{
    private MigrationCompilation(INamedTypeSymbol migration, INamedTypeSymbol builder, INamedTypeSymbol? operationBuilder,
        INamedTypeSymbol? migrationAttribute, MigrationsConfig config, DbProvider provider)
    {
        Migration = migration;
        Builder = builder;
        OperationBuilder = operationBuilder;
        MigrationAttribute = migrationAttribute;
        Config = config;
        Provider = provider;
    }

    public INamedTypeSymbol Migration { get; }

    public INamedTypeSymbol Builder { get; }

    public INamedTypeSymbol? OperationBuilder { get; }

    public INamedTypeSymbol? MigrationAttribute { get; }

    public MigrationsConfig Config { get; }

    public DbProvider Provider { get; }

    private static readonly PerCompilation<MigrationCompilation> s_shared = new();

    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<MigrationOp>> _operations = SymbolCache.Create<IMethodSymbol, ImmutableArray<MigrationOp>>();

    /// <summary>
    /// The instance shared by the migration rules of this compilation (each <c>Up</c>/<c>Down</c> body is
    /// read once for all of them); null when the compilation does not use EF Core migrations.
    /// </summary>
    public static MigrationCompilation? Shared(Compilation compilation, KnownSymbols known, MigrationsConfig config)
    {
        if (known.Migration is null || known.MigrationBuilder is null)
        {
            return null;
        }

        return s_shared.GetOrCreate(
            compilation,
            (known, config),
            static (shared, state) => ReferenceEquals(shared.Config, state.config),
            static (c, state) => Create(c, state.known, state.config)!);
    }

    /// <summary>The <c>MigrationBuilder</c> calls of a method body, read once per method for all rules.</summary>
    internal ImmutableArray<MigrationOp> OperationsOf(IMethodSymbol method, Func<ImmutableArray<MigrationOp>> read)
        => _operations.TryGetValue(method, out var operations) ? operations : _operations.GetOrAdd(method, _ => read());

    /// <summary>Null when the compilation does not use EF Core migrations: the rules then register nothing.</summary>
    public static MigrationCompilation? Create(Compilation compilation, KnownSymbols known, MigrationsConfig config)
    {
        if (known.Migration is not { } migration || known.MigrationBuilder is not { } builder)
        {
            return null;
        }

        var provider = config.Provider switch
        {
            MigrationProvider.Postgres => DbProvider.Postgres,
            MigrationProvider.SqlServer => DbProvider.SqlServer,
            MigrationProvider.Sqlite => DbProvider.Sqlite,
            MigrationProvider.MySql => DbProvider.MySql,
            _ => DetectProvider(compilation),
        };

        return new MigrationCompilation(
            migration,
            builder,
            known.Get("Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.OperationBuilder`1"),
            known.Get("Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute"),
            config,
            provider);
    }

    /// <summary>The provider whose EF Core assembly is referenced; Unknown when none or several are.</summary>
    internal static DbProvider DetectProvider(Compilation compilation)
    {
        var found = DbProvider.Unknown;
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            var provider = assembly.Name switch
            {
                "Npgsql.EntityFrameworkCore.PostgreSQL" => DbProvider.Postgres,
                "Microsoft.EntityFrameworkCore.SqlServer" => DbProvider.SqlServer,
                "Microsoft.EntityFrameworkCore.Sqlite" => DbProvider.Sqlite,
                "Pomelo.EntityFrameworkCore.MySql" => DbProvider.MySql,
                "MySql.EntityFrameworkCore" => DbProvider.MySql,
                _ => DbProvider.Unknown,
            };
            if (provider == DbProvider.Unknown || provider == found)
            {
                continue;
            }

            if (found != DbProvider.Unknown)
            {
                return DbProvider.Unknown;
            }

            found = provider;
        }

        return found;
    }

    public static string ProviderName(DbProvider provider) => provider switch
    {
        DbProvider.Postgres => "PostgreSQL",
        DbProvider.SqlServer => "SQL Server",
        DbProvider.Sqlite => "SQLite",
        DbProvider.MySql => "MySQL",
        _ => "unknown",
    };

    public static string ProviderKey(DbProvider provider) => provider switch
    {
        DbProvider.Postgres => "postgres",
        DbProvider.SqlServer => "sqlserver",
        DbProvider.Sqlite => "sqlite",
        DbProvider.MySql => "mysql",
        _ => "unknown",
    };

    [MethodImpl(Jit.Optimized)]
    public bool IsMigrationClass(INamedTypeSymbol type)
        => type.TypeKind == TypeKind.Class && KnownSymbols.IsOrInheritsFrom(type.BaseType, Migration);

    /// <summary>The id of the migration from its <c>[Migration("...")]</c> attribute (usually in the Designer partial).</summary>
    public string? MigrationId(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                continue;
            }

            var matches = MigrationAttribute is not null
                ? SymbolEqualityComparer.Default.Equals(attributeClass, MigrationAttribute)
                : attributeClass.Name == "MigrationAttribute";
            if (matches && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string id)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the configuration's <c>startAfter</c> excludes this migration: the id given for the
    /// migration's assembly when <c>startAfter</c> is an object (one per migrations assembly; an assembly
    /// not listed has every migration checked), else the one id.
    /// </summary>
    public bool IsBeforeStart(INamedTypeSymbol type)
    {
        if (Config.StartAfterFor(type.ContainingAssembly?.Name) is not { Length: > 0 } start)
        {
            return false;
        }

        var id = MigrationId(type);
        return id is not null && string.CompareOrdinal(id, start) <= 0;
    }
}

/// <summary>One chained <c>.Annotation(name, value)</c> / <c>.OldAnnotation(name, value)</c> on an operation.</summary>
internal readonly struct MigrationAnnotation
{
    public MigrationAnnotation(string? name, object? value, bool hasValue, bool isOld)
    {
        Name = name;
        Value = value;
        HasValue = hasValue;
        IsOld = isOld;
    }

    public string? Name { get; }

    public object? Value { get; }

    public bool HasValue { get; }

    public bool IsOld { get; }
}

/// <summary>One <c>MigrationBuilder</c> call of <c>Up</c> or <c>Down</c>, read by parameter name.</summary>
internal sealed class MigrationOp
{
    private ImmutableArray<MigrationAnnotation> _annotations;

    public MigrationOp(IInvocationOperation invocation, IOperation outermost, ImmutableArray<MigrationAnnotation> annotations)
    {
        Invocation = invocation;
        Outermost = outermost;
        _annotations = annotations;
    }

    public IInvocationOperation Invocation { get; }

    /// <summary>The invocation with its chained annotations (the whole expression of the statement).</summary>
    public IOperation Outermost { get; }

    public string Kind => Invocation.TargetMethod.Name;

    public ImmutableArray<MigrationAnnotation> Annotations => _annotations;

    /// <summary>The generic column type of <c>AddColumn&lt;T&gt;</c> / <c>AlterColumn&lt;T&gt;</c>.</summary>
    public ITypeSymbol? ClrType => Invocation.TargetMethod.TypeArguments.Length == 1 ? UnwrapNullable(Invocation.TargetMethod.TypeArguments[0]) : null;

    /// <summary><c>int?</c> is <c>int</c> for a column: nullability is the <c>nullable</c> argument.</summary>
    public static ITypeSymbol UnwrapNullable(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
            ? nullable.TypeArguments[0]
            : type;

    /// <summary>The table the operation works on (its <c>name</c> for the table operations).</summary>
    public string? Table => Kind is "CreateTable" or "DropTable" or "RenameTable" ? String("name") : String("table");

    public string? Schema => String("schema");

    /// <summary>The key that identifies the operation's table within one migration.</summary>
    public string? TableKey => Table is { } table ? (Schema ?? string.Empty) + "." + table : null;

    public string? ObjectName => String("name");

    /// <summary>Where diagnostics go: the method name of the call (<c>DropColumn</c> in <c>migrationBuilder.DropColumn(...)</c>).</summary>
    public Location Location
    {
        get
        {
            if (Invocation.Syntax is InvocationExpressionSyntax invocation)
            {
                var expression = invocation.Expression;
                if (expression is MemberAccessExpressionSyntax member)
                {
                    return member.Name.Identifier.GetLocation();
                }

                if (expression is SimpleNameSyntax name)
                {
                    return name.Identifier.GetLocation();
                }
            }

            return Invocation.Syntax.GetLocation();
        }
    }

    public IArgumentOperation? Argument(string parameterName)
    {
        foreach (var argument in Invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>True when the argument is written in the source (not the parameter's default).</summary>
    public bool IsGiven(string parameterName) => Argument(parameterName) is { ArgumentKind: ArgumentKind.Explicit or ArgumentKind.ParamArray };

    /// <summary>The argument's value without implicit conversions (boxing to object, nullable wrapping).</summary>
    public IOperation? Value(string parameterName)
    {
        var value = Argument(parameterName)?.Value;
        return Operations.Unwrap(value, UnwrapOptions.ImplicitConversions);
    }

    /// <summary>The constant value of an argument; HasValue false when it is not a compile-time constant.</summary>
    public Optional<object?> Constant(string parameterName)
    {
        var value = Value(parameterName);
        if (value is null)
        {
            return default;
        }

        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue;
        }

        if (value is IDefaultValueOperation)
        {
            return new Optional<object?>(null);
        }

        return default;
    }

    public string? String(string parameterName) => Constant(parameterName) is { HasValue: true, Value: string s } ? s : null;

    public bool? Bool(string parameterName) => Constant(parameterName) is { HasValue: true, Value: bool b } ? b : null;

    public int? Int(string parameterName) => Constant(parameterName) is { HasValue: true, Value: int i } ? i : null;

    /// <summary>True when an argument is given and is not null (a default value, default SQL...).</summary>
    public bool HasNonNull(string parameterName)
    {
        var argument = Argument(parameterName);
        if (argument is null || argument.ArgumentKind != ArgumentKind.Explicit)
        {
            return false;
        }

        var constant = Constant(parameterName);
        return !constant.HasValue || constant.Value is not null;
    }

    /// <summary>The type in a <c>typeof(T)</c> argument (<c>oldClrType: typeof(string)</c>).</summary>
    public ITypeSymbol? TypeOf(string parameterName) => Value(parameterName) is ITypeOfOperation typeOf ? UnwrapNullable(typeOf.TypeOperand) : null;

    public bool HasAnnotation(string name, object? value)
    {
        foreach (var annotation in Annotations)
        {
            if (!annotation.IsOld && annotation.Name == name && annotation.HasValue && Equals(annotation.Value, value))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The operations of one migration class: its <c>Up</c> and <c>Down</c> (outside <c>*.Designer.cs</c>),
/// filled by the operation-block actions of a symbol-start action and analyzed at the symbol's end.
/// </summary>
internal sealed class MigrationUnit
{
    private readonly object _gate = new();
    private ImmutableArray<MigrationOp> _up = ImmutableArray<MigrationOp>.Empty;
    private ImmutableArray<MigrationOp> _down = ImmutableArray<MigrationOp>.Empty;
    private Dictionary<MigrationOp, MigrationOp>? _dropAddPairs;
    private HashSet<string>? _createdTables;

    public MigrationUnit(INamedTypeSymbol type, MigrationCompilation compilation)
    {
        Type = type;
        Compilation = compilation;
    }

    public INamedTypeSymbol Type { get; }

    public MigrationCompilation Compilation { get; }

    public DbProvider Provider => Compilation.Provider;

    public IMethodSymbol? UpMethod { get; private set; }

    public IMethodSymbol? DownMethod { get; private set; }

    /// <summary>The <c>Down</c> method's declaration (null when it is not overridden in source).</summary>
    public MethodDeclarationSyntax? DownSyntax { get; private set; }

    public MethodDeclarationSyntax? UpSyntax { get; private set; }

    public ImmutableArray<MigrationOp> Up => _up;

    public ImmutableArray<MigrationOp> Down => _down;

    public bool HasUp => UpMethod is not null;

    /// <summary>Reads one method body; only <c>Up</c> and <c>Down</c> overrides are kept.</summary>
    public void Add(IMethodSymbol method, ImmutableArray<IOperation> blocks, MigrationCompilation compilation)
    {
        if (method.Name is not ("Up" or "Down") || !method.IsOverride || method.Parameters.Length != 1
            || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, compilation.Builder))
        {
            return;
        }

        var syntax = method.DeclaringSyntaxReferences.Length == 1 ? method.DeclaringSyntaxReferences[0].GetSyntax() as MethodDeclarationSyntax : null;
        if (syntax is null || syntax.SyntaxTree.FilePath.EndsWith(".Designer.cs", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var ops = compilation.OperationsOf(method, () =>
        {
            var read = ImmutableArray.CreateBuilder<MigrationOp>();
            foreach (var block in blocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, compilation.Builder))
                    {
                        read.Add(Read(invocation, compilation));
                    }
                }
            }

            return read.ToImmutable();
        });

        lock (_gate)
        {
            if (method.Name == "Up")
            {
                UpMethod = method;
                UpSyntax = syntax;
                _up = ops;
            }
            else
            {
                DownMethod = method;
                DownSyntax = syntax;
                _down = ops;
            }
        }
    }

    private static MigrationOp Read(IInvocationOperation invocation, MigrationCompilation compilation)
    {
        var annotations = ImmutableArray.CreateBuilder<MigrationAnnotation>();
        IOperation current = invocation;
        while (current.Parent is IInvocationOperation chained
            && chained.Instance is { } instance && Equals(Operations.Unwrap(instance, UnwrapOptions.ImplicitConversions), current)
            && chained.TargetMethod.Name is "Annotation" or "OldAnnotation"
            && IsOperationBuilder(chained.TargetMethod.ContainingType, compilation))
        {
            string? name = null;
            object? value = null;
            var hasValue = false;
            foreach (var argument in chained.Arguments)
            {
                var argValue = Operations.Unwrap(argument.Value, UnwrapOptions.ImplicitConversions)!;
                if (argument.Parameter?.Name == "name" && argValue.ConstantValue is { HasValue: true, Value: string s })
                {
                    name = s;
                }
                else if (argument.Parameter?.Name == "value" && argValue.ConstantValue.HasValue)
                {
                    value = argValue.ConstantValue.Value;
                    hasValue = true;
                }
            }

            annotations.Add(new MigrationAnnotation(name, value, hasValue, chained.TargetMethod.Name == "OldAnnotation"));
            current = chained;
        }

        return new MigrationOp(invocation, current, annotations.ToImmutable());
    }

    private static bool IsOperationBuilder(INamedTypeSymbol? type, MigrationCompilation compilation)
    {
        if (compilation.OperationBuilder is null)
        {
            return type?.Name is "OperationBuilder" or "AlterOperationBuilder";
        }

        return KnownSymbols.IsOrInheritsFrom(type, compilation.OperationBuilder);
    }

    // ---- questions the rules ask -------------------------------------------------------------

    /// <summary>Tables created by <c>CreateTable</c> in <c>Up</c>: their columns, indexes and keys are never "existing".</summary>
    public bool IsCreatedInUp(MigrationOp op)
    {
        if (op.TableKey is not { } key)
        {
            return false;
        }

        if (_createdTables is null)
        {
            var created = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in Up)
            {
                if (candidate.Kind == "CreateTable" && candidate.TableKey is { } createdKey)
                {
                    created.Add(createdKey);
                }
            }

            _createdTables = created;
        }

        if (!_createdTables.Contains(key))
        {
            return false;
        }

        // Created earlier in the same Up.
        foreach (var candidate in Up)
        {
            if (ReferenceEquals(candidate, op))
            {
                return false;
            }

            if (candidate.Kind == "CreateTable" && candidate.TableKey == key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for an operation on a table that exists before this migration runs.</summary>
    public bool IsOnExistingTable(MigrationOp op) => op.Table is not null && !IsCreatedInUp(op);

    /// <summary>
    /// Drop+add pairs that are probably a rename EF did not recognise: a <c>DropColumn</c> in <c>Up</c> whose
    /// column <c>Down</c> re-adds with the same CLR type, store type, nullability and length as the one column
    /// <c>Up</c> adds to the same table. Key: the DropColumn; value: the AddColumn.
    /// </summary>
    public IReadOnlyDictionary<MigrationOp, MigrationOp> DropAddPairs => _dropAddPairs ??= FindDropAddPairs();

    public bool IsInDropAddPair(MigrationOp op) => DropAddPairs.ContainsKey(op) || DropAddPairs.Values.Contains(op);

    private Dictionary<MigrationOp, MigrationOp> FindDropAddPairs()
    {
        var pairs = new Dictionary<MigrationOp, MigrationOp>();
        var used = new HashSet<MigrationOp>();
        foreach (var drop in Up)
        {
            if (drop.Kind != "DropColumn" || drop.TableKey is not { } key || drop.ObjectName is not { } column || IsCreatedInUp(drop))
            {
                continue;
            }

            var original = Down.FirstOrDefault(d => d.Kind == "AddColumn" && d.TableKey == key && d.ObjectName == column);
            if (original is null)
            {
                continue;
            }

            MigrationOp? match = null;
            var count = 0;
            foreach (var add in Up)
            {
                if (add.Kind == "AddColumn" && add.TableKey == key && add.ObjectName is { } newName && newName != column
                    && !used.Contains(add) && SameShape(original, add))
                {
                    match = add;
                    count++;
                }
            }

            if (count == 1 && match is not null)
            {
                pairs.Add(drop, match);
                used.Add(match);
            }
        }

        return pairs;
    }

    private static bool SameShape(MigrationOp a, MigrationOp b)
        => a.ClrType is not null && SymbolEqualityComparer.Default.Equals(a.ClrType, b.ClrType)
            && string.Equals(a.String("type"), b.String("type"), StringComparison.OrdinalIgnoreCase)
            && (a.Bool("nullable") ?? false) == (b.Bool("nullable") ?? false)
            && a.Int("maxLength") == b.Int("maxLength");

    /// <summary>The properties every migration diagnostic carries.</summary>
    public ImmutableDictionary<string, string?>.Builder Properties(string rule, MigrationOp? op)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder[DiagnosticProperties.Rule] = rule;
        var migration = Compilation.MigrationId(Type) ?? Type.Name;
        builder["migration"] = migration;

        // The key symbol of a migration finding: the migration, and the operation with its table (and column).
        builder[DiagnosticProperties.Symbol] = op is null
            ? migration
            : migration + ":" + op.Kind + "(" + MigrationAnalyzer.Qualified(op, op.Kind is "AddColumn" or "DropColumn" or "AlterColumn" or "RenameColumn" ? op.ObjectName : null) + ")";
        builder["provider"] = MigrationCompilation.ProviderKey(Provider);
        builder["providerSource"] = Compilation.Config.Provider == MigrationProvider.Auto ? "detected" : "archgate.json: migrations.provider";
        if (op is not null)
        {
            builder["operation"] = op.Kind;
            if (op.Table is { } table)
            {
                builder["table"] = table;
            }

            if (op.Schema is { } schema)
            {
                builder["schema"] = schema;
            }

            if (op.Kind is "AddColumn" or "DropColumn" or "AlterColumn" or "RenameColumn" && op.ObjectName is { } column)
            {
                builder["column"] = column;
            }
        }

        return builder;
    }
}
