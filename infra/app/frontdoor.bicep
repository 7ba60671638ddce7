// Azure Front Door (Standard): the one public address of GridAid. Pages come from the Static Web App and /api/*
// from the function app, both under this endpoint's host, so the pages keep calling same-origin /api/... .
// The origins and routes are in frontdoor-routes.bicep: they need the two apps, while the function app needs this
// endpoint's host name (GridAid__PublicBaseUrl) and the profile's Front Door id (its access restriction) first.
//
// Why Front Door and not a Static Web Apps linked backend: Microsoft documents "bring your own functions" for the
// Consumption, Premium and Dedicated plans only (https://learn.microsoft.com/azure/static-web-apps/apis-functions,
// "Supported Azure Functions hosting plans"); nothing documents it for Flex Consumption. Front Door with a Static
// Web App origin is documented in https://learn.microsoft.com/azure/static-web-apps/front-door-manual, and Flex
// Consumption supports the inbound access restrictions that keep the function app behind it
// (https://learn.microsoft.com/azure/azure-functions/functions-scale#networking-features).
param profileName string
param endpointName string
param wafPolicyName string
param tags object

@description('Attach a WAF policy whose custom rule limits /api/* requests per client (socket) IP address.')
param rateLimitEnabled bool

@description('Requests to /api/* one socket IP address may make in one window before the rest of that window is blocked.')
@minValue(1)
param rateLimitThreshold int

@description('Rate-limit window in minutes: Front Door offers 1 or 5.')
@allowed([1, 5])
param rateLimitDurationInMinutes int

resource profile 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    // Standard: custom WAF rules (the rate limit) work on Standard; managed rule sets would need Premium
    // (https://learn.microsoft.com/samples/azure/azure-quickstart-templates/front-door-standard-premium-rate-limit).
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

// Rate limiting (https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-rate-limit): the
// threshold counts requests "from each socket IP address within a time period of either one minute or five
// minutes"; a rate limit rule needs at least one match condition; counters are per Front Door server, so "for a low
// threshold (for example, less than about 200 requests per minute), you might see some requests above the threshold
// get through"; once a client is over the threshold it is blocked for the rest of the fixed window.
// The match is a regular expression that holds whether RequestUri carries the scheme and host or only the path.
// No custom block response is set: with none, Front Door answers a rate-limit block with 429 Too Many Requests
// (https://learn.microsoft.com/azure/web-application-firewall/afds/waf-front-door-configure-custom-response-code),
// and the report form retries a 429 with back-off instead of dropping the report (web/js/form.js).
resource wafPolicy 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2025-03-01' = if (rateLimitEnabled) {
  name: wafPolicyName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
  properties: {
    policySettings: {
      enabledState: 'Enabled'
      mode: 'Prevention'
    }
    customRules: {
      rules: [
        {
          name: 'ApiRateLimitPerClientIp'
          priority: 100
          enabledState: 'Enabled'
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: rateLimitDurationInMinutes
          rateLimitThreshold: rateLimitThreshold
          groupBy: [
            {
              variableName: 'SocketAddr'
            }
          ]
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'RegEx'
              negateCondition: false
              matchValue: [
                '^(https?://[^/]+)?/api/'
              ]
              transforms: [
                'Lowercase'
              ]
            }
          ]
          action: 'Block'
        }
      ]
    }
  }
}

resource securityPolicy 'Microsoft.Cdn/profiles/securityPolicies@2025-06-01' = if (rateLimitEnabled) {
  parent: profile
  name: 'api-rate-limit'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: {
        id: wafPolicy.id
      }
      associations: [
        {
          domains: [
            {
              id: endpoint.id
            }
          ]
          patternsToMatch: [
            '/*'
          ]
        }
      ]
    }
  }
}

output profileName string = profile.name
output endpointName string = endpoint.name
output hostName string = endpoint.properties.hostName
@description('The X-Azure-FDID value Front Door sends to its origins.')
output frontDoorId string = profile.properties.frontDoorId
