using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GridAid.Infrastructure.Identity;
using Microsoft.Extensions.Options;

namespace GridAid.Infrastructure.Storage;

/// <summary>Builds the Table, Queue and Blob clients once, from the one storage setting; identity-based in Azure.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options, TableClientOptions? tableOptions = null, QueueClientOptions? queueOptions = null, BlobClientOptions? blobOptions = null)
    {
        var o = options.Value;
        tableOptions ??= new TableClientOptions();
        queueOptions ??= new QueueClientOptions();
        blobOptions ??= new BlobClientOptions();
        BoundRetries(tableOptions.Retry);
        BoundRetries(queueOptions.Retry);
        BoundRetries(blobOptions.Retry);

        // The Functions queue trigger reads Base64 message text by default (host.json messageEncoding).
        queueOptions.MessageEncoding = QueueMessageEncoding.Base64;

        if (o.UsesConnectionString)
        {
            Tables = new TableServiceClient(o.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(o.ConnectionString, queueOptions);
            _blobs = new Lazy<BlobServiceClient>(() => new BlobServiceClient(o.ConnectionString, blobOptions));
            return;
        }

        var tableUri = o.TableServiceUri ?? AccountUri(o, "table");
        var queueUri = o.QueueServiceUri ?? AccountUri(o, "queue");
        var credential = AppCredential.For(o.ClientId);
        Tables = new TableServiceClient(tableUri, credential, tableOptions);
        Queues = new QueueServiceClient(queueUri, credential, queueOptions);
        // Built when first used: the operator's tool, given only the table and queue endpoints, never needs it.
        _blobs = new Lazy<BlobServiceClient>(() => new BlobServiceClient(o.BlobServiceUri ?? AccountUri(o, "blob"), credential, blobOptions));
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    private readonly Lazy<BlobServiceClient> _blobs;

    public BlobServiceClient Blobs => _blobs.Value;

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    /// <summary>Creates every table, queue and blob container the app uses; safe to call many times.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        foreach (var table in TableNames.All)
        {
            await Table(table).CreateIfNotExistsAsync(ct);
        }

        foreach (var queue in QueueNames.All)
        {
            await Queue(queue).CreateIfNotExistsAsync(cancellationToken: ct);
        }

        foreach (var container in ContainerNames.All)
        {
            // Private: Azure.Storage.Blobs.Models.PublicAccessType.None is the default of CreateIfNotExists.
            await Container(container).CreateIfNotExistsAsync(cancellationToken: ct);
        }
    }

    /// <summary>
    /// A call to storage that hangs gives up after <see cref="NetworkTimeout"/> and a few quick retries, instead of the
    /// SDK's 100-second default: callers with a deadline (intake answers within 5 s) set their own budget on top.
    /// </summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(5);

    private static void BoundRetries(Azure.Core.RetryOptions retry)
    {
        retry.Mode = Azure.Core.RetryMode.Exponential;
        retry.MaxRetries = 3;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = NetworkTimeout;
    }

    private static Uri AccountUri(StorageOptions o, string service) =>
        o.AccountName is { Length: > 0 } name
            ? new Uri($"https://{name}.{service}.core.windows.net")
            : throw new InvalidOperationException(
                $"Set {StorageOptions.SettingName} to a connection string, or {StorageOptions.SettingName}__{service}ServiceUri / __accountName for identity-based access.");
}
