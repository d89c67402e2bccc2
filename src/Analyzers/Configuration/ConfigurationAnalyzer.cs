using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ArchGate.Analyzers.Configuration;

/// <summary>
/// Reports every problem of archgate.json (AG0001-AG0011) at its line and column in the file itself.
/// Runs as an additional-file action, so the problems show live in the IDE.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationAnalyzer : ArchGateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        ConfigDescriptors.SyntaxError,
        ConfigDescriptors.UnknownKey,
        ConfigDescriptors.WrongType,
        ConfigDescriptors.UnknownLayer,
        ConfigDescriptors.BadPattern,
        ConfigDescriptors.Duplicate,
        ConfigDescriptors.LayerMissingFromDependencies,
        ConfigDescriptors.DependencyCycle,
        ConfigDescriptors.InvalidValue,
        ConfigDescriptors.MultipleFiles);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var files = ConfigLoader.FindConfigFiles(start.Options, start.CancellationToken);
            if (files.IsEmpty)
            {
                return;
            }

            start.RegisterAdditionalFileAction(fileContext =>
            {
                if (!ConfigLoader.IsConfigFile(fileContext.Options, fileContext.AdditionalFile))
                {
                    return;
                }

                var file = fileContext.AdditionalFile;
                if (files.Length > 1 && !ReferenceEquals(file, files[0]) && !string.Equals(file.Path, files[0].Path, System.StringComparison.Ordinal))
                {
                    var multiple = DiagnosticProperties.For(ConfigDescriptors.MultipleFiles);
                    multiple["configFile"] = file.Path;
                    fileContext.ReportDiagnostic(DiagnosticProperties.Create(ConfigDescriptors.MultipleFiles,
                        Location.Create(file.Path, default, default), multiple,
                        $"this project sees more than one ArchGate configuration file: '{files[0].Path}' is used, '{file.Path}' is not. Keep one archgate.json for the solution (or point ArchGateConfigFile at one)."));
                    return;
                }

                var result = ConfigLoader.Read(file, start, fileContext.CancellationToken);
                var text = file.GetText(fileContext.CancellationToken);
                foreach (var problem in result.Problems)
                {
                    var location = text is null
                        ? Location.Create(file.Path, default, default)
                        : Location.Create(file.Path, Clamp(problem.Span, text.Length), text.Lines.GetLinePositionSpan(Clamp(problem.Span, text.Length)));
                    var properties = DiagnosticProperties.For(problem.Descriptor, configPath: problem.ConfigPath);
                    properties["configFile"] = file.Path;
                    fileContext.ReportDiagnostic(DiagnosticProperties.Create(problem.Descriptor, location, properties, problem.Message));
                }
            });
        });
    }

    private static TextSpan Clamp(TextSpan span, int length)
    {
        var start = span.Start > length ? length : span.Start;
        var end = span.End > length ? length : span.End;
        return TextSpan.FromBounds(start, end);
    }
}
