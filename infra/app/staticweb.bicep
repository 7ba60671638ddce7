// Static Web App (Standard) hosting web/; /api/* is proxied to the linked function app backend.
param name string
param location string
param tags object

@description('Resource id of the function app to link as the /api backend.')
param backendResourceId string

@description('Region of the linked function app.')
param backendLocation string

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

resource backend 'Microsoft.Web/staticSites/linkedBackends@2025-03-01' = {
  parent: staticSite
  name: 'api'
  properties: {
    backendResourceId: backendResourceId
    region: backendLocation
  }
}

output name string = staticSite.name
output uri string = 'https://${staticSite.properties.defaultHostname}'
