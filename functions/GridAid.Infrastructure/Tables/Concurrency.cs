namespace GridAid.Infrastructure.Tables;

/// <summary>Optimistic concurrency: how often a conditional write is retried before giving up loudly.</summary>
internal static class Concurrency
{
    public const int MaxAttempts = 5;

    public static InvalidOperationException KeptChanging(string what) =>
        new($"The {what} kept changing under concurrent writers; the operation will be retried.");
}
