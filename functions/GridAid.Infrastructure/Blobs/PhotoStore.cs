using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GridAid.Core.Photos;
using GridAid.Infrastructure.Storage;

namespace GridAid.Infrastructure.Blobs;

/// <summary>
/// Reports' photos in the private <see cref="ContainerNames.Photos"/> container, at fixed names
/// (<see cref="PhotoRules.BlobName"/>): a retried upload overwrites the same blobs, never adds more.
/// </summary>
public sealed class PhotoStore(StorageClients storage)
{
    // Asked for when used: the Blob client is made on first use (StorageClients.Blobs).
    private BlobContainerClient Container => storage.Container(ContainerNames.Photos);

    private static readonly BlobUploadOptions Upload = new() { HttpHeaders = new BlobHttpHeaders { ContentType = PhotoRules.ContentType } };

    /// <summary>Writes photo n = 1, 2, … and its thumbnail (overwriting what a first attempt wrote).</summary>
    public async Task PutAllAsync(string areaId, string trackingCode, IReadOnlyList<CleanPhoto> photos, CancellationToken ct)
    {
        var writes = new List<Task>(photos.Count * 2);
        for (var i = 0; i < photos.Count; i++)
        {
            writes.Add(Container.GetBlobClient(PhotoRules.BlobName(areaId, trackingCode, i + 1, thumbnail: false)).UploadAsync(new BinaryData(photos[i].Full), Upload, ct));
            writes.Add(Container.GetBlobClient(PhotoRules.BlobName(areaId, trackingCode, i + 1, thumbnail: true)).UploadAsync(new BinaryData(photos[i].Thumbnail), Upload, ct));
        }

        await Task.WhenAll(writes);
    }

    /// <summary>Photo n (or its thumbnail) as stored; null when there is no such blob.</summary>
    public async Task<byte[]?> GetAsync(string areaId, string trackingCode, int n, bool thumbnail, CancellationToken ct)
    {
        try
        {
            var content = await Container.GetBlobClient(PhotoRules.BlobName(areaId, trackingCode, n, thumbnail)).DownloadContentAsync(ct);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Deletes every photo and thumbnail of a report; safe to repeat. Returns how many blobs went.</summary>
    public async Task<int> DeleteAllAsync(string areaId, string trackingCode, CancellationToken ct)
    {
        var deleted = 0;
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, PhotoRules.Prefix(areaId, trackingCode), ct))
        {
            if ((await Container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }
}
