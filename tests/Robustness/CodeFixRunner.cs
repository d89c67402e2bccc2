using System.Collections.Immutable;
using ArchGate.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Robustness;

/// <summary>
/// Applies every offered code fix, and Fix All in document scope, to every ArchGate diagnostic of a
/// source; checks that nothing throws, that the result parses, and that it adds no compiler error.
/// </summary>
internal static class CodeFixRunner
{
    public sealed record Result(int FixesApplied, int FixAllApplied, List<string> Problems);

    public static async Task<Result> RunAsync(Source source, string config)
    {
        var problems = new List<string>();
        var applied = 0;
        var fixAllApplied = 0;

        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Shop", "Shop", LanguageNames.CSharp,
                compilationOptions: AnalyzerRunner.CompilationOptions, parseOptions: AnalyzerRunner.ParseOptions,
                metadataReferences: TestReferences.All))
            .AddDocument(documentId, "Source.cs", SourceText.From(source.Text))
            .AddAdditionalDocument(DocumentId.CreateNewId(projectId), "archgate.json", SourceText.From(config));
        var project = solution.GetProject(projectId)!;

        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var errorsBefore = ErrorCount(compilation);
        var diagnostics = await Diagnose(project).ConfigureAwait(false);

        foreach (var diagnostic in diagnostics)
        {
            foreach (var provider in AnalyzerRunner.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                var document = project.GetDocument(documentId)!;
                try
                {
                    var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                    await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    problems.Add($"{source.Origin}: {provider.GetType().Name}.RegisterCodeFixesAsync threw on {diagnostic.Id}: {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                foreach (var action in Flatten(actions))
                {
                    try
                    {
                        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
                        var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
                        if (changed is null)
                        {
                            continue;
                        }

                        applied++;
                        await CheckAsync(changed, projectId, errorsBefore, $"{source.Origin}: fix '{action.Title}' for {diagnostic.Id}", problems).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        problems.Add($"{source.Origin}: fix '{action.Title}' for {diagnostic.Id} threw {ex.GetType().Name}: {ex.Message}");
                    }
                }

                // Fix All in the document, with the provider's own Fix All provider.
                var fixAll = provider.GetFixAllProvider();
                var key = actions.Count > 0 ? actions[0].EquivalenceKey : null;
                if (fixAll is null || actions.Count == 0)
                {
                    continue;
                }

                try
                {
                    var fixAllContext = new FixAllContext(document, provider, FixAllScope.Document, key,
                        new[] { diagnostic.Id }, new DiagnosticProvider(diagnostics), CancellationToken.None);
                    var action = await fixAll.GetFixAsync(fixAllContext).ConfigureAwait(false);
                    if (action is null)
                    {
                        continue;
                    }

                    var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
                    var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution;
                    if (changed is not null)
                    {
                        fixAllApplied++;
                        await CheckAsync(changed, projectId, errorsBefore, $"{source.Origin}: Fix All of {diagnostic.Id} ({provider.GetType().Name})", problems).ConfigureAwait(false);
                    }
                }
                catch (Exception ex)
                {
                    problems.Add($"{source.Origin}: Fix All of {diagnostic.Id} threw {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        return new Result(applied, fixAllApplied, problems);
    }

    private static async Task<ImmutableArray<Diagnostic>> Diagnose(Project project)
    {
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var options = new AnalyzerOptions(project.AdditionalDocuments.Select(d => (AdditionalText)new TextAdditionalText(d.FilePath ?? d.Name, d.GetTextAsync().Result)).ToImmutableArray());
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerRunner.Analyzers, options);
        return (await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false))
            .Where(d => d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    private static async Task CheckAsync(Solution changed, ProjectId projectId, int errorsBefore, string what, List<string> problems)
    {
        var project = changed.GetProject(projectId)!;
        foreach (var document in project.Documents)
        {
            var tree = await document.GetSyntaxTreeAsync().ConfigureAwait(false);
            var syntaxErrors = tree!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (syntaxErrors.Count > 0)
            {
                problems.Add($"{what}: result does not parse: {syntaxErrors[0]}");
                return;
            }
        }

        var compilation = await project.GetCompilationAsync().ConfigureAwait(false);
        var errorsAfter = ErrorCount(compilation!);
        if (errorsAfter > errorsBefore)
        {
            var first = compilation!.GetDiagnostics().First(d => d.Severity == DiagnosticSeverity.Error);
            problems.Add($"{what}: introduces compiler errors ({errorsBefore} -> {errorsAfter}), e.g. {first}");
        }
    }

    private static int ErrorCount(Compilation compilation) => compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

    private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions)
    {
        foreach (var action in actions)
        {
            if (action.NestedActions.IsDefaultOrEmpty)
            {
                yield return action;
            }
            else
            {
                foreach (var nested in Flatten(action.NestedActions))
                {
                    yield return nested;
                }
            }
        }
    }

    private sealed class TextAdditionalText(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class DiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());
    }
}
