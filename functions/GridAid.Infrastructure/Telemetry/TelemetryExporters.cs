using Azure.Monitor.OpenTelemetry.Exporter;
using GridAid.Infrastructure.Identity;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GridAid.Infrastructure.Telemetry;

/// <summary>
/// Where the app's traces and metrics go, chosen by the settings the platforms use: Azure Monitor (Application Insights)
/// when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, signed in with the app's identity (the Bicep turns local
/// auth off); OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (a local collector or Aspire dashboard); the console
/// when <c>GridAid:Telemetry:Console</c> is true. None set: spans and metrics are made for in-process listeners only.
/// </summary>
public static class TelemetryExporters
{
    public const string ConsoleSetting = "GridAid:Telemetry:Console";

    public static IOpenTelemetryBuilder AddGridAidExporters(this IOpenTelemetryBuilder otel, IConfiguration configuration)
    {
        if (configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } connection)
        {
            var credential = AppCredential.For(configuration["AZURE_CLIENT_ID"]);
            otel.WithTracing(t => t.AddAzureMonitorTraceExporter(o => { o.ConnectionString = connection; o.Credential = credential; }))
                .WithMetrics(m => m.AddAzureMonitorMetricExporter(o => { o.ConnectionString = connection; o.Credential = credential; }));
        }

        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }

        if (configuration.GetValue<bool>(ConsoleSetting))
        {
            otel.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter());
        }

        return otel;
    }
}
