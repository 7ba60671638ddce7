using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GridAid.TestSupport;

namespace GridAid.Benchmarks;

/// <summary>
/// The built local host as a child process (<c>dotnet GridAid.LocalHost.dll --urls …</c>, next to the benchmark),
/// configured by environment variables, on one port across restarts, so that it can be killed (SIGKILL) and started
/// again, as <c>tests/GridAid.FaultTests</c> does.
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    private ChildHost(int port, IReadOnlyDictionary<string, string> environment)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _environment = environment;
    }

    public Uri BaseAddress { get; }

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "GridAid.LocalHost.dll");

    /// <summary>Every line the host wrote (warnings and errors at the log level the benchmark sets).</summary>
    public IReadOnlyList<string> Log => [.. _log];

    public static async Task<ChildHost> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException("The local host is not next to the benchmark.", DllPath);
        }

        var host = new ChildHost(FreePorts.Take(1)[0], environment);
        await host.StartAgainAsync(ct);
        return host;
    }

    /// <summary>Starts the process (again, after <see cref="KillAsync"/>) and waits until its health check answers 200.</summary>
    public async Task StartAgainAsync(CancellationToken ct)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The local host is still running.");
        }

        _process?.Dispose();
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(DllPath);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
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
        await WaitReadyAsync(process, ct);
    }

    /// <summary>SIGKILL: nothing runs on the way out (no graceful stop, no message released).</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The local host is not running.");
        process.Kill();
        await process.WaitForExitAsync();
    }

    public string LogTail(int lines = 30) => string.Join(Environment.NewLine, _log.TakeLast(lines));

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 5000 && _log.TryDequeue(out _))
        {
        }
    }

    private async Task WaitReadyAsync(Process process, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {process.ExitCode}:{Environment.NewLine}{LogTail()}");
            }

            try
            {
                using var health = await http.GetAsync(new Uri("api/health", UriKind.Relative), ct);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Not listening yet.
            }

            await Task.Delay(50, ct);
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
