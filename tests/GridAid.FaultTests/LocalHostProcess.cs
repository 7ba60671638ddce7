using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using GridAid.TestSupport;

namespace GridAid.FaultTests;

/// <summary>
/// The built local host as a process (<c>dotnet GridAid.LocalHost.dll --urls …</c>), configured by environment
/// variables as a deployment would be, on one port across restarts, so that it can be killed (SIGKILL) and started again.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    private LocalHostProcess(int port, IReadOnlyDictionary<string, string> environment)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        _environment = environment;
    }

    public Uri BaseAddress { get; }

    /// <summary>The local host's build output, of the configuration these tests were built in.</summary>
    public static string DllPath()
    {
        var configuration = typeof(LocalHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return RepoPaths.Combine("functions", "GridAid.LocalHost", "bin", configuration, "net10.0", "GridAid.LocalHost.dll");
    }

    public static async Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var host = new LocalHostProcess(FreePorts.Take(1)[0], environment);
        await host.StartAgainAsync();
        return host;
    }

    /// <summary>Starts the process (again, after <see cref="KillAsync"/>) and waits until its health check answers 200.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The local host is still running.");
        }

        _process?.Dispose();
        var info = new ProcessStartInfo("dotnet", [DllPath(), "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitReadyAsync(process);
    }

    /// <summary>SIGKILL: nothing runs on the way out (no graceful stop, no message released).</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The local host is not running.");
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>The last lines the host wrote (warnings and errors), for a failure message.</summary>
    public string LogTail(int lines = 40) => string.Join(Environment.NewLine, _log.TakeLast(lines));

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 2000 && _log.TryDequeue(out _))
        {
        }
    }

    private async Task WaitReadyAsync(Process process)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {process.ExitCode}:{Environment.NewLine}{LogTail()}");
            }

            try
            {
                using var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The local host was not healthy within {ReadyTimeout.TotalSeconds} s:{Environment.NewLine}{LogTail()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
