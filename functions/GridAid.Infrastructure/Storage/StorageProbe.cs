using GridAid.Infrastructure.Tables;

namespace GridAid.Infrastructure.Storage;

/// <summary>What the health check found.</summary>
public enum StorageState
{
    Healthy,

    /// <summary>Storage answers, but the default area is not in the directory: an accepted report would have nowhere to go.</summary>
    AreaMissing,

    /// <summary>Table or Queue storage did not answer in time.</summary>
    Unreachable,
}

/// <summary>Asks Table and Queue storage one cheap question each, within a time limit.</summary>
public sealed class StorageProbe(StorageClients storage, DirectoryStore directory)
{
    public async Task<(StorageState State, Exception? Failure)> CheckAsync(string areaId, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            var areaExists = await directory.AreaExistsAsync(areaId, cts.Token);
            await storage.Queue(QueueNames.Intake).GetPropertiesAsync(cts.Token);
            return (areaExists ? StorageState.Healthy : StorageState.AreaMissing, null);
        }
        catch (Exception e) when (e is OperationCanceledException || StorageFailure.Is(e))
        {
            return (StorageState.Unreachable, e);
        }
    }
}
