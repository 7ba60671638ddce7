using Azure.Core;
using Azure.Identity;

namespace GridAid.Infrastructure.Identity;

/// <summary>The one choice of Azure credential: the app's user-assigned managed identity when its client id is set, else the developer's or platform's default.</summary>
public static class AppCredential
{
    public static TokenCredential For(string? userAssignedClientId) =>
        userAssignedClientId is { Length: > 0 } id
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
            : new DefaultAzureCredential();
}
