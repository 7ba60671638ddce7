using Azure;

namespace GridAid.Infrastructure.Storage;

/// <summary>The one definition of "storage is down or unreachable", as it shows through the Azure SDK after its own retries.</summary>
public static class StorageFailure
{
    public static bool Is(Exception e) =>
        e is RequestFailedException or HttpRequestException or TimeoutException
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(Is));
}
