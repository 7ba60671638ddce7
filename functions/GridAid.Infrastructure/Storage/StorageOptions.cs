namespace GridAid.Infrastructure.Storage;

/// <summary>
/// The one storage setting, read the way the Functions host reads it: <c>AzureWebJobsStorage</c> is either a
/// connection string (<c>UseDevelopmentStorage=true</c> locally) or, in Azure, a section of identity-based settings
/// (<c>AzureWebJobsStorage__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__blobServiceUri</c>, <c>__credential</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageOptions
{
    public const string SettingName = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>The photos' Blob endpoint (<c>AzureWebJobsStorage__blobServiceUri</c>, which the Functions host reads too).</summary>
    public Uri? BlobServiceUri { get; set; }

    public string? AccountName { get; set; }

    public string? ClientId { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);
}
