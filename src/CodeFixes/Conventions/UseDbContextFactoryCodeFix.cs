using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using ArchGate.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ArchGate.CodeFixes.Conventions;

/// <summary>
/// AG7002 (DbContext injected into a hosted service): take <c>IDbContextFactory&lt;T&gt;</c> instead and
/// create a context in each method that used the injected one. Offered only when the compilation
/// registers the factory (<c>AddDbContextFactory&lt;T&gt;</c>), and only for the common shape: the
/// constructor stores the context in a field, and every other use of that field is inside a method
/// with a block body.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseDbContextFactoryCodeFix)), Shared]
public sealed class UseDbContextFactoryCodeFix : ArchGateCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.DbContextWrongLifetime);

    protected override bool NeedsSemanticModel => true;

    protected override bool IsFixable(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue("kind", out var kind) && kind == "hostedService";

    /// <summary>The constructor parameter, when the whole change can be planned and the factory is registered.</summary>
    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic)
        => PlanFor(scope, diagnostic) is { } plan && IsFactoryRegistered(scope.Model!.Compilation, plan.ContextType, scope.CancellationToken)
            ? plan.Parameter
            : null;

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
    {
        var contextType = PlanFor(scope, diagnostic)?.ContextType.Name ?? string.Empty;
        return FixOffer.One("Use IDbContextFactory<" + contextType + "> and create a context per call", nameof(UseDbContextFactoryCodeFix));
    }

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
        => PlanFor(scope, diagnostic)?.Apply(editor);

    private static Plan? PlanFor(FixScope scope, Diagnostic diagnostic)
    {
        var parameter = scope.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault();
        return parameter is null ? null : Plan.Create(parameter, scope.Model!, scope.CancellationToken);
    }

    /// <summary>True when some <c>AddDbContextFactory&lt;TContext&gt;</c> call in the compilation registers the factory.</summary>
    private static bool IsFactoryRegistered(Compilation compilation, ITypeSymbol contextType, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot(cancellationToken);
            SemanticModel? model = null;
            foreach (var name in root.DescendantNodes().OfType<GenericNameSyntax>())
            {
                if (name.Identifier.ValueText is not ("AddDbContextFactory" or "AddPooledDbContextFactory") || name.TypeArgumentList.Arguments.Count == 0)
                {
                    continue;
                }

                model ??= compilation.GetSemanticModel(tree);
                if (model.GetSymbolInfo(name, cancellationToken).Symbol is IMethodSymbol method
                    && method.TypeArguments.Length > 0
                    && SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], contextType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>What the fix will change, computed and validated before anything is offered.</summary>
    private sealed class Plan
    {
        private Plan(ParameterSyntax parameter, VariableDeclaratorSyntax field, ITypeSymbol contextType,
            string parameterName, string fieldName, Dictionary<BaseMethodDeclarationSyntax, List<IdentifierNameSyntax>> uses,
            ExpressionStatementSyntax assignment, ImmutableHashSet<BaseMethodDeclarationSyntax> asyncMethods)
        {
            Parameter = parameter;
            Field = field;
            ContextType = contextType;
            NewParameterName = parameterName;
            NewFieldName = fieldName;
            Uses = uses;
            Assignment = assignment;
            AsyncMethods = asyncMethods;
        }

        public ParameterSyntax Parameter { get; }
        public VariableDeclaratorSyntax Field { get; }
        public ITypeSymbol ContextType { get; }
        public string NewParameterName { get; }
        public string NewFieldName { get; }
        public Dictionary<BaseMethodDeclarationSyntax, List<IdentifierNameSyntax>> Uses { get; }
        public ExpressionStatementSyntax Assignment { get; }
        public ImmutableHashSet<BaseMethodDeclarationSyntax> AsyncMethods { get; }

        public static Plan? Create(ParameterSyntax parameter, SemanticModel model, CancellationToken cancellationToken)
        {
            if (parameter.Parent?.Parent is not ConstructorDeclarationSyntax constructor || constructor.Body is null && constructor.ExpressionBody is null
                || model.GetDeclaredSymbol(parameter, cancellationToken) is not IParameterSymbol parameterSymbol
                || constructor.Parent is not ClassDeclarationSyntax type)
            {
                return null;
            }

            // The constructor must store the parameter in a field, and use it nowhere else.
            ExpressionStatementSyntax? assignment = null;
            IFieldSymbol? field = null;
            foreach (var identifier in constructor.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameterSymbol))
                {
                    continue;
                }

                if (assignment is not null || identifier.Parent is not AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assign
                    || assign.Right != identifier || model.GetSymbolInfo(assign.Left, cancellationToken).Symbol is not IFieldSymbol target)
                {
                    return null;
                }

                assignment = statement;
                field = target;
            }

            if (assignment is null || field is null || field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax fieldDeclarator
                || fieldDeclarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 }
                || fieldDeclarator.SyntaxTree != parameter.SyntaxTree)
            {
                return null;
            }

            // Every other use of the field must be in a method with a block body of this class.
            var uses = new Dictionary<BaseMethodDeclarationSyntax, List<IdentifierNameSyntax>>();
            var asyncMethods = ImmutableHashSet.CreateBuilder<BaseMethodDeclarationSyntax>();
            foreach (var identifier in type.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != field.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, field))
                {
                    continue;
                }

                if (assignment.Contains(identifier))
                {
                    continue;
                }

                var method = identifier.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault();
                if (method is not MethodDeclarationSyntax { Body: not null } || IsWrittenTo(identifier))
                {
                    return null;
                }

                if (!uses.TryGetValue(method, out var list))
                {
                    uses[method] = list = new List<IdentifierNameSyntax>();
                    if (((MethodDeclarationSyntax)method).Modifiers.Any(SyntaxKind.AsyncKeyword))
                    {
                        asyncMethods.Add(method);
                    }
                }

                list.Add(identifier);
            }

            var baseName = field.Name.TrimStart('_');
            if (baseName.Length == 0)
            {
                return null;
            }

            var newField = field.Name + "Factory";
            var newParameter = parameterSymbol.Name + "Factory";
            if (field.ContainingType.GetMembers(newField).Any() || constructor.ParameterList.Parameters.Any(p => p.Identifier.ValueText == newParameter))
            {
                return null;
            }

            return new Plan(parameter, fieldDeclarator, parameterSymbol.Type, newParameter, newField, uses, assignment, asyncMethods.ToImmutable());
        }

        private static bool IsWrittenTo(IdentifierNameSyntax identifier)
        {
            SyntaxNode node = identifier;
            if (node.Parent is MemberAccessExpressionSyntax { Name: var name } access && name == node && access.Expression is ThisExpressionSyntax)
            {
                node = access;
            }

            return node.Parent is AssignmentExpressionSyntax assign && assign.Left == node
                || node.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 };
        }

        /// <summary>
        /// The edits, each computed from the original tree: they replace whole declarations, so a second plan
        /// touching the same method or field conflicts with this one and waits for the next Fix All pass.
        /// </summary>
        public void Apply(FixEditor editor)
        {
            var factoryType = ParseTypeName("global::Microsoft.EntityFrameworkCore.IDbContextFactory<" + ContextType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ">")
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

            editor.Replace(Parameter, Parameter
                .WithType(factoryType.WithTriviaFrom(Parameter.Type!))
                .WithIdentifier(Identifier(NewParameterName).WithTriviaFrom(Parameter.Identifier)));
            editor.Replace(Assignment, RewriteAssignment(Assignment));
            foreach (var method in Uses.Keys.OfType<MethodDeclarationSyntax>())
            {
                editor.Replace(method, RewriteMethod(method, method));
            }

            var declaration = (VariableDeclarationSyntax)Field.Parent!;
            var declarator = declaration.Variables[0];
            editor.Replace(declaration, declaration
                .WithType(factoryType.WithTriviaFrom(declaration.Type))
                .WithVariables(SingletonSeparatedList(declarator.WithIdentifier(Identifier(NewFieldName).WithTriviaFrom(declarator.Identifier)))));
        }

        private SyntaxNode RewriteAssignment(ExpressionStatementSyntax statement)
        {
            var assign = (AssignmentExpressionSyntax)statement.Expression;
            ExpressionSyntax left = assign.Left is MemberAccessExpressionSyntax access
                ? access.WithName(IdentifierName(NewFieldName))
                : IdentifierName(NewFieldName).WithTriviaFrom(assign.Left);
            return statement.WithExpression(assign.WithLeft(left).WithRight(IdentifierName(NewParameterName).WithTriviaFrom(assign.Right)));
        }

        private SyntaxNode RewriteMethod(MethodDeclarationSyntax original, MethodDeclarationSyntax method)
        {
            var local = UniqueLocalName(original, Field.Identifier.ValueText.TrimStart('_'));
            var uses = Uses[original];

            // Replace each use of the field (or this.field) by the local.
            var body = original.Body!;
            var targets = uses.Select(u => u.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == u ? (SyntaxNode)access : u).ToList();
            var newBody = body.ReplaceNodes(targets, (o, r) => IdentifierName(local).WithTriviaFrom(o));

            var create = InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                IdentifierName(NewFieldName), IdentifierName("CreateDbContext")));
            var declaration = LocalDeclarationStatement(
                    VariableDeclaration(IdentifierName("var"), SingletonSeparatedList(VariableDeclarator(Identifier(local)).WithInitializer(EqualsValueClause(create)))))
                .WithUsingKeyword(Token(SyntaxKind.UsingKeyword));
            if (AsyncMethods.Contains(original))
            {
                declaration = declaration.WithAwaitKeyword(Token(SyntaxKind.AwaitKeyword));
            }

            declaration = declaration.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
            newBody = newBody.WithStatements(newBody.Statements.Insert(0, declaration));
            return method.WithBody(newBody);
        }

        private static string UniqueLocalName(MethodDeclarationSyntax method, string baseName)
        {
            var taken = new HashSet<string>(method.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            var name = baseName;
            for (var i = 2; taken.Contains(name); i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }
    }
}
