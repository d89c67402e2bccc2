using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace ArchGate.CodeFixes;

/// <summary>
/// The one shape of an ArchGate code fix: find the node a diagnostic points at (<see cref="FindTarget"/>),
/// say what is offered for it (<see cref="Offers"/>), and record the edit on that node (<see cref="Apply"/>).
/// <para>
/// The single fix and Fix All (document, project, solution) run the same code, <see cref="FixDocumentAsync"/>:
/// every diagnostic of a document that offers the chosen action is edited in one pass over the original tree.
/// Each edit is expressed on a node of that tree (<see cref="FixEditor"/>), so the fixes of neighbouring and
/// nested nodes compose (a replacement given as a function receives the node as the earlier edits left it)
/// instead of being merged as text changes. A diagnostic whose edits would overlap edits already made, other
/// than two such functional replacements, is left unfixed in that pass (Fix All runs again, as Roslyn's batch
/// fixer drops conflicting changes): never a crash, never a half-applied fix.
/// </para>
/// </summary>
public abstract class ArchGateCodeFix : CodeFixProvider
{
    /// <summary>The semantic model is computed only for fixes that need it (<see cref="FixScope.Model"/>).</summary>
    protected virtual bool NeedsSemanticModel => false;

    /// <summary>The title of Fix All; null: Roslyn's default ("Fix all '…' in …").</summary>
    protected virtual string? FixAllTitle => null;

    /// <summary>
    /// A cheap check of the diagnostic alone (its properties), made before the document's root and model are
    /// read; false: nothing is offered.
    /// </summary>
    protected virtual bool IsFixable(Diagnostic diagnostic) => true;

    /// <summary>
    /// The node in <paramref name="scope"/>'s original tree that the fix edits for <paramref name="diagnostic"/>;
    /// null when the fix does not apply. Two diagnostics that find the same node are fixed once.
    /// </summary>
    protected abstract SyntaxNode? FindTarget(FixScope scope, Diagnostic diagnostic);

    /// <summary>The actions offered for a found target: one per title and equivalence key (most fixes offer one).</summary>
    protected abstract IEnumerable<FixOffer> Offers(FixScope scope, SyntaxNode target, Diagnostic diagnostic);

    /// <summary>Records the edits of the chosen action (<paramref name="equivalenceKey"/>) for one target, on nodes of the original tree.</summary>
    protected abstract void Apply(FixEditor editor, FixScope scope, SyntaxNode target, Diagnostic diagnostic, string equivalenceKey);

    /// <summary>A last step over the edited document (imports, usings), given the diagnostics that were fixed, in order.</summary>
    protected virtual Task<Document> CompleteAsync(Document document, IReadOnlyList<Diagnostic> fixedDiagnostics, CancellationToken cancellationToken)
        => Task.FromResult(document);

    public sealed override FixAllProvider GetFixAllProvider() => DocumentFixAll.Instance;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostics = context.Diagnostics.Where(IsFixable).ToImmutableArray();
        if (diagnostics.IsEmpty)
        {
            return;
        }

        var document = context.Document;
        var scope = await FixScope.CreateAsync(document, NeedsSemanticModel, context.CancellationToken).ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            if (FindTarget(scope, diagnostic) is not { } target)
            {
                continue;
            }

            foreach (var offer in Offers(scope, target, diagnostic))
            {
                var key = offer.EquivalenceKey;
                context.RegisterCodeFix(
                    CodeAction.Create(offer.Title, ct => FixDocumentAsync(document, ImmutableArray.Create(diagnostic), key, ct), key),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// Fixes, with the action <paramref name="equivalenceKey"/>, every diagnostic of <paramref name="diagnostics"/>
    /// (all in <paramref name="document"/>) that offers it; the first diagnostic to find a node wins it.
    /// </summary>
    internal async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var fixable = diagnostics.Where(IsFixable).ToImmutableArray();
        if (fixable.IsEmpty)
        {
            return document;
        }

        var scope = await FixScope.CreateAsync(document, NeedsSemanticModel, cancellationToken).ConfigureAwait(false);
        if (scope is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(scope.Root, document.Project.Solution.Services);
        var targets = new HashSet<SyntaxNode>();
        var committed = new List<FixEditor.Edit>();
        var fixedDiagnostics = new List<Diagnostic>();
        foreach (var diagnostic in fixable)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FindTarget(scope, diagnostic) is not { } target || targets.Contains(target))
            {
                continue;
            }

            var offer = Offers(scope, target, diagnostic).FirstOrDefault(o => equivalenceKey is null || o.EquivalenceKey == equivalenceKey);
            if (offer.EquivalenceKey is null)
            {
                continue;
            }

            var edits = new FixEditor();
            Apply(edits, scope, target, diagnostic, offer.EquivalenceKey);
            if (edits.Edits.Count == 0 || edits.Edits.Any(e => committed.Any(e.ConflictsWith)))
            {
                continue;
            }

            targets.Add(target);
            committed.AddRange(edits.Edits);
            foreach (var edit in edits.Edits)
            {
                edit.ApplyTo(editor);
            }

            fixedDiagnostics.Add(diagnostic);
        }

        if (fixedDiagnostics.Count == 0)
        {
            return document;
        }

        var changed = document.WithSyntaxRoot(editor.GetChangedRoot());
        return await CompleteAsync(changed, fixedDiagnostics, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one Fix All of every ArchGate code fix: <see cref="FixDocumentAsync"/> per document.</summary>
    private sealed class DocumentFixAll : DocumentBasedFixAllProvider
    {
        public static readonly DocumentFixAll Instance = new();

        protected override string GetFixAllTitle(FixAllContext fixAllContext)
            => (fixAllContext.CodeFixProvider as ArchGateCodeFix)?.FixAllTitle ?? base.GetFixAllTitle(fixAllContext);

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            => fixAllContext.CodeFixProvider is ArchGateCodeFix fix
                ? await fix.FixDocumentAsync(document, diagnostics, fixAllContext.CodeActionEquivalenceKey, fixAllContext.CancellationToken).ConfigureAwait(false)
                : document;
    }
}

/// <summary>
/// The edits of one fix, each on a node of the original tree; the base applies them once it has checked that
/// they do not overlap the edits of the fixes already applied.
/// </summary>
public sealed class FixEditor
{
    private readonly List<Edit> _edits = new();

    internal IReadOnlyList<Edit> Edits => _edits;

    /// <summary>Replaces <paramref name="node"/> by what <paramref name="replacement"/> makes of it as the earlier edits left it (nested replacements compose).</summary>
    public void Replace(SyntaxNode node, Func<SyntaxNode, SyntaxNode> replacement)
        => _edits.Add(new Edit(node, composes: true, e => e.ReplaceNode(node, (current, _) => replacement(current))));

    /// <summary>Replaces <paramref name="node"/> by <paramref name="newNode"/>, built from the original tree (no other edit may touch it).</summary>
    public void Replace(SyntaxNode node, SyntaxNode newNode)
        => _edits.Add(new Edit(node, composes: false, e => e.ReplaceNode(node, newNode)));

    public void Remove(SyntaxNode node, SyntaxRemoveOptions options)
        => _edits.Add(new Edit(node, composes: false, e => e.RemoveNode(node, options)));

    public void InsertAfter(SyntaxNode node, SyntaxNode newNode)
        => _edits.Add(new Edit(node, composes: false, e => e.InsertAfter(node, newNode)));

    /// <summary>
    /// Inserts <paramref name="newNodes"/> after <paramref name="node"/> (a statement, a member). The node itself
    /// is not changed: edits inside it, and functional replacements of it or around it, still compose.
    /// </summary>
    public void InsertAfter(SyntaxNode node, IEnumerable<SyntaxNode> newNodes)
        => _edits.Add(new Edit(node, composes: true, e => e.InsertAfter(node, newNodes), isInsertion: true));

    /// <summary>Inserts <paramref name="newNodes"/> before <paramref name="node"/>; composes as <see cref="InsertAfter(SyntaxNode, IEnumerable{SyntaxNode})"/>.</summary>
    public void InsertBefore(SyntaxNode node, IEnumerable<SyntaxNode> newNodes)
        => _edits.Add(new Edit(node, composes: true, e => e.InsertBefore(node, newNodes), isInsertion: true));

    internal sealed class Edit
    {
        private readonly Action<SyntaxEditor> _apply;

        public Edit(SyntaxNode node, bool composes, Action<SyntaxEditor> apply, bool isInsertion = false)
        {
            Node = node;
            Composes = composes;
            IsInsertion = isInsertion;
            _apply = apply;
        }

        public SyntaxNode Node { get; }

        /// <summary>A functional replacement or an insertion: may contain, or lie inside, another functional replacement.</summary>
        public bool Composes { get; }

        /// <summary>An insertion next to <see cref="Node"/>, which leaves the node itself as it is.</summary>
        public bool IsInsertion { get; }

        /// <summary>
        /// Two edits of the same node conflict; so do two nested edits unless both are functional replacements.
        /// An insertion next to a node conflicts only with an edit that rebuilds that node or an ancestor from the
        /// original tree (a fixed replacement, a removal), which would lose it.
        /// </summary>
        public bool ConflictsWith(Edit other)
        {
            if (IsInsertion || other.IsInsertion)
            {
                var (insertion, edit) = IsInsertion ? (this, other) : (other, this);
                return !edit.Composes && edit.Node.Contains(insertion.Node);
            }

            return Node == other.Node
                || (Node.Contains(other.Node) || other.Node.Contains(Node)) && !(Composes && other.Composes);
        }

        public void ApplyTo(SyntaxEditor editor) => _apply(editor);
    }
}

/// <summary>One action a code fix offers for a diagnostic: its title and its equivalence key (what Fix All groups by).</summary>
public readonly struct FixOffer
{
    public FixOffer(string title, string equivalenceKey)
    {
        Title = title;
        EquivalenceKey = equivalenceKey;
    }

    public string Title { get; }

    public string EquivalenceKey { get; }

    /// <summary>The single action most fixes offer.</summary>
    public static IEnumerable<FixOffer> One(string title, string equivalenceKey) => new[] { new FixOffer(title, equivalenceKey) };
}

/// <summary>The document a fix works on: its original root and, for fixes that ask for it, its semantic model.</summary>
public sealed class FixScope
{
    private FixScope(Document document, SyntaxNode root, SemanticModel? model, CancellationToken cancellationToken)
    {
        Document = document;
        Root = root;
        Model = model;
        CancellationToken = cancellationToken;
    }

    public Document Document { get; }

    /// <summary>The original root: every target is a node of this tree.</summary>
    public SyntaxNode Root { get; }

    /// <summary>The semantic model; null unless the fix asked for it (<c>NeedsSemanticModel</c>).</summary>
    public SemanticModel? Model { get; }

    public CancellationToken CancellationToken { get; }

    private Dictionary<Type, object>? _passState;

    /// <summary>
    /// State the fixes of one pass share (one document: a single fix, or one document's Fix All), created on first
    /// use; e.g. the names of variables that earlier fixes of the pass declare.
    /// </summary>
    public T PassState<T>()
        where T : class, new()
    {
        _passState ??= new Dictionary<Type, object>();
        if (!_passState.TryGetValue(typeof(T), out var state))
        {
            state = new T();
            _passState[typeof(T)] = state;
        }

        return (T)state;
    }

    internal static async Task<FixScope?> CreateAsync(Document document, bool withModel, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        SemanticModel? model = null;
        if (withModel)
        {
            model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return null;
            }
        }

        return new FixScope(document, root, model, cancellationToken);
    }
}
