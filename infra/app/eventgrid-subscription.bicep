// An example subscription to the alert topic: one area's (or one station's) alert events, chosen by a subject filter,
// delivered to an HTTPS webhook as CloudEvents; what cannot be delivered within a day of retries is dead-lettered into
// a blob container, written with the app's user-assigned identity (shared keys are off on the account, so
// dead-lettering needs an identity: deadLetterWithResourceIdentity). Deployed only when main.bicep gets a webhook URL.
param topicName string

@description('User-assigned identity the topic dead-letters with (it holds Storage Blob Data Owner on the account).')
param identityId string

@description('Storage account that holds the dead-letter container.')
param storageAccountId string

@description('Blob container for undeliverable events.')
param deadLetterContainerName string

@description('HTTPS endpoint that answers the CloudEvents validation handshake (secure: a webhook URL often carries its key).')
@secure()
param alertsWebhookUrl string

@description('Subject prefix: "stations/" takes every station; "stations/ts-daiding-police/" one.')
param alertsSubjectPrefix string

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: topicName
}

resource alertsSubscription 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'alerts-webhook'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: alertsWebhookUrl
        maxEventsPerBatch: 1
      }
    }
    filter: {
      subjectBeginsWith: alertsSubjectPrefix
      includedEventTypes: [
        'GridAid.Alert.Routed'
        'GridAid.Alert.Escalated'
        'GridAid.Alert.Transferred'
        'GridAid.Alert.Acknowledged'
        'GridAid.Alert.Resolved'
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: identityId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccountId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

