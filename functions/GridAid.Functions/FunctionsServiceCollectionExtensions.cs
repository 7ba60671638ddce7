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
using GridAid.Functions.Stations;
using GridAid.Infrastructure;
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
        services.AddSingleton<FailedMessages>();
        services.AddSingleton<AlertActions>();
        services.AddSingleton<ItemMatches>();
        services.AddSingleton<PersonMatches>();
        services.AddSingleton<HandoverCheck>();
        services.AddSingleton<MatchActions>();
        services.AddSingleton<UnansweredEscalation>();
        services.AddSingleton<ResolvedReportRedaction>();
        services.AddSingleton<UnattendedReportClosing>();
        services.AddSingleton<ScheduledChecks>();
        services.AddSingleton<DirectoryAdmin>();

        return services;
    }
}
