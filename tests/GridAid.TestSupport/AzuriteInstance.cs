using System.Diagnostics;
using System.Net.Sockets;

namespace GridAid.TestSupport;

/// <summary>
/// A real Azurite (from the repository's node_modules) on free ports, in memory, for one test run.
/// Run <c>npm ci</c> first; the test command does.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private AzuriteInstance(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    public static async Task<AzuriteInstance> StartAsync()
    {
        var azurite = RepoPaths.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run 'npm ci' in {RepoPaths.Root}.");
        }

        for (var attempt = 0; ; attempt++)
        {
            var ports = FreePorts.Take(3);
            var info = new ProcessStartInfo(azurite)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--inMemoryPersistence", "--loose",
                "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture), "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            {
                info.ArgumentList.Add(arg);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var instance = new AzuriteInstance(process, ports[0], ports[1], ports[2]);
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
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
