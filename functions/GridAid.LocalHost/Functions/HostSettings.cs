using System.Globalization;
using System.Text.Json.Nodes;

namespace GridAid.LocalHost.Functions;

/// <summary>The queue settings of host.json's <c>extensions.queues</c>, with the Functions host's defaults.</summary>
public sealed record QueueSettings
{
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public int BatchSize { get; init; } = 16;

    public int? NewBatchThresholdSetting { get; init; }

    public int NewBatchThreshold => NewBatchThresholdSetting ?? BatchSize / 2;

    public int MaxDequeueCount { get; init; } = 5;

    public string MessageEncoding { get; init; } = "base64";

    /// <summary>The shortest wait between polls of an empty queue (the Functions host's own floor).</summary>
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
}

/// <summary>What the local host reads from host.json: the HTTP route prefix and the queue settings.</summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    public static HostSettings Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? new JsonObject();
        var extensions = root["extensions"];
        var prefix = extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
        var q = extensions?["queues"];
        var defaults = new QueueSettings();
        var queues = new QueueSettings
        {
            MaxPollingInterval = Time(q?["maxPollingInterval"]) ?? defaults.MaxPollingInterval,
            VisibilityTimeout = Time(q?["visibilityTimeout"]) ?? defaults.VisibilityTimeout,
            BatchSize = q?["batchSize"]?.GetValue<int>() ?? defaults.BatchSize,
            NewBatchThresholdSetting = q?["newBatchThreshold"]?.GetValue<int>(),
            MaxDequeueCount = q?["maxDequeueCount"]?.GetValue<int>() ?? defaults.MaxDequeueCount,
            MessageEncoding = q?["messageEncoding"]?.GetValue<string>() ?? defaults.MessageEncoding,
        };
        if (!string.Equals(queues.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException("The local host reads Base64 queue messages, as host.json sets them.");
        }

        return new HostSettings(prefix.Trim('/'), queues);
    }

    private static TimeSpan? Time(JsonNode? node) =>
        node?.GetValue<string>() is { } s ? TimeSpan.Parse(s, CultureInfo.InvariantCulture) : null;
}
