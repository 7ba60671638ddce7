using GridAid.Functions.Admin;
using GridAid.Functions.Auth;
using GridAid.Functions.Directory;
using GridAid.Functions.Health;
using GridAid.Functions.Intake;
using GridAid.Functions.Points;
using GridAid.Functions.Poison;
using GridAid.Functions.Posters;
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
    /// <summary>Everything the functions need: settings, storage, handlers, and the function classes themselves.</summary>
    public static IServiceCollection AddGridAid(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GridAidOptions>().Bind(configuration.GetSection(GridAidOptions.Section));
        services.AddGridAidInfrastructure(configuration);

        services.AddHostedService<DemoSeeder>();
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<ReportIntake>();
        services.AddSingleton<ReportRouting>();
        services.AddSingleton<PoisonRecorder>();
        services.AddSingleton<AlertActions>();
        services.AddSingleton<UnansweredEscalation>();
        services.AddSingleton<ResolvedReportRedaction>();
        services.AddSingleton<ScheduledChecks>();
        services.AddSingleton<DirectoryAdmin>();

        // Function classes, so any host (the Functions worker or the local host) can resolve them.
        services.AddScoped<ReportFunctions>();
        services.AddScoped<PointFunctions>();
        services.AddScoped<PosterFunctions>();
        services.AddScoped<StationFunctions>();
        services.AddScoped<AdminFunctions>();
        services.AddScoped<FigureFunctions>();
        services.AddScoped<ExportFunctions>();
        services.AddScoped<DirectoryFunctions>();
        services.AddScoped<HealthFunction>();
        services.AddScoped<RoutingFunctions>();
        services.AddScoped<ScheduledCheckFunctions>();
        return services;
    }
}
