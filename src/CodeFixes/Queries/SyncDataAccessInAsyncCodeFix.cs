using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArchGate.Analyzers;
using ArchGate.Analyzers.Queries;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ArchGate.CodeFixes.Queries;

/// <summary>AG4002: replaces the synchronous call with <c>await</c> of its async counterpart, passing the token in scope.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncDataAccessInAsyncCodeFix))]
[Shared]
public sealed class SyncDataAccessInAsyncCodeFix : ArchGateCodeFix
{
    private const string Title = "Await the async counterpart";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.SyncDataAccessInAsync);

    protected override string FixAllTitle => Title;

    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic)
        => (SyntaxNode?)FindInvocation(scope.Root, diagnostic) ?? FindForEach(scope.Root, diagnostic);

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
        => FixOffer.One(Title, nameof(SyncDataAccessInAsyncCodeFix));

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
        => editor.Replace(target, current => (target, current) switch
        {
            (InvocationExpressionSyntax call, InvocationExpressionSyntax newCall) => Rewrite(call, newCall, diagnostic),
            (CommonForEachStatementSyntax, CommonForEachStatementSyntax newLoop) => RewriteForEach(newLoop, diagnostic),
            _ => current,
        });

    /// <summary>The namespaces of the async counterparts, imported once each.</summary>
    protected override async Task<Document> CompleteAsync(Document document, IReadOnlyList<Diagnostic> fixedDiagnostics, CancellationToken cancellationToken)
    {
        var usings = fixedDiagnostics
            .Select(d => d.Properties.TryGetValue(AsyncCounterpart.UsingKey, out var ns) ? ns : null)
            .Where(ns => !string.IsNullOrEmpty(ns))
            .Distinct()
            .ToList();
        if (usings.Count == 0 || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
        {
            return document;
        }

        foreach (var ns in usings)
        {
            root = AwaitSyntax.EnsureUsing(root, ns);
        }

        return document.WithSyntaxRoot(root);
    }

    private static InvocationExpressionSyntax? FindInvocation(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(SyncDataAccessInAsyncAnalyzer.EnumerationKey)
            || !diagnostic.Properties.TryGetValue(AsyncCounterpart.FixableKey, out var fixable) || fixable != "true"
            || !diagnostic.Properties.TryGetValue(AsyncCounterpart.AsyncNameKey, out var name) || string.IsNullOrEmpty(name))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null || invocation.Span.End != diagnostic.Location.SourceSpan.End)
        {
            return null;
        }

        // `x?.ToList()` would need the whole conditional access awaited: no automatic fix.
        return invocation.Expression is MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax ? invocation : null;
    }

    private static CommonForEachStatementSyntax? FindForEach(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(SyncDataAccessInAsyncAnalyzer.EnumerationKey, out var enumeration) || enumeration != "true"
            || !diagnostic.Properties.TryGetValue(AsyncCounterpart.FixableKey, out var fixable) || fixable != "true")
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var statement = node.FirstAncestorOrSelf<CommonForEachStatementSyntax>();
        return statement is not null && statement.AwaitKeyword.IsKind(SyntaxKind.None) && statement.Expression.Span == diagnostic.Location.SourceSpan
            ? statement
            : null;
    }

    /// <summary><c>foreach (var x in q)</c> → <c>await foreach (var x in q.AsAsyncEnumerable().WithCancellation(ct))</c>.</summary>
    private static SyntaxNode RewriteForEach(CommonForEachStatementSyntax rewritten, Diagnostic diagnostic)
    {
        var expression = rewritten.Expression.WithoutTrivia();
        if (expression is not (SimpleNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax))
        {
            expression = SyntaxFactory.ParenthesizedExpression(expression);
        }

        ExpressionSyntax collection = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression, SyntaxFactory.IdentifierName("AsAsyncEnumerable")));
        if (diagnostic.Properties.TryGetValue(AsyncCounterpart.TokenKey, out var token) && !string.IsNullOrEmpty(token))
        {
            collection = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, collection, SyntaxFactory.IdentifierName("WithCancellation")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token!)))));
        }

        var foreachKeyword = rewritten.ForEachKeyword;
        var awaitKeyword = SyntaxFactory.Token(foreachKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return rewritten
            .WithForEachKeyword(foreachKeyword.WithLeadingTrivia())
            .WithAwaitKeyword(awaitKeyword)
            .WithExpression(collection.WithTriviaFrom(rewritten.Expression));
    }

    private static SyntaxNode Rewrite(InvocationExpressionSyntax original, InvocationExpressionSyntax rewritten, Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        var asyncName = properties[AsyncCounterpart.AsyncNameKey]!;

        ExpressionSyntax expression = rewritten.Expression switch
        {
            MemberAccessExpressionSyntax member => member.WithName(Rename(member.Name, asyncName)),
            SimpleNameSyntax simple => Rename(simple, asyncName),
            var other => other,
        };

        var arguments = rewritten.ArgumentList;
        if (properties.TryGetValue(AsyncCounterpart.TokenKey, out var token) && !string.IsNullOrEmpty(token))
        {
            var list = arguments.Arguments.ToList();
            if (properties.TryGetValue(AsyncCounterpart.ParamsIndexKey, out var indexText)
                && int.TryParse(indexText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
                && index >= 0 && index <= list.Count)
            {
                var elements = list.Skip(index).Select(a => a.Expression.WithoutTrivia());
                var array = SyntaxFactory.ArrayCreationExpression(
                    SyntaxFactory.ArrayType(
                        SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.ObjectKeyword)),
                        SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.OmittedArraySizeExpression())))),
                    SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SeparatedList(elements)));
                list = list.Take(index).ToList();
                list.Add(SyntaxFactory.Argument(array));
            }

            var tokenArgument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token!));
            var positional = properties.TryGetValue(AsyncCounterpart.TokenPositionalKey, out var p) && p == "true";
            if (!positional && properties.TryGetValue(AsyncCounterpart.TokenParameterKey, out var parameter) && !string.IsNullOrEmpty(parameter))
            {
                tokenArgument = tokenArgument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(parameter!)));
            }

            list.Add(tokenArgument);
            arguments = arguments.WithArguments(SyntaxFactory.SeparatedList(list.Select(a => a.WithoutTrivia()), list.Skip(1).Select(_ => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space))));
        }

        var call = rewritten.WithExpression(expression).WithArgumentList(arguments);
        return AwaitSyntax.Await(call, original);
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName)
        => name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, newName, name.Identifier.TrailingTrivia));
}
