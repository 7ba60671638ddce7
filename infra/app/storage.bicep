// Storage account for the Functions host (AzureWebJobsStorage), the app's own queues and tables,
// and the Flex Consumption deployment package container. Shared keys are disabled: Entra ID only.
param name string
param location string
param tags object

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Events Event Grid could not deliver (the example alert subscription's dead letters), kept for a look and a replay.
resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: 'eventgrid-deadletter'
  properties: {
    publicAccess: 'None'
  }
}

// Reports' photos and thumbnails, re-encoded without metadata (functions/GridAid.Infrastructure/Blobs/PhotoStore.cs;
// the name is ContainerNames.Photos). Private: stations and admins fetch photos through the app's authenticated routes,
// with the app's identity, which holds Storage Blob Data Owner on the account (rbac.bicep). The app also creates it at
// start (StorageClients.EnsureCreatedAsync), as it does its tables and queues.
resource photosContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: 'photos'
  properties: {
    publicAccess: 'None'
  }
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
output deadLetterContainerName string = deadLetterContainer.name
output photosContainerName string = photosContainer.name
