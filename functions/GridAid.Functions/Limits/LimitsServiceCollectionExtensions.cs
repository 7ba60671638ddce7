using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.Functions.Limits;

public static class LimitsServiceCollectionExtensions
{
    /// <summary>The rate limiters (one set per app instance) and the lost-person flood counter the router uses.</summary>
    public static IServiceCollection AddGridAidLimits(this IServiceCollection services)
    {
        services.AddSingleton<RateLimiters>();
        services.AddSingleton<FloodStore>();
        return services;
    }
}
