using Azure;

namespace GridAid.Functions.Http;

/// <summary>The ways storage being down or unreachable shows up through the Azure SDK, after its own retries.</summary>
public static class StorageFailure
{
    public static bool Is(Exception e) =>
        e is RequestFailedException or HttpRequestException or TimeoutException
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(Is));
}
