using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Sql;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ArchGate.CodeFixes.Sql;

/// <summary>
/// AG3001 fixes: SQL written in one interpolated string or concatenation whose non-constant parts
/// are all values becomes parameterized SQL — EF Core <c>FromSqlRaw</c> → <c>FromSql</c> with an
/// interpolated string, Dapper → <c>@name</c> placeholders and an anonymous parameter object,
/// ADO.NET → <c>@name</c> placeholders and <c>Parameters.AddWithValue</c> / <c>CreateParameter</c>.
/// Quotes around a value and LIKE wildcards move out of the SQL into the value. The edits of one fix (the SQL,
/// the method name, the parameter object or the statements after the command) are recorded on the original tree,
/// so Fix All is the base's one pass over the document.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ParameterizeSqlCodeFix))]
[Shared]
public sealed class ParameterizeSqlCodeFix : ArchGateCodeFix
{
    /// <summary>
    /// One equivalence key for the three forms: Fix All started from any of them parameterizes every fixable
    /// AG3001 finding of the document, whichever API it uses.
    /// </summary>
    private const string EquivalenceKey = "ArchGate.ParameterizeSql";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.NonConstantSql);

    protected override bool NeedsSemanticModel => true;

    protected override bool IsFixable(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(SqlInjectionAnalyzer.FixProperty, out var kind) && kind is "efcore" or "dapper" or "adonet";

    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic)
        => scope.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as ExpressionSyntax;

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
    {
        var kind = diagnostic.Properties[SqlInjectionAnalyzer.FixProperty]!;
        if (!Fix(kind, scope, (ExpressionSyntax)target, editor: null))
        {
            return Enumerable.Empty<FixOffer>();
        }

        var title = kind switch
        {
            "efcore" => "Use FromSql/ExecuteSql/SqlQuery with an interpolated string (values become parameters)",
            "dapper" => "Use @parameters and pass the values in the parameter object",
            _ => "Use @parameters and add the values to the command's Parameters",
        };
        return FixOffer.One(title, EquivalenceKey);
    }

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
        => Fix(diagnostic.Properties[SqlInjectionAnalyzer.FixProperty]!, scope, (ExpressionSyntax)target, editor);

    /// <summary>Whether the fix of <paramref name="kind"/> applies to <paramref name="sql"/>; with an editor, records its edits.</summary>
    private static bool Fix(string kind, FixScope scope, ExpressionSyntax sql, FixEditor? editor)
        => kind switch
        {
            "efcore" => FixEFCore(scope.Model!, sql, editor, scope.CancellationToken),
            "dapper" => FixDapper(scope.Model!, sql, editor, scope.CancellationToken),
            "adonet" => FixAdoNet(scope, sql, editor),
            _ => false,
        };

    private static SqlTemplate? Template(SemanticModel model, ExpressionSyntax sql, CancellationToken ct)
    {
        var template = SqlTemplate.TryCreate(model.GetOperation(sql, ct));
        if (template is null || !template.AllHolesAreValuesOrConstants || SqlTemplate.ValueHoles(template).IsEmpty)
        {
            return null;
        }

        return template;
    }

    // ---- EF Core ---------------------------------------------------------------------------

    private static bool FixEFCore(SemanticModel model, ExpressionSyntax sql, FixEditor? editor, CancellationToken ct)
    {
        var template = Template(model, sql, ct);
        if (template is null || template.HasConstantHoles
            || sql.Parent is not ArgumentSyntax argument
            || argument.Parent?.Parent is not InvocationExpressionSyntax invocationSyntax
            || model.GetOperation(invocationSyntax, ct) is not IInvocationOperation invocation)
        {
            return false;
        }

        // Only the SQL (and a CancellationToken): positional parameters have no place in the interpolated form.
        foreach (var a in invocation.Arguments)
        {
            if (a.Parameter is null || a.ArgumentKind == ArgumentKind.DefaultValue || a.Parameter.Name == "sql" || a.Parameter.Type.Name == "CancellationToken"
                || (a.Parameter.Ordinal == 0 && a.Parameter.ContainingSymbol is IMethodSymbol { IsExtensionMethod: true }))
            {
                continue;
            }

            if (a.ArgumentKind == ArgumentKind.ParamArray && a.Value is IArrayCreationOperation { Initializer.ElementValues.IsEmpty: true })
            {
                continue;
            }

            return false;
        }

        var method = invocation.TargetMethod;
        var newName = method.Name switch
        {
            "FromSqlRaw" => "FromSql",
            "ExecuteSqlRaw" => "ExecuteSql",
            "ExecuteSqlRawAsync" => "ExecuteSqlAsync",
            "SqlQueryRaw" => "SqlQuery",
            _ => null,
        };
        var container = (method.ReducedFrom ?? method).ContainingType;
        if (newName is null || container is null || container.GetMembers(newName).IsEmpty)
        {
            return false;
        }

        SimpleNameSyntax? name = invocationSyntax.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is null)
        {
            return false;
        }

        var text = new StringBuilder("$\"");
        foreach (var part in template.Parts)
        {
            if (!part.IsHole)
            {
                text.Append(EscapeInterpolatedText(part.Text));
                continue;
            }

            text.Append('{').Append(HoleExpressionText(part, forInterpolation: true)).Append('}');
        }

        text.Append('"');
        var newSql = SyntaxFactory.ParseExpression(text.ToString()).WithTriviaFrom(sql);
        var newName2 = name.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier));
        editor?.Replace(name, newName2);
        editor?.Replace(sql, newSql);
        return true;
    }

    // ---- Dapper ----------------------------------------------------------------------------

    private static bool FixDapper(SemanticModel model, ExpressionSyntax sql, FixEditor? editor, CancellationToken ct)
    {
        var template = Template(model, sql, ct);
        if (template is null || sql.Parent is not ArgumentSyntax argument || argument.Parent is not ArgumentListSyntax argumentList)
        {
            return false;
        }

        var call = model.GetOperation(argumentList.Parent!, ct);
        var arguments = call switch
        {
            IInvocationOperation i => i.Arguments,
            IObjectCreationOperation c => c.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        var parameterName = call is IObjectCreationOperation ? "parameters" : "param";
        var existing = arguments.FirstOrDefault(a => a.Parameter?.Name == parameterName);
        if (existing is null)
        {
            return false;
        }

        AnonymousObjectCreationExpressionSyntax? existingObject = null;
        ArgumentSyntax? existingArgument = null;
        if (existing.ArgumentKind != ArgumentKind.DefaultValue)
        {
            existingArgument = existing.Syntax as ArgumentSyntax;
            existingObject = existingArgument?.Expression as AnonymousObjectCreationExpressionSyntax;
            if (existingArgument is null || (existingObject is null && !existingArgument.Expression.IsKind(SyntaxKind.NullLiteralExpression)))
            {
                return false;
            }
        }

        var names = new ParameterNames(existingObject, model, ct);
        var newMembers = new List<AnonymousObjectMemberDeclaratorSyntax>();
        var newSql = RewriteWithPlaceholders(template, names, newMembers);
        if (newSql is null)
        {
            return false;
        }

        AnonymousObjectCreationExpressionSyntax paramObject;
        if (existingObject is not null)
        {
            var all = existingObject.Initializers.Select(m => m.WithoutTrivia()).Concat(newMembers).ToList();
            var trailing = existingObject.Initializers.Count > 0 ? existingObject.Initializers.Last().GetTrailingTrivia() : default;
            all[all.Count - 1] = all[all.Count - 1].WithTrailingTrivia(trailing);
            paramObject = existingObject.WithInitializers(SyntaxFactory.SeparatedList(
                all, Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), all.Count - 1)));
        }
        else
        {
            paramObject = SyntaxFactory.AnonymousObjectCreationExpression(SyntaxFactory.SeparatedList(newMembers));
        }

        var newList = argumentList.ReplaceNode(sql, newSql.WithTriviaFrom(sql));
        if (existingArgument is not null)
        {
            var current = newList.Arguments[argumentList.Arguments.IndexOf(existingArgument)];
            newList = newList.ReplaceNode(current, current.WithExpression(paramObject.WithTriviaFrom(current.Expression)));
        }
        else
        {
            newList = newList.AddArguments(SyntaxFactory.Argument(paramObject).WithNameColon(SyntaxFactory.NameColon(parameterName)));
        }

        editor?.Replace(argumentList, newList);
        return true;
    }

    // ---- ADO.NET ---------------------------------------------------------------------------

    private static bool FixAdoNet(FixScope scope, ExpressionSyntax sql, FixEditor? editor)
    {
        var root = scope.Root;
        var model = scope.Model!;
        var ct = scope.CancellationToken;
        var template = Template(model, sql, ct);
        if (template is null)
        {
            return false;
        }

        // Where the parameters go, and which expression is the command.
        StatementSyntax? anchor = null;
        BlockSyntax? usingBody = null;
        ExpressionSyntax? command = null;
        ITypeSymbol? commandType = null;
        if (sql.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax creation } })
        {
            if (creation.Initializer is null
                && creation.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 } declaration)
            {
                command = SyntaxFactory.IdentifierName(declarator.Identifier.ValueText);
                commandType = model.GetTypeInfo(creation, ct).Type;
                if (declaration.Parent is LocalDeclarationStatementSyntax local)
                {
                    anchor = local;
                }
                else if (declaration.Parent is UsingStatementSyntax { Statement: BlockSyntax body })
                {
                    usingBody = body;
                }
            }
        }
        else if (sql.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                 && assignment.Right == sql
                 && assignment.Parent is ExpressionStatementSyntax statement
                 && assignment.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax or MemberAccessExpressionSyntax } target)
        {
            anchor = statement;
            command = target.Expression.WithoutTrivia();
            commandType = model.GetTypeInfo(target.Expression, ct).Type;
        }

        if (command is null || commandType is null || (anchor is null && usingBody is null))
        {
            return false;
        }

        var parametersType = commandType.GetMembers("Parameters").OfType<IPropertySymbol>().FirstOrDefault()?.Type
                             ?? AllInterfaceMember(commandType, "Parameters");
        var hasAddWithValue = parametersType is not null && parametersType.GetMembers("AddWithValue").OfType<IMethodSymbol>()
            .Any(m => m.Parameters.Length == 2 && m.Parameters[0].Type.SpecialType == SpecialType.System_String);

        var names = new ParameterNames(null, model, ct);
        var members = new List<AnonymousObjectMemberDeclaratorSyntax>();
        var newSql = RewriteWithPlaceholders(template, names, members);
        if (newSql is null)
        {
            return false;
        }

        var position = (anchor ?? (SyntaxNode)usingBody!).SpanStart;
        // The names in scope, and the variables earlier fixes of this pass declare in the same member.
        var enclosingMember = (SyntaxNode?)sql.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? root;
        var declared = scope.PassState<Dictionary<SyntaxNode, HashSet<string>>>();
        if (!declared.TryGetValue(enclosingMember, out var declaredInMember))
        {
            declaredInMember = new HashSet<string>();
            if (editor is not null)
            {
                declared[enclosingMember] = declaredInMember;
            }
        }

        var taken = new HashSet<string>(model.LookupSymbols(position).Select(s => s.Name));
        taken.UnionWith(declaredInMember);
        var indentStatement = anchor ?? usingBody!.Statements.FirstOrDefault();
        var indent = indentStatement?.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString() ?? string.Empty;
        if (anchor is null && indentStatement is null)
        {
            return false;
        }

        var eol = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString();
        if (eol.Length == 0)
        {
            eol = "\n";
        }

        var commandText = command.ToString();
        var statements = new List<StatementSyntax>();
        foreach (var member in members)
        {
            var parameter = member.NameEquals?.Name.Identifier.ValueText ?? SuggestProjectedName(member.Expression);
            var value = member.Expression.WithoutTrivia().ToString();
            string code;
            if (hasAddWithValue)
            {
                code = $"{commandText}.Parameters.AddWithValue(\"@{parameter}\", {value});";
                statements.Add(SyntaxFactory.ParseStatement(indent + code + eol));
                continue;
            }

            var variable = parameter + "Parameter";
            for (var i = 2; taken.Contains(variable); i++)
            {
                variable = parameter + "Parameter" + i.ToString(CultureInfo.InvariantCulture);
            }

            taken.Add(variable);
            declaredInMember.Add(variable);
            statements.Add(SyntaxFactory.ParseStatement($"{indent}var {variable} = {commandText}.CreateParameter();{eol}"));
            statements.Add(SyntaxFactory.ParseStatement($"{indent}{variable}.ParameterName = \"@{parameter}\";{eol}"));
            statements.Add(SyntaxFactory.ParseStatement($"{indent}{variable}.Value = {value};{eol}"));
            statements.Add(SyntaxFactory.ParseStatement($"{indent}{commandText}.Parameters.Add({variable});{eol}"));
        }

        if (editor is not null)
        {
            editor.Replace(sql, newSql.WithTriviaFrom(sql));
            if (anchor is not null)
            {
                editor.InsertAfter(anchor, statements);
            }
            else
            {
                editor.InsertBefore(usingBody!.Statements[0], statements);
            }
        }

        return true;
    }

    private static ITypeSymbol? AllInterfaceMember(ITypeSymbol type, string name)
    {
        foreach (var i in type.AllInterfaces)
        {
            if (i.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is { } p)
            {
                return p.Type;
            }
        }

        return null;
    }

    private static string SuggestProjectedName(ExpressionSyntax expression)
        => expression switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => "p",
        };

    // ---- shared ----------------------------------------------------------------------------

    /// <summary>
    /// The SQL with every value hole replaced by an <c>@name</c> placeholder (constant holes kept),
    /// filling <paramref name="members"/> with the anonymous-object members that carry the values.
    /// </summary>
    private static ExpressionSyntax? RewriteWithPlaceholders(SqlTemplate template, ParameterNames names, List<AnonymousObjectMemberDeclaratorSyntax> members)
    {
        var index = 0;
        var pieces = new List<(string? Text, ExpressionSyntax? Constant)>();
        var text = new StringBuilder();
        foreach (var part in template.Parts)
        {
            if (!part.IsHole)
            {
                text.Append(part.Text);
                continue;
            }

            var expression = (ExpressionSyntax)part.Hole!.Syntax;
            if (part.Kind == SqlHoleKind.Constant)
            {
                pieces.Add((text.ToString(), null));
                text.Clear();
                pieces.Add((null, expression.WithoutTrivia()));
                continue;
            }

            var valueText = HoleExpressionText(part, forInterpolation: false);
            var name = names.NameFor(part, valueText, index++, out var isNew);
            if (isNew)
            {
                var projected = SqlTemplate.IsProjectable(part.Hole) && !part.LeadingWildcard && !part.TrailingWildcard
                                && name == SqlTemplate.SuggestName(part.Hole, 0);
                members.Add(projected
                    ? SyntaxFactory.AnonymousObjectMemberDeclarator(expression.WithoutTrivia())
                    : SyntaxFactory.AnonymousObjectMemberDeclarator(SyntaxFactory.NameEquals(name), SyntaxFactory.ParseExpression(valueText)));
            }

            text.Append('@').Append(name);
        }

        pieces.Add((text.ToString(), null));

        if (pieces.All(p => p.Constant is null))
        {
            return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Concat(pieces.Select(p => p.Text))));
        }

        if (template.IsInterpolated)
        {
            var sb = new StringBuilder("$\"");
            foreach (var (pieceText, constant) in pieces)
            {
                sb.Append(constant is null ? EscapeInterpolatedText(pieceText!) : "{" + Parenthesize(constant) + "}");
            }

            sb.Append('"');
            return SyntaxFactory.ParseExpression(sb.ToString());
        }

        ExpressionSyntax? result = null;
        foreach (var (pieceText, constant) in pieces)
        {
            if (constant is null && pieceText!.Length == 0)
            {
                continue;
            }

            var piece = constant ?? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(pieceText!));
            result = result is null ? piece : SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, result, piece);
        }

        return result is null ? null : SyntaxFactory.ParseExpression(result.NormalizeWhitespace().ToFullString());
    }

    /// <summary>The value expression of a hole, with LIKE wildcards moved into it.</summary>
    private static string HoleExpressionText(SqlPart part, bool forInterpolation)
    {
        var expression = (ExpressionSyntax)part.Hole!.Syntax;
        var text = expression.WithoutTrivia().ToString();
        if (part.LeadingWildcard || part.TrailingWildcard)
        {
            text = (part.LeadingWildcard ? "\"%\" + " : string.Empty) + Parenthesize(expression) + (part.TrailingWildcard ? " + \"%\"" : string.Empty);
            return text;
        }

        return forInterpolation ? Parenthesize(expression) : text;
    }

    private static string Parenthesize(ExpressionSyntax expression)
    {
        var text = expression.WithoutTrivia().ToString();
        return expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax
            ? text
            : "(" + text + ")";
    }

    private static string EscapeInterpolatedText(string value)
    {
        var literal = SyntaxFactory.Literal(value).Text;
        var inner = literal.Substring(1, literal.Length - 2);
        return inner.Replace("{", "{{").Replace("}", "}}");
    }

    /// <summary>Parameter names: one per distinct value, reusing an existing anonymous member with the same value.</summary>
    private sealed class ParameterNames
    {
        private readonly Dictionary<string, string> _byValue = new();
        private readonly HashSet<string> _used = new(System.StringComparer.OrdinalIgnoreCase);

        public ParameterNames(AnonymousObjectCreationExpressionSyntax? existing, SemanticModel model, CancellationToken ct)
        {
            if (existing is null)
            {
                return;
            }

            foreach (var member in existing.Initializers)
            {
                var name = member.NameEquals?.Name.Identifier.ValueText ?? SuggestProjectedName(member.Expression);
                _used.Add(name);
                _byValue[member.Expression.WithoutTrivia().ToString()] = name;
            }
        }

        public string NameFor(SqlPart part, string valueText, int index, out bool isNew)
        {
            if (_byValue.TryGetValue(valueText, out var existing))
            {
                isNew = false;
                return existing;
            }

            var baseName = SqlTemplate.SuggestName(part.Hole!, index);
            var name = baseName;
            for (var i = 2; _used.Contains(name); i++)
            {
                name = baseName + i.ToString(CultureInfo.InvariantCulture);
            }

            _used.Add(name);
            _byValue[valueText] = name;
            isNew = true;
            return name;
        }
    }
}
