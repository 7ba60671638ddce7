using System.Diagnostics;
using System.Globalization;
using System.Net;
using GridAid.TestSupport;

namespace GridAid.Benchmarks;

/// <summary>Cold start: <c>dotnet GridAid.LocalHost.dll</c> as a new process → its first HTTP answer → its first 202 for a report.</summary>
public static class ColdStartMode
{
    public static async Task<ColdStartResult> RunAsync(string connectionString, BenchmarkOptions o, Progress log, CancellationToken ct)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "GridAid.LocalHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The local host is not next to the benchmark.", dll);
        }

        var firstResponse = new List<double>();
        var first202 = new List<double>();
        for (var run = 0; run < o.ColdStartRuns; run++)
        {
            var port = FreePorts.Take(1)[0];
            var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
            var info = new ProcessStartInfo("dotnet")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add(url);
            info.Environment["AzureWebJobsStorage"] = connectionString;
            info.Environment["GridAid__SeedDemoData"] = "true";
            info.Environment["Logging__LogLevel__Default"] = "Warning";

            using var http = Workload.CreateClient(new Uri(url + "/"));
            http.Timeout = TimeSpan.FromSeconds(5);
            var workload = new Workload(http);
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                double? responded = null;
                while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"The local host exited with code {process.ExitCode}.");
                    }

                    var s = await workload.SubmitAsync(workload.Next(), ct: ct);
                    if (s.Status is not null)
                    {
                        responded ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }

                    if (s.Status == HttpStatusCode.Accepted)
                    {
                        firstResponse.Add(Math.Round(responded!.Value));
                        first202.Add(Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                        log.Line($"cold start {run + 1}/{o.ColdStartRuns}: first answer {responded:F0} ms, first 202 {first202[^1]:F0} ms");
                        break;
                    }

                    await Task.Delay(10, ct);
                }
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(ct);
                }
            }
        }

        var sorted = first202.Order().ToList();
        var median = sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
        return new ColdStartResult(firstResponse, first202, median, $"dotnet {Path.GetFileName(dll)} --urls http://127.0.0.1:<free port>");
    }
}
