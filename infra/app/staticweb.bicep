// Static Web App (Standard) hosting web/. It serves the pages only; people reach it through Front Door
// (frontdoor.bicep), which sends /api/* to the function app. No linked backend: Microsoft documents Static Web Apps
// "bring your own functions" for Consumption, Premium and Dedicated plans, not for Flex Consumption
// (https://learn.microsoft.com/azure/static-web-apps/apis-functions). Standard stays: the Front Door tutorial for
// Static Web Apps lists "Azure Static Web Apps Standard and Azure Front Door Standard / Premium plans" as its
// prerequisites (https://learn.microsoft.com/azure/static-web-apps/front-door-manual).
param name string
param location string
param tags object

resource staticSite 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    provider: 'Custom'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = staticSite.name
output hostName string = staticSite.properties.defaultHostname
output uri string = 'https://${staticSite.properties.defaultHostname}'
