using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace GridAid.Infra.Tests;

/// <summary>Result of one Bicep CLI invocation.</summary>
public sealed record BicepResult(int ExitCode, string StdOut, string StdErr)
{
    public string Output => StdOut + StdErr;
}

/// <summary>Runs the Bicep CLI restored by the Azure.Bicep.CommandLine package.</summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// BICEP_PATH wins; otherwise the path MSBuild saw as $(BicepPath), stored as assembly metadata.
    /// The package's props build it with Windows separators, so they are normalised here.
    /// </summary>
    public static string ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("BICEP_PATH");
            if (string.IsNullOrWhiteSpace(path))
            {
                path = typeof(BicepCli).Assembly
                    .GetCustomAttributes<AssemblyMetadataAttribute>()
                    .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                throw new InvalidOperationException(
                    "No Bicep CLI: $(BicepPath) was empty at build time and BICEP_PATH is not set.");
            }

            if (Path.DirectorySeparatorChar != '\\')
            {
                path = path.Replace('\\', Path.DirectorySeparatorChar);
            }

            path = Path.GetFullPath(path);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Bicep CLI not found at '{path}'.", path);
            }

            return path;
        }
    }

    public static BicepResult Run(string workingDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        process.WaitForExit(); // flush the async readers
        return new BicepResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
