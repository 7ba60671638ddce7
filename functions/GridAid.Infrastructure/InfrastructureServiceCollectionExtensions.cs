using Azure;
using Azure.Messaging.EventGrid;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Identity;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridAid.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Storage clients, stores and the alert publisher, configured from <c>AzureWebJobsStorage</c> and <c>EventGrid</c>.</summary>
    public static IServiceCollection AddGridAidInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Configure(o =>
        {
            var section = configuration.GetSection(StorageOptions.SettingName);
            o.ConnectionString = section.Value;
            section.Bind(o);
        });
        services.AddOptions<EventGridOptions>().Bind(configuration.GetSection(EventGridOptions.Section));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageClients>(sp => new StorageClients(sp.GetRequiredService<IOptions<StorageOptions>>()));
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<Blobs.PhotoStore>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<DirectoryCache>();
        services.AddSingleton<IntakeQueueSender>();
        services.AddSingleton<ScheduledCheckSender>();
        services.AddSingleton<PoisonStore>();
        services.AddSingleton<PoisonQueueReader>();
        services.AddSingleton<StorageProbe>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<ChannelStore>();
        services.AddSingleton<CannedReplyStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<CustodyStore>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<FigureStore>();
        services.AddSingleton<InspectionStore>();
        services.AddSingleton<DisputeStore>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<GridAid.Core.Figures.IFigureRecorder>(sp => sp.GetRequiredService<FigureStore>());
        services.AddSingleton<IAlertPublisher>(sp => new BestEffortAlertPublisher(
            CreatePublisher(sp.GetRequiredService<IOptions<EventGridOptions>>().Value),
            sp.GetRequiredService<ILogger<BestEffortAlertPublisher>>()));
        return services;
    }

    private static IAlertPublisher CreatePublisher(EventGridOptions o)
    {
        if (o.TopicEndpoint is null)
        {
            return new NoAlertPublisher();
        }

        if (o.Key is { Length: > 0 } key)
        {
            return new EventGridAlertPublisher(new EventGridPublisherClient(o.TopicEndpoint, new AzureKeyCredential(key)));
        }

        return new EventGridAlertPublisher(new EventGridPublisherClient(o.TopicEndpoint, AppCredential.For(o.ClientId)));
    }
}
