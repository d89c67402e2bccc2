using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using ArchGate.Analyzers;
using ArchGate.Analyzers.DataAccess;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace ArchGate.CodeFixes.DataAccess;

/// <summary>
/// AG2002: changes the declared type (parameter, field, property, local, return type) from the repository
/// implementation to its approved interface. One action per candidate interface; Fix All applies the chosen
/// interface everywhere it is a candidate.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RepositoryInterfaceCodeFix))]
public sealed class RepositoryInterfaceCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ConsumerBoundToRepositoryImplementation);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(RepositoryAnalyzer.InterfacesProperty, out var interfaces) || string.IsNullOrEmpty(interfaces)
                || !diagnostic.Properties.TryGetValue(RepositoryAnalyzer.InterfaceNamesProperty, out var names) || string.IsNullOrEmpty(names))
            {
                continue;
            }

            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not TypeSyntax typeSyntax
                || typeSyntax.Span != diagnostic.Location.SourceSpan)
            {
                continue;
            }

            var fullNames = interfaces!.Split(';');
            var shortNames = names!.Split(';');
            if (fullNames.Length != shortNames.Length)
            {
                continue;
            }

            for (var i = 0; i < fullNames.Length; i++)
            {
                var fullName = fullNames[i];
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Depend on " + shortNames[i],
                        ct => ReplaceAsync(context.Document, diagnostic.Location.SourceSpan, fullName, ct),
                        equivalenceKey: RuleIdentifiers.ConsumerBoundToRepositoryImplementation + ":" + fullName),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string fullName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span, getInnermostNodeForTie: true) is not TypeSyntax typeSyntax)
        {
            return document;
        }

        var replacement = SyntaxFactory.ParseTypeName(fullName)
            .WithTriviaFrom(typeSyntax)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        var changed = document.WithSyntaxRoot(root.ReplaceNode(typeSyntax, replacement));
        return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
