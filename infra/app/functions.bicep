// Flex Consumption (FC1, Linux) plan + .NET 10 isolated function app.
// Identity-first: the app runs as the user-assigned identity; no storage keys, SAS or instrumentation keys.
param planName string
param functionAppName string
param location string
param tags object

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string

@description('Full URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

param applicationInsightsConnectionString string
param eventGridTopicEndpoint string

@description('Default scenic area code for reports that do not name one.')
param defaultArea string = 'taishan'

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances for the HTTP trigger group and for the router (0 = scale to zero; each one is billed while idle).')
@minValue(0)
param alwaysReady int = 0

@description('Seed the Taishan demo directory with its public demo access codes at start (known credentials: demo only).')
param seedDemoData bool = false

@description('The address people open (https, no trailing path): the Front Door endpoint or a custom domain on it. QR posters print links under it.')
param publicBaseUrl string

@description('Front Door profile id (X-Azure-FDID): only requests from this Front Door reach the app.')
param frontDoorId string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Only this Front Door may call the app (so its WAF cannot be bypassed): the AzureFrontDoor.Backend service
      // tag plus the X-Azure-FDID header, as "Restrict access to a specific Azure Front Door instance" shows
      // (https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions) and
      // https://learn.microsoft.com/azure/frontdoor/origin-security asks ("use together"). Flex Consumption
      // supports inbound access restrictions (https://learn.microsoft.com/azure/azure-functions/functions-scale,
      // "Networking features"). The SCM site keeps its own, open rule set: `azd deploy` publishes a Flex
      // Consumption app through it, with an Entra ID token (basic auth is off below).
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'FrontDoor'
          description: 'This Front Door profile only'
          priority: 100
          action: 'Allow'
          tag: 'ServiceTag'
          ipAddress: 'AzureFrontDoor.Backend'
          headers: {
            'x-azure-fdid': [
              frontDoorId
            ]
          }
        }
      ]
      scmIpSecurityRestrictionsUseMain: false
      scmIpSecurityRestrictionsDefaultAction: 'Allow'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // Flex Consumption scales queue functions per function: the routers (the intake queue's and the lost-person
        // lane's) need their own warm instances to keep tap-to-station under a second after a quiet spell.
        alwaysReady: alwaysReady > 0 ? [
          { name: 'http', instanceCount: alwaysReady }
          { name: 'function:RouteReport', instanceCount: alwaysReady }
          { name: 'function:RouteUrgentReport', instanceCount: alwaysReady }
        ] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Identity-based connections only. The app's own code reads the AzureWebJobsStorage__* settings below
// to build its Table and Queue clients with ManagedIdentityCredential(AZURE_CLIENT_ID).
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
    AZURE_CLIENT_ID: identityClientId
    EventGrid__TopicEndpoint: eventGridTopicEndpoint
    GridAid__DefaultArea: defaultArea
    GridAid__SeedDemoData: string(seedDemoData)
    // In Azure the demo (public access codes) is seeded only with this second, explicit flag (DemoOptions).
    GridAid__AllowDemoInAzure: string(seedDemoData)
    // Only Front Door reaches the app (access restriction): trust its client address for the per-client limits.
    // X-Azure-SocketIP is the TCP peer Front Door saw, which the client cannot set (docs/rate-limits.md).
    GridAid__RateLimits__TrustForwardedFor: 'true'
    GridAid__RateLimits__ForwardedForHeader: 'X-Azure-SocketIP'
    GridAid__PublicBaseUrl: publicBaseUrl
    // The time people read (CSV export, status page), with its offset: Taishan's.
    GridAid__TimeZone: 'Asia/Shanghai'
    // Channel URLs must be https to public addresses in Azure (the SSRF guard, docs/channels.md): explicit, never on.
    GridAid__Channels__AllowPrivateTargets: 'false'
    EventGrid__ClientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  }
}

// No FTP / basic-auth publishing; azd deploys with an Entra ID token.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output id string = functionApp.id
output hostName string = functionApp.properties.defaultHostName
output uri string = 'https://${functionApp.properties.defaultHostName}'
