using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridAid.TestSupport;

/// <summary>A small Kestrel app on a free loopback port (the stand-ins for Event Grid and the channel receivers).</summary>
public static class LoopbackApp
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its endpoints, starts it and returns the address it bound.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address));
    }
}
