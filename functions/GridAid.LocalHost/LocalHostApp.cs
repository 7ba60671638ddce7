using GridAid.Functions;
using GridAid.Functions.Http;
using GridAid.Infrastructure.Storage;
using GridAid.LocalHost.Functions;
using GridAid.LocalHost.Outbox;
using GridAid.LocalHost.Queues;
using GridAid.LocalHost.Timers;
using GridAid.LocalHost.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace GridAid.LocalHost;

/// <summary>Builds the local Functions-compatible host. Tests and the benchmark build it the same way as <c>Program</c>.</summary>
public static class LocalHostApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root = the build output, so appsettings.json is found whatever folder the host is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.SettingName] = builder.Configuration[StorageOptions.SettingName] ?? "UseDevelopmentStorage=true",
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var catalog = new FunctionCatalog(typeof(FunctionsServiceCollectionExtensions).Assembly);

        builder.Services.AddGridAid(builder.Configuration);
        builder.Services.AddMvcCore();
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.AddSingleton(catalog);
        foreach (var functionClass in catalog.FunctionTypes)
        {
            // As the worker does: one instance of a function class per invocation.
            builder.Services.AddScoped(functionClass);
        }


        foreach (var timerFunction in catalog.Timers)
        {
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerFunctionRunner>(sp, timerFunction,
                TimerSchedule.Parse(TimerSchedule.Resolve(timerFunction.Schedule, name => sp.GetRequiredService<IConfiguration>()[name]),
                    sp.GetRequiredService<TimeProvider>().LocalTimeZone)));
        }

        configure?.Invoke(builder);

        // Read after configure: the app's settings may override host.json (AzureFunctionsJobHost__…), as in the host.
        var host = HostSettings.Load(builder.Configuration["LocalHost:HostJson"] ?? Path.Combine(AppContext.BaseDirectory, "host.json"), builder.Configuration);
        builder.Services.AddSingleton(host);
        foreach (var queueFunction in catalog.Queues)
        {
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueFunctionListener>(sp, queueFunction, host.Queues));
        }

        var app = builder.Build();
        // First in the pipeline: every answer, pages, API and 404s alike, gets the headers the Functions host's
        // SecurityHeadersMiddleware and the Static Web App's globalHeaders give theirs.
        app.Use((context, next) =>
        {
            SecurityHeaders.Register(context);
            return next(context);
        });
        if (WebPages.FindWebRoot(app.Configuration) is { } webRoot)
        {
            app.UseWebPages(webRoot, WebPages.LoadRewrites(app.Configuration));
        }

        app.MapHttpFunctions(catalog, host);
        app.MapLocalOutbox();
        app.Lifetime.ApplicationStarted.Register(() => DefaultPublicBaseUrl(app));
        return app;
    }

    /// <summary>
    /// Here the pages and the API share one address, so without <c>GridAid:PublicBaseUrl</c> the posters' QR codes point
    /// at the address this host listens on (known once it has started: tests listen on port 0). A wildcard address
    /// (<c>0.0.0.0</c>, <c>[::]</c>) becomes <c>127.0.0.1</c>; for phones on the network, set <c>GridAid__PublicBaseUrl</c>.
    /// </summary>
    private static void DefaultPublicBaseUrl(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GridAidOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            || app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } address
            || !Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var listening))
        {
            return;
        }

        var uri = new UriBuilder(listening);
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "127.0.0.1";
        }

        options.PublicBaseUrl = uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
