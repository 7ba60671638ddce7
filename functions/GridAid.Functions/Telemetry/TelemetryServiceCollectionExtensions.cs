using GridAid.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;

namespace GridAid.Functions.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry for GridAid's own spans and metrics (<see cref="GridAidTelemetry"/>), exported where the settings say
    /// (<see cref="TelemetryExporters"/>). The Functions app adds the worker's own instrumentation on top
    /// (<c>UseFunctionsWorkerDefaults</c>, with <c>"telemetryMode": "OpenTelemetry"</c> in host.json).
    /// </summary>
    public static IOpenTelemetryBuilder AddGridAidTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("gridaid"))
            .WithTracing(t => t.AddSource(GridAidTelemetry.Name))
            .WithMetrics(m => m.AddMeter(GridAidTelemetry.Name))
            .AddGridAidExporters(configuration);
}
