// GridAid production infrastructure (deploy with `azd up`).
// Identity-first: one user-assigned managed identity; storage, Event Grid and Application Insights
// all have key-based auth disabled and are reached with Entra ID role assignments.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and the resource name hash.')
param environmentName string

// Regions that offer Functions Flex Consumption, as Azure-Samples/functions-quickstart-dotnet-azd lists them in
// infra/main.bicep (list last changed in e35589c, 2025-05-05, "Updated location/region list for Flex Consumption";
// unchanged at fe74255, 2026-02-24), without that list's eastus2euap (an Early Updates Access Program region, not
// one to run a real area in). Microsoft publishes no fixed list: "View currently supported regions" in
// https://learn.microsoft.com/azure/azure-functions/flex-consumption-how-to says to run
// `az functionapp list-flexconsumption-locations`. Check a region there before adding it. azd offers only these
// regions when it prompts for the location (it filters its prompt by allowedValues).
@minLength(1)
@description('Region for all resources except the Static Web App. Must offer Functions Flex Consumption.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Region of the Static Web App (a global service with a limited set of home regions).')
@allowed(['centralus', 'eastus2', 'eastasia', 'westeurope', 'westus2'])
param staticWebAppLocation string = 'eastasia'

@description('Object id of the deploying principal (azd sets AZURE_PRINCIPAL_ID); gets storage data roles for inspection. Empty: none.')
param principalId string = ''

// azd substitutes ${AZURE_PRINCIPAL_TYPE} in main.parameters.json with the signed-in principal's type: User after
// `azd auth login`, ServicePrincipal after `azd auth login --client-id ...` (Azure/azure-dev
// cli/azd/docs/environment-variables.md: "AZURE_PRINCIPAL_TYPE | The type of the signed-in principal (e.g., User,
// ServicePrincipal)"; source: cli/azd/pkg/infra/provisioning/current_principal_id_provider.go, CurrentPrincipalType,
// and bicep/bicep_provider.go, evalParamEnvSubst). Microsoft Learn's azd environment-variables FAQ lists
// AZURE_PRINCIPAL_ID but not this variable. An azd without that substitution leaves the variable unset, and azd
// omits a string parameter whose variable is unset (bicep_provider.go, loadParameters), so this default applies.
@description('Type of principalId for its role assignments: User (a person) or ServicePrincipal (CI).')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Always-ready Flex Consumption instances for HTTP functions. 0 keeps the app scale-to-zero.')
@minValue(0)
param alwaysReady int = 0

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// Off by default: the demo area's access codes are published in the README, so a deployment that seeds them has a
// credential anyone can read. Turn it on only for a throwaway demo environment.
@description('Seed the Taishan demo area with its public demo access codes (see README). Never for a real area.')
param seedDemoData bool = false

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('The address people open, if a custom domain is bound to the Front Door endpoint (https://...). Empty: the Front Door endpoint address.')
param publicBaseUrl string = ''

@description('Example Event Grid subscription: an HTTPS webhook for alert events (empty: none). It must answer the CloudEvents validation handshake (an OPTIONS request with WebHook-Request-Origin).')
@secure()
param alertsWebhookUrl string = ''

@description('Subject prefix of the example subscription ("stations/" = every station; "stations/ts-daiding-police/" = one).')
param alertsSubjectPrefix string = 'stations/'

// Front Door WAF rate limit on /api/* per client (socket) IP address, across all function instances (in-process
// limits count per instance). On by default because Front Door is the public path anyway and custom WAF rules carry
// no extra fee (https://learn.microsoft.com/azure/frontdoor/billing, "Base fees"). One socket IP can be many people
// (mobile carrier NAT, a station office), so the threshold is generous; see infra/README.md.
@description('Limit /api/* requests per client IP at Front Door (WAF custom rate-limit rule).')
param apiRateLimitEnabled bool = true

@description('/api/* requests one client IP may make per window before it is blocked (429) for the rest of the window.')
@minValue(1)
param apiRateLimitThreshold int = 600

@description('Rate-limit window in minutes (Front Door offers 1 or 5).')
@allowed([1, 5])
param apiRateLimitWindowMinutes int = 1

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(uniqueString(functionAppName, resourceToken), 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module eventGrid 'app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
  }
}

// The example subscription dead-letters with the app's identity: after its blob role (rbac).
module eventGridSubscription 'app/eventgrid-subscription.bicep' = if (!empty(alertsWebhookUrl)) {
  name: 'eventgrid-subscription'
  scope: rg
  dependsOn: [rbac]
  params: {
    topicName: eventGrid.outputs.name
    identityId: identity.outputs.id
    storageAccountId: storage.outputs.id
    deadLetterContainerName: storage.outputs.deadLetterContainerName
    alertsWebhookUrl: alertsWebhookUrl
    alertsSubjectPrefix: alertsSubjectPrefix
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    eventGridTopicName: eventGrid.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// Profile and endpoint first: the function app needs the endpoint's host (public address) and the profile's
// Front Door id (access restriction); the origins and routes come after both apps exist (frontDoorRoutes).
module frontDoor 'app/frontdoor.bicep' = {
  name: 'frontdoor'
  scope: rg
  params: {
    profileName: 'afd-${resourceToken}'
    endpointName: 'fde-${resourceToken}'
    wafPolicyName: 'waf${resourceToken}'
    tags: tags
    rateLimitEnabled: apiRateLimitEnabled
    rateLimitThreshold: apiRateLimitThreshold
    rateLimitDurationInMinutes: apiRateLimitWindowMinutes
  }
}

var frontDoorUri = 'https://${frontDoor.outputs.hostName}'

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  // The host starts as soon as the app exists: grant its data roles first.
  dependsOn: [rbac]
  params: {
    planName: 'plan-${resourceToken}'
    functionAppName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    eventGridTopicEndpoint: eventGrid.outputs.endpoint
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReady: alwaysReady
    seedDemoData: seedDemoData
    publicBaseUrl: empty(publicBaseUrl) ? frontDoorUri : publicBaseUrl
    frontDoorId: frontDoor.outputs.frontDoorId
  }
}

module web 'app/staticweb.bicep' = {
  name: 'staticweb'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: staticWebAppLocation
    tags: tags
  }
}

module frontDoorRoutes 'app/frontdoor-routes.bicep' = {
  name: 'frontdoor-routes'
  scope: rg
  params: {
    profileName: frontDoor.outputs.profileName
    endpointName: frontDoor.outputs.endpointName
    webHostName: web.outputs.hostName
    apiHostName: functions.outputs.hostName
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_FUNCTION_URI string = functions.outputs.uri
output AZURE_STATIC_WEB_URI string = web.outputs.uri
output AZURE_FRONT_DOOR_URI string = frontDoorUri
output AZURE_FRONT_DOOR_ID string = frontDoor.outputs.frontDoorId
@description('The address to print on posters and give people: Front Door, or the custom domain if one is set.')
output PUBLIC_BASE_URL string = empty(publicBaseUrl) ? frontDoorUri : publicBaseUrl
output AZURE_EVENTGRID_TOPIC_ENDPOINT string = eventGrid.outputs.endpoint
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
