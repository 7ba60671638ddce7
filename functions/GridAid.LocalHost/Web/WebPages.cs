using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace GridAid.LocalHost.Web;

/// <summary>Serves the static pages of <c>web/</c>: QR links <c>/r/{point}</c> and status links <c>/s/{code}</c> get their page.</summary>
public static class WebPages
{
    public static WebApplication UseWebPages(this WebApplication app, string webRoot)
    {
        var files = new PhysicalFileProvider(webRoot);
        app.UseResponseCompression();

        // Deep links from QR codes and receipts load the same page; its script reads the path.
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                if (path.StartsWith("/r/", StringComparison.Ordinal) || path == "/r")
                {
                    context.Request.Path = "/r.html";
                }
                else if (path.StartsWith("/s/", StringComparison.Ordinal) || path == "/s")
                {
                    context.Request.Path = "/s.html";
                }
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
