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

/// <summary>
/// What the local host reads from host.json: the HTTP route prefix and the queue settings. As in the Functions host, an
/// app setting <c>AzureFunctionsJobHost__extensions__queues__maxPollingInterval</c> (configuration key
/// <c>AzureFunctionsJobHost:extensions:queues:maxPollingInterval</c>) overrides the file's value ("Override host.json
/// values", https://learn.microsoft.com/azure/azure-functions/functions-host-json#override-hostjson-values); the
/// settings stay global to the app, as the host's are: there is no per-queue or per-function interval.
/// </summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    /// <summary>The configuration section that overrides host.json (an app setting's <c>__</c> is a <c>:</c> here).</summary>
    public const string OverrideSection = "AzureFunctionsJobHost";

    public static HostSettings Load(string path, IConfiguration? overrides = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? new JsonObject();
        var extensions = root["extensions"];
        var set = overrides?.GetSection(OverrideSection).GetSection("extensions");
        string? Setting(string section, string name) =>
            set?.GetSection(section)[name] is { Length: > 0 } value ? value : extensions?[section]?[name]?.ToString();
        int? Number(string name) => Setting("queues", name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : null;

        var prefix = Setting("http", "routePrefix") ?? "api";
        var defaults = new QueueSettings();
        var queues = new QueueSettings
        {
            MaxPollingInterval = Time(Setting("queues", "maxPollingInterval")) ?? defaults.MaxPollingInterval,
            VisibilityTimeout = Time(Setting("queues", "visibilityTimeout")) ?? defaults.VisibilityTimeout,
            BatchSize = Number("batchSize") ?? defaults.BatchSize,
            NewBatchThresholdSetting = Number("newBatchThreshold"),
            MaxDequeueCount = Number("maxDequeueCount") ?? defaults.MaxDequeueCount,
            MessageEncoding = Setting("queues", "messageEncoding") ?? defaults.MessageEncoding,
        };
        if (!string.Equals(queues.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException("The local host reads Base64 queue messages, as host.json sets them.");
        }

        return new HostSettings(prefix.Trim('/'), queues);
    }

    private static TimeSpan? Time(string? s) => s is null ? null : TimeSpan.Parse(s, CultureInfo.InvariantCulture);
}
