using System.Runtime.CompilerServices;
using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ArchGate.Analyzers.Configuration;

/// <summary>
/// AG0012: a <c>[SuppressMessage]</c> of an ArchGate rule (category <c>ArchGate.*</c> or an <c>AGxxxx</c> check id)
/// whose <c>Justification</c> is missing, empty, whitespace or the IDE's "&lt;Pending&gt;" placeholder.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SuppressionJustificationAnalyzer : ArchGateAnalyzer
{
    public static readonly DiagnosticDescriptor SuppressionWithoutJustification = Rules.Create(
        RuleIdentifiers.SuppressionWithoutJustification,
        "ArchGate suppression without justification",
        "[SuppressMessage] silences ArchGate rule '{0}' {1} (ArchGate.Configuration: every ArchGate suppression is a reviewed exception). Write in Justification why the code is safe, e.g. Justification = \"table has 12 rows; reviewed by the DBA\".",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        "A suppressed architecture or migration rule is an exception someone reviewed; the reason belongs next to it so the next reader (and the next agent) can judge whether it still holds.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(SuppressionWithoutJustification);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var attributeType = WellKnownTypes.Resolve(start.Compilation, "System.Diagnostics.CodeAnalysis.SuppressMessageAttribute");
            if (attributeType is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction([MethodImpl(Jit.Optimized)] (node) => AnalyzeAttribute(node, attributeType), SyntaxKind.Attribute);
        });
    }

    [MethodImpl(Jit.Optimized)]
    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var attribute = (AttributeSyntax)context.Node;
        var name = attribute.Name is QualifiedNameSyntax q ? q.Right.Identifier.ValueText
            : attribute.Name is AliasQualifiedNameSyntax a ? a.Name.Identifier.ValueText
            : (attribute.Name as IdentifierNameSyntax)?.Identifier.ValueText;
        if (name is not ("SuppressMessage" or "SuppressMessageAttribute") || attribute.ArgumentList is not { } arguments)
        {
            return;
        }

        if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor
            || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, attributeType))
        {
            return;
        }

        string? category = null;
        string? checkId = null;
        AttributeArgumentSyntax? justification = null;
        var position = 0;
        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameEquals is { } nameEquals)
            {
                if (nameEquals.Name.Identifier.ValueText == "Justification")
                {
                    justification = argument;
                }

                continue;
            }

            var value = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
            var text = value.HasValue ? value.Value as string : null;
            var parameter = argument.NameColon?.Name.Identifier.ValueText ?? (position == 0 ? "category" : position == 1 ? "checkId" : null);
            if (parameter == "category")
            {
                category = text;
            }
            else if (parameter == "checkId")
            {
                checkId = text;
            }

            position++;
        }

        var ruleId = RuleId(checkId);
        var isArchGate = (category is not null && category.StartsWith("ArchGate", StringComparison.OrdinalIgnoreCase)) || ruleId is not null;
        if (!isArchGate)
        {
            return;
        }

        string problem;
        if (justification is null)
        {
            problem = "without a Justification";
        }
        else
        {
            var value = context.SemanticModel.GetConstantValue(justification.Expression, context.CancellationToken);
            if (!value.HasValue)
            {
                return; // a non-constant justification cannot be judged; attribute arguments are constants anyway
            }

            var text = (value.Value as string)?.Trim();
            if (!string.IsNullOrEmpty(text) && !string.Equals(text, "<Pending>", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            problem = string.IsNullOrEmpty(text) ? "with an empty Justification" : "with the placeholder Justification \"<Pending>\"";
        }

        var properties = DiagnosticProperties.For(SuppressionWithoutJustification);
        properties["suppressedRule"] = ruleId ?? checkId;
        properties["category"] = category;
        context.ReportDiagnostic(DiagnosticProperties.Create(SuppressionWithoutJustification, attribute.GetLocation(), properties, ruleId ?? checkId ?? category, problem));
    }

    /// <summary>"AG6001" from "AG6001", "AG6001:DropColumn" or "AG6001 drop column"; null when not an ArchGate id.</summary>
    private static string? RuleId(string? checkId)
    {
        if (checkId is null || checkId.Length < 6 || !checkId.StartsWith("AG", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        for (var i = 2; i < 6; i++)
        {
            if (!char.IsDigit(checkId[i]))
            {
                return null;
            }
        }

        if (checkId.Length > 6 && char.IsLetterOrDigit(checkId[6]))
        {
            return null;
        }

        return checkId.Substring(0, 6).ToUpperInvariant();
    }
}
