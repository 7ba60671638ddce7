using GridAid.Functions;
using GridAid.Functions.Access;
using GridAid.Functions.Http;
using GridAid.Functions.Reports;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// First, so every answer carries the hardening headers, the gate's refusals included.
builder.UseMiddleware<SecurityHeadersMiddleware>();
builder.UseMiddleware<AccessMiddleware>();
// After the gate: a form post's body, within its limits, before the function reads it.
builder.UseMiddleware<FormPostMiddleware>();
builder.Services.AddGridAid(builder.Configuration);
// The worker's own spans (each invocation, joined to the host's trace) on top of GridAid's (Telemetry/).
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
builder.Build().Run();
