using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ArchGate.Analyzers;
using ArchGate.Analyzers.DataAccess;
using Microsoft.CodeAnalysis;
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
public sealed class RepositoryInterfaceCodeFix : ArchGateCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ConsumerBoundToRepositoryImplementation);

    protected override bool IsFixable(Diagnostic diagnostic) => Candidates(diagnostic) is not null;

    protected override SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic)
        => scope.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is TypeSyntax typeSyntax
            && typeSyntax.Span == diagnostic.Location.SourceSpan
            ? typeSyntax
            : null;

    protected override IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic)
        => (Candidates(diagnostic) ?? Enumerable.Empty<(string FullName, string ShortName)>())
            .Select(c => new FixOffer("Depend on " + c.ShortName, EquivalenceKey(c.FullName)));

    protected override void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey)
    {
        var fullName = equivalenceKey.Substring(EquivalenceKey(string.Empty).Length);
        editor.Replace(target, current => SyntaxFactory.ParseTypeName(fullName)
            .WithTriviaFrom(current)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
    }

    protected override Task<Document> CompleteAsync(Document document, IReadOnlyList<Diagnostic> fixedDiagnostics, CancellationToken cancellationToken)
        => ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);

    private static string EquivalenceKey(string fullName) => RuleIdentifiers.ConsumerBoundToRepositoryImplementation + ":" + fullName;

    /// <summary>The candidate interfaces (full and short names) the analyzer found; null when there are none.</summary>
    private static IReadOnlyList<(string FullName, string ShortName)>? Candidates(Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(RepositoryAnalyzer.InterfacesProperty, out var interfaces) || string.IsNullOrEmpty(interfaces)
            || !diagnostic.Properties.TryGetValue(RepositoryAnalyzer.InterfaceNamesProperty, out var names) || string.IsNullOrEmpty(names))
        {
            return null;
        }

        var fullNames = interfaces!.Split(';');
        var shortNames = names!.Split(';');
        return fullNames.Length == shortNames.Length ? fullNames.Zip(shortNames, (full, shortName) => (full, shortName)).ToList() : null;
    }
}
