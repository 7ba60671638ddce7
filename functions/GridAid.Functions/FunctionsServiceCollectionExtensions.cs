using GridAid.Functions.Channels;
using GridAid.Functions.Directory;
using GridAid.Functions.Intake;
using GridAid.Functions.Lanes;
using GridAid.Functions.Limits;
using GridAid.Functions.Matching;
using GridAid.Functions.Poison;
using GridAid.Functions.Reports;
using GridAid.Functions.Retention;
using GridAid.Functions.Routing;
using GridAid.Functions.Scheduling;
using GridAid.Functions.SignIn;
using GridAid.Functions.Stations;
using GridAid.Functions.Telemetry;
using GridAid.Infrastructure;
using GridAid.Infrastructure.Events;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Everything the functions need: settings, storage, the access gate and the handlers. The function classes themselves
    /// are not registered here: the worker activates them, and the local host registers them from its catalog.
    /// </summary>
    public static IServiceCollection AddGridAid(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GridAidOptions>().Bind(configuration.GetSection(GridAidOptions.Section));
        services.AddGridAidInfrastructure(configuration);
        services.AddGridAidTelemetry(configuration);

        services.AddDemoSeeding(configuration);
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AccessGate>();
        services.AddGridAidLimits();
        services.AddSingleton<TrackingCodeKey>();
        services.AddSingleton<UrgentFirst>();
        services.AddSingleton<ReportIntake>();
        services.AddSingleton<ReportAcceptance>();
        services.AddSingleton<ReportRouting>();
        services.AddOptions<SweeperOptions>().Bind(configuration.GetSection(SweeperOptions.Section));
        services.AddSingleton<StrandedReportSweeper>();
        services.AddSingleton<DutyStationFallback>();
        services.AddSingleton<PoisonRecorder>();
        services.AddSingleton<PoisonSweep>();
        services.AddSingleton<FailedMessages>();
        services.AddSingleton<Figures.ReportFigures>();
        services.AddSingleton<Figures.Feedbacks>();
        services.AddOptions<Infrastructure.Tables.FigureStoreOptions>()
            .Configure<IOptions<GridAidOptions>>((figures, o) => figures.LocalOffset = o.Value.AreaUtcOffset);
        services.AddSingleton<AlertActions>();
        services.AddSingleton<ItemMatches>();
        services.AddSingleton<PersonMatches>();
        services.AddSingleton<HandoverCheck>();
        services.AddSingleton<MatchActions>();
        services.AddSingleton<Custody.CustodyActions>();
        services.AddSingleton<Custody.CustodyReminders>();
        services.AddSingleton<Replies.ReplyActions>();
        services.AddSingleton<Duplicates.DuplicateFlagging>();
        services.AddSingleton<Photos.ReportPhotos>();
        services.AddSingleton<UnansweredEscalation>();
        services.AddSingleton<ResolvedReportRedaction>();
        services.AddSingleton<UnattendedReportClosing>();
        services.AddSingleton<ScheduledChecks>();
        services.AddSingleton<DirectoryAdmin>();
        services.AddSingleton<Inspections.VenueInspections>();
        services.AddSingleton<Disputes.DisputeWarnings>();
        services.AddSingleton<DeviceSignIns>();
        services.AddGridAidChannels();

        return services;
    }

    /// <summary>
    /// The channels: the one named HTTP client (<see cref="ChannelHttp"/>), the handlers, and the fan-out wrapped around the
    /// event publisher, so that every new alert and stand-down also queues its channel deliveries.
    /// </summary>
    private static void AddGridAidChannels(this IServiceCollection services)
    {
        services.AddHttpClient(ChannelHttp.Name, (sp, c) => c.Timeout = sp.GetRequiredService<IOptions<GridAidOptions>>().Value.Channels.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => ChannelHttp.Handler(sp.GetRequiredService<IOptions<GridAidOptions>>().Value.Channels));
        services.AddSingleton<ChannelPoster>();
        services.AddSingleton<ChannelDelivery>();
        services.AddSingleton<ChannelAdmin>();
        var events = services.Last(d => d.ServiceType == typeof(IAlertPublisher));
        services.Remove(events);
        services.AddSingleton<IAlertPublisher>(sp => new ChannelFanOut(
            (IAlertPublisher)(events.ImplementationFactory?.Invoke(sp) ?? events.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, events.ImplementationType!)),
            sp.GetRequiredService<ChannelStore>(), sp.GetRequiredService<DeliverySender>(), sp.GetRequiredService<IOptions<GridAidOptions>>(), sp.GetRequiredService<TimeProvider>()));
    }
}
