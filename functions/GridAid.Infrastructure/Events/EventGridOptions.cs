namespace GridAid.Infrastructure.Events;

/// <summary>
/// Where alerts are published. Unset locally (alerts still reach inboxes); in Azure the topic endpoint,
/// reached with the app's managed identity. <see cref="Key"/> is for local test endpoints only.
/// </summary>
public sealed class EventGridOptions
{
    public const string Section = "EventGrid";

    public Uri? TopicEndpoint { get; set; }

    public string? Key { get; set; }

    public string? ClientId { get; set; }
}
