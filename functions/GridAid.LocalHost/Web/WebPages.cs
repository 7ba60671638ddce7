using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace GridAid.LocalHost.Web;

/// <summary>
/// Serves the static pages of <c>web/</c>, with the route rewrites of the Static Web App's own
/// <c>staticwebapp.config.json</c> (QR links <c>/r/{point}</c> and status links <c>/s/{code}</c> get their page).
/// </summary>
public static class WebPages
{
    public static WebApplication UseWebPages(this WebApplication app, string webRoot, PageRewrites rewrites)
    {
        var files = new PhysicalFileProvider(webRoot);
        app.UseResponseCompression();

        // Deep links load their page (its script reads the path), as the deployed Static Web App rewrites them.
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) &&
                rewrites.RewriteFor(method.ToUpperInvariant(), context.Request.Path.Value ?? string.Empty) is { } target)
            {
                context.Request.Path = target;
            }

            await next();
        });

        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx =>
            {
                // Pages revalidate (cheap 304s on a weak network); assets may be reused for an hour.
                var html = ctx.File.Name.EndsWith(".html", StringComparison.Ordinal);
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = html ? "no-cache" : "public, max-age=3600";
            },
        });
        return app;
    }

    /// <summary>The Static Web App's route rules: from configuration, else the copy linked into the build output.</summary>
    public static PageRewrites LoadRewrites(IConfiguration configuration) =>
        PageRewrites.Load(configuration["LocalHost:StaticWebAppConfig"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, PageRewrites.FileName));

    /// <summary>The <c>web/</c> folder: from configuration, else found by walking up to the repository root.</summary>
    public static string? FindWebRoot(IConfiguration configuration)
    {
        if (configuration["LocalHost:WebRoot"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")) && Directory.Exists(Path.Combine(dir.FullName, "web")))
            {
                return Path.Combine(dir.FullName, "web");
            }
        }

        return null;
    }
}
