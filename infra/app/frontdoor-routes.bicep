// Front Door origins and routes: /api/* to the function app, everything else to the Static Web App. Both routes
// sit on the same endpoint, so the browser sees one origin and the pages' fetch('/api/...') stays same-origin.
// No cache configuration on either route: Front Door forwards every request (no stale pages after a deploy, and
// no cached API answers).
param profileName string
param endpointName string

@description('Default host name of the Static Web App (pages).')
param webHostName string

@description('Default host name of the function app (/api/*).')
param apiHostName string

resource profile 'Microsoft.Cdn/profiles@2025-06-01' existing = {
  name: profileName
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' existing = {
  parent: profile
  name: endpointName
}

// One origin per group, so health probes are off (no healthProbeSettings): "If you have a single origin in your
// origin group, you can choose to disable health probes to reduce the load on your application"
// (https://learn.microsoft.com/azure/frontdoor/health-probes). With probes on, Front Door's edges would call the
// function app around the clock ("about 200 requests per minute" at the default 30-second interval, says the
// warning in Microsoft's Front Door Standard/Premium endpoint-manager article, frontdoor/standard-premium/
// how-to-configure-endpoint-manager.md in MicrosoftDocs/azure-docs) and it would never scale to zero.
resource webGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: profile
  name: 'web'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}

resource webOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: webGroup
  name: 'static-web-app'
  properties: {
    hostName: webHostName
    originHostHeader: webHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource apiGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: profile
  name: 'api'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}

resource apiOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: apiGroup
  name: 'function-app'
  properties: {
    hostName: apiHostName
    // App Service routes by host name: forward the function app's own host, not the Front Door one.
    originHostHeader: apiHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource apiRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'api'
  dependsOn: [
    apiOrigin
  ]
  properties: {
    originGroup: {
      id: apiGroup.id
    }
    patternsToMatch: [
      '/api/*'
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
}

resource webRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'web'
  // One route change at a time on the endpoint.
  dependsOn: [
    webOrigin
    apiRoute
  ]
  properties: {
    originGroup: {
      id: webGroup.id
    }
    patternsToMatch: [
      '/*'
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
}
