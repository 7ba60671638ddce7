using System.Text.Json;
using GridAid.Infrastructure.Events;

namespace GridAid.Infra.Tests;

/// <summary>
/// The example Event Grid subscription (infra/app/eventgrid-subscription.bicep): only with a webhook URL, a subject
/// filter, CloudEvents, the publisher's own event types, and dead letters written with the app's identity into a
/// private container (shared keys are off on the account). Limits: "Event Grid message delivery and retry",
/// https://learn.microsoft.com/azure/event-grid/delivery-and-retry (maximum attempts 1–30, time-to-live 1–1440 minutes).
/// </summary>
[Collection(SharedBicepBuild.Name)]
public sealed class EventSubscriptionTests(BicepTemplateFixture bicep)
{
    private JsonElement Subscription => bicep.SingleOfType("Microsoft.EventGrid/topics/eventSubscriptions").GetProperty("properties");

    [Fact]
    public void It_is_deployed_only_when_a_webhook_url_is_given_and_the_url_is_a_secure_parameter()
    {
        var module = bicep.OfType("Microsoft.Resources/deployments").Single(d => d.GetProperty("name").GetString() == "eventgrid-subscription");
        Assert.Equal("[not(empty(parameters('alertsWebhookUrl')))]", module.GetProperty("condition").GetString());

        var parameter = bicep.Template.RootElement.GetProperty("parameters").GetProperty("alertsWebhookUrl");
        Assert.Equal("securestring", parameter.GetProperty("type").GetString());
        Assert.Equal(string.Empty, parameter.GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void It_filters_by_subject_and_takes_the_publishers_event_types_as_cloud_events()
    {
        var s = Subscription;
        Assert.Equal("CloudEventSchemaV1_0", s.GetProperty("eventDeliverySchema").GetString());
        Assert.Equal("WebHook", s.GetProperty("destination").GetProperty("endpointType").GetString());
        Assert.Equal("[parameters('alertsSubjectPrefix')]", s.GetProperty("filter").GetProperty("subjectBeginsWith").GetString());
        Assert.Equal(
            new[]
            {
                EventGridAlertPublisher.AlertRoutedType, EventGridAlertPublisher.AlertEscalatedType, EventGridAlertPublisher.AlertTransferredType,
                EventGridAlertPublisher.AlertAcknowledgedType, EventGridAlertPublisher.AlertResolvedType,
            }.Order(),
            s.GetProperty("filter").GetProperty("includedEventTypes").EnumerateArray().Select(t => t.GetString()!).Order());

        // The default prefix takes every station, in the subject form the publisher writes ("stations/{id}/reports/{code}").
        var prefix = bicep.Template.RootElement.GetProperty("parameters").GetProperty("alertsSubjectPrefix").GetProperty("defaultValue").GetString()!;
        var subject = EventGridAlertPublisher.ToEvent(SampleAlert()).Subject!;
        Assert.StartsWith(prefix, subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeliverable_events_are_dead_lettered_with_the_apps_identity_into_a_private_container()
    {
        var s = Subscription;
        var retry = s.GetProperty("retryPolicy");
        Assert.InRange(retry.GetProperty("maxDeliveryAttempts").GetInt32(), 1, 30);
        Assert.InRange(retry.GetProperty("eventTimeToLiveInMinutes").GetInt32(), 1, 1440);

        var deadLetter = s.GetProperty("deadLetterWithResourceIdentity");
        Assert.Equal("UserAssigned", deadLetter.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("StorageBlob", deadLetter.GetProperty("deadLetterDestination").GetProperty("endpointType").GetString());
        Assert.False(s.TryGetProperty("deadLetterDestination", out _)); // never the key-based form

        // The topic carries that identity (the one RoleAssignmentTests grants Storage Blob Data Owner), and the container is private.
        var topic = bicep.SingleOfType("Microsoft.EventGrid/topics");
        Assert.Equal("UserAssigned", topic.GetProperty("identity").GetProperty("type").GetString());
        var container = bicep.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(c => c.GetProperty("name").GetString()!.Contains("eventgrid-deadletter", StringComparison.Ordinal));
        Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString());
    }

    private static GridAid.Core.Alerts.Alert SampleAlert()
    {
        var valid = new GridAid.Core.Reports.ValidReport(GridAid.Core.Reports.ReportKind.Tip, "ts-nantianmen", null, "tip", new GridAid.Core.Reports.Contact(null, null), "en", null, new Dictionary<string, string>());
        var report = GridAid.Core.Reports.Report.Receive(valid, "taishan", "K7QM3XRT", DateTimeOffset.UnixEpoch);
        return GridAid.Core.Alerts.Alert.For(report, "ts-daiding-police", ["ts-daiding-police"], null, DateTimeOffset.UnixEpoch);
    }
}
