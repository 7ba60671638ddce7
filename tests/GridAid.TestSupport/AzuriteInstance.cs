using System.Diagnostics;
using System.Net.Sockets;

namespace GridAid.TestSupport;

/// <summary>
/// A real Azurite (from the repository's node_modules) on free ports, in memory, for one test run; or, with a data
/// folder (<see cref="StartAsync(string)"/>), on disk, so that fault tests can freeze it (<see cref="Freeze"/>),
/// stop it (<see cref="StopAsync"/>: SIGTERM, Azurite saves on exit) and start it again on the same folder and ports
/// (<see cref="RestartAsync"/>). Run <c>npm ci</c> first; the test command does.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? _location;
    private Process _process;

    private AzuriteInstance(Process process, int blobPort, int queuePort, int tablePort, string? location)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        _location = location;
    }

    /// <summary>The Azurite (node) process, for signals.</summary>
    public int ProcessId => _process.Id;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    /// <summary>Starts Azurite in memory.</summary>
    public static Task<AzuriteInstance> StartAsync() => StartAsync(location: null);

    /// <summary>Starts Azurite keeping its data in <paramref name="location"/> (in memory when null).</summary>
    public static async Task<AzuriteInstance> StartAsync(string? location)
    {
        for (var attempt = 0; ; attempt++)
        {
            var ports = FreePorts.Take(3);
            var instance = new AzuriteInstance(Launch(ports[0], ports[1], ports[2], location), ports[0], ports[1], ports[2], location);
            if (await instance.WaitReadyAsync(TimeSpan.FromSeconds(30)))
            {
                return instance;
            }

            await instance.DisposeAsync();
            if (attempt >= 2)
            {
                throw new InvalidOperationException("Azurite did not open its ports.");
            }
        }
    }

    /// <summary>Freezes the process (SIGSTOP): connections are accepted by the kernel and never answered, as a hung storage account.</summary>
    public void Freeze() => ProcessSignals.Send(_process, "STOP");

    /// <summary>Lets a frozen process go on (SIGCONT).</summary>
    public void Resume() => ProcessSignals.Send(_process, "CONT");

    /// <summary>Stops Azurite as a service manager would (SIGTERM, then waits): it writes its data folder on exit.</summary>
    public async Task StopAsync()
    {
        ProcessSignals.Send(_process, "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Starts Azurite again after <see cref="StopAsync"/>, on the same ports and data folder.</summary>
    public async Task RestartAsync()
    {
        if (_location is null)
        {
            throw new InvalidOperationException("An in-memory Azurite has nothing to restart with: start it with a data folder.");
        }

        if (!_process.HasExited)
        {
            throw new InvalidOperationException("Azurite is still running: stop it first.");
        }

        _process.Dispose();
        _process = Launch(BlobPort, QueuePort, TablePort, _location);
        if (!await WaitReadyAsync(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("Azurite did not open its ports again.");
        }
    }

    private static Process Launch(int blobPort, int queuePort, int tablePort, string? location)
    {
        var azurite = RepoPaths.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' in {RepoPaths.Root}.");
        }

        var info = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(blobPort), "--queuePort", Port(queuePort), "--tablePort", Port(tablePort),
        }.Concat(persistence))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (await IsOpenAsync(QueuePort) && await IsOpenAsync(TablePort) && await IsOpenAsync(BlobPort))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<bool> IsOpenAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A frozen process ignores every signal but SIGKILL and SIGCONT: let it go on, then kill it.
            ProcessSignals.TrySend(_process, "CONT");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
