// Event Grid custom topic that receives GridAid alerts as CloudEvents 1.0.
// Access keys / SAS are disabled: publishers must use Entra ID (EventGrid Data Sender).
// The topic carries the app's user-assigned identity, which eventgrid-subscription.bicep dead-letters with.
param name string
param location string
param tags object

@description('User-assigned identity the topic dead-letters with (it holds Storage Blob Data Owner on the account).')
param identityId string

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

output name string = topic.name
output id string = topic.id
output endpoint string = topic.properties.endpoint
