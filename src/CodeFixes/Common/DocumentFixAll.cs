using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ArchGate.CodeFixes;

/// <summary>
/// Fix All for a code fix that rewrites one document for a set of its diagnostics at once (the same
/// rewrite the single fix does, given every diagnostic of the document).
/// </summary>
internal sealed class DocumentFixAll : DocumentBasedFixAllProvider
{
    private readonly string _title;
    private readonly Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> _apply;

    public DocumentFixAll(string title, Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> apply)
    {
        _title = title;
        _apply = apply;
    }

    protected override string GetFixAllTitle(FixAllContext fixAllContext) => _title;

    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
        => await _apply(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
}
