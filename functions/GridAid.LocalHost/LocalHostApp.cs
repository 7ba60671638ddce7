using GridAid.Functions;
using GridAid.Functions.Http;
using GridAid.Infrastructure.Storage;
using GridAid.LocalHost.Functions;
using GridAid.LocalHost.Queues;
using GridAid.LocalHost.Web;
using Microsoft.AspNetCore.ResponseCompression;

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

        var host = HostSettings.Load(builder.Configuration["LocalHost:HostJson"] ?? Path.Combine(AppContext.BaseDirectory, "host.json"));
        var catalog = new FunctionCatalog(typeof(FunctionsServiceCollectionExtensions).Assembly);

        builder.Services.AddGridAid(builder.Configuration);
        builder.Services.AddMvcCore();
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(catalog);
        foreach (var functionClass in catalog.FunctionTypes)
        {
            // As the worker does: one instance of a function class per invocation.
            builder.Services.AddScoped(functionClass);
        }

        foreach (var queueFunction in catalog.Queues)
        {
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueFunctionListener>(sp, queueFunction, host.Queues));
        }

        configure?.Invoke(builder);

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
        return app;
    }
}
