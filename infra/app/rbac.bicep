// Role assignments: the function app's user-assigned identity gets exactly the data-plane roles it needs;
// the deploying principal (optional: a person, or the service principal CI signs in as) gets the storage data
// roles so it can inspect queues, tables and blobs.
param storageAccountName string
param eventGridTopicName string
param applicationInsightsName string

@description('Principal id of the function app\'s user-assigned managed identity.')
param identityPrincipalId string

@description('Principal id of the deploying principal (azd sets AZURE_PRINCIPAL_ID). Empty: no assignments for it.')
param userPrincipalId string = ''

@description('Type of userPrincipalId: User for a person, ServicePrincipal for CI (azd sets AZURE_PRINCIPAL_TYPE).')
@allowed(['User', 'ServicePrincipal', 'Group'])
param userPrincipalType string

// Built-in role definition ids, keyed by the role name exactly as Microsoft lists it in "Azure built-in roles"
// (https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles, read 2026-12-01; the page's
// ms.date is 2026-09-10). tests/GridAid.Infra.Tests/BuiltInRoles.json holds the copied rows and a test requires
// every id below to sit under this same name there. Monitoring Metrics Publisher used to carry an id that is no
// role at all (ARM answered RoleDefinitionDoesNotExist and azd up created no function app).
var roles = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  'EventGrid Data Sender': 'd5a91429-5739-47e2-a06b-3470a27159e7'
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Blob Data Owner: Functions host (locks, keys, deployment package). Queue Data Contributor: queue trigger
// (read/delete/poison queue) and the HTTP functions that enqueue. Table Data Contributor: the app's data.
var storageRoles = [
  roles['Storage Blob Data Owner']
  roles['Storage Queue Data Contributor']
  roles['Storage Table Data Contributor']
]

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventGridTopicName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource identityStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, identityPrincipalId, roleId)
    scope: storage
    properties: {
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource userStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: if (!empty(userPrincipalId)) {
    name: guid(storage.id, userPrincipalId, roleId)
    scope: storage
    properties: {
      principalId: userPrincipalId
      principalType: userPrincipalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource identityEventGridSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, identityPrincipalId, roles['EventGrid Data Sender'])
  scope: topic
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles['EventGrid Data Sender'])
  }
}

resource identityMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identityPrincipalId, roles['Monitoring Metrics Publisher'])
  scope: applicationInsights
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles['Monitoring Metrics Publisher'])
  }
}
