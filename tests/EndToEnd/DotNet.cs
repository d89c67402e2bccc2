using System.Diagnostics;
using System.Text;

namespace ArchGate.EndToEnd;

/// <summary>The result of one dotnet process.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The command and its output, for assertion messages (the end of long outputs).</summary>
    public string Describe()
    {
        const int Max = 30_000;
        var output = Output.Length > Max ? "...\n" + Output[^Max..] : Output;
        return $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F0}s. Output:\n{output}";
    }
}

/// <summary>Runs the real dotnet CLI, with an environment free of the test host's MSBuild settings.</summary>
public static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    // Set by `dotnet test` for the host process; a child build must locate its own SDK.
    private static readonly string[] InheritedVariablesToDrop =
    {
        "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
        "MSBUILDNOINPROCNODE", "DOTNET_HOST_PATH",
    };

    public static ProcessResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedVariablesToDrop)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        var gate = new object();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (gate)
            {
                output.AppendLine($"*** killed after {Timeout.TotalMinutes} minutes ***");
            }

            return new ProcessResult(CommandLine(arguments), -1, output.ToString(), stopwatch.Elapsed);
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        lock (gate)
        {
            return new ProcessResult(CommandLine(arguments), process.ExitCode, output.ToString(), stopwatch.Elapsed);
        }
    }

    private static string CommandLine(string[] arguments) =>
        "dotnet " + string.Join(" ", arguments.Select(a => a.Contains(' ') ? "\"" + a + "\"" : a));
}
