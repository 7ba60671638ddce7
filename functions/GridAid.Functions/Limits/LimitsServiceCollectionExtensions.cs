using Microsoft.Extensions.DependencyInjection;

namespace GridAid.Functions.Limits;

public static class LimitsServiceCollectionExtensions
{
    /// <summary>The rate limiters: one set per app instance.</summary>
    public static IServiceCollection AddGridAidLimits(this IServiceCollection services)
    {
        services.AddSingleton<RateLimiters>();
        return services;
    }
}
