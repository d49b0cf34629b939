// Cityscope on Azure Functions (Flex Consumption, Linux, Node 22). Deploy the app code
// afterwards from functions/azure/dist (host.json, package.json, index.mjs) as a zip:
// .github/workflows/deploy-azure.yml uploads it with `az functionapp deployment source
// config-zip`, retried while the app's new storage role assignment takes effect.
// infra/azure/preflight.sh checks the resource providers of the types below, Flex Consumption
// in the region and the deployer's roles before anything is created.
//
//   az deployment group create -g <resource-group> -f infra/azure/main.bicep \
//     -p wikimediaContact='ops@example.org' corsOrigins='https://app.example.com'

@description('A short name used in resource names.')
param name string = 'cityscope'
param location string = resourceGroup().location
param wikipediaBaseUrl string = 'https://{lang}.wikipedia.org'
param wikipediaTimeoutMs string = '5000'
@description('Where Wikidata\'s API lives, or off.')
param wikidataBaseUrl string = 'https://www.wikidata.org'
param corsOrigins string = '*'
@allowed(['debug', 'info', 'warn', 'error', 'silent'])
param logLevel string = 'info'
@minLength(3)
@description('Required: your email address or http(s) URL, sent to Wikimedia in the User-Agent (WIKIMEDIA_CONTACT).')
param wikimediaContact string
@secure()
@description('Optional shared cache (Azure Cache for Redis): rediss://:ACCESS_KEY@NAME.redis.cache.windows.net:6380. Empty: memory cache per instance.')
param cacheUrl string = ''
// "The lowest maximum instance count value is 40, and the highest … 1000" (Event-driven scaling,
// Flex Consumption plan: https://learn.microsoft.com/azure/azure-functions/event-driven-scaling);
// a later revision of that page gives 1 as the lowest. 40 to 1000 is valid under both.
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40
// Access (docs/api.md, "Access"): API_KEYS holds sha256 entries, never keys
@secure()
@description('API_KEYS: comma-separated name:sha256hex entries (cityscope key new NAME); empty: no keys.')
param apiKeys string = ''
@description('AUTH_JWKS_URL: the OpenID Connect provider\'s JWKS URL; with authIssuer and authAudience, or empty.')
param authJwksUrl string = ''
@description('AUTH_ISSUER: the tokens\' iss.')
param authIssuer string = ''
@description('AUTH_AUDIENCE: the tokens\' aud.')
param authAudience string = ''
@description('RATE_LIMIT: work units per client per window, <units>/<s|min|h>; empty: no limit.')
param rateLimit string = ''
@description('PARSE_URL_HOSTS: comma-separated host suffixes /parse may fetch; empty: any public host.')
param parseUrlHosts string = ''
// Telemetry (docs/api.md, "Telemetry"; docs/deploying.md, "Telemetry"): optional OTLP export
@description('OTEL_EXPORTER_OTLP_ENDPOINT: an OTLP/HTTP collector\'s base URL; empty: no export.')
param otelExporterOtlpEndpoint string = ''
@description('OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf or http/json; empty: http/protobuf.')
param otelExporterOtlpProtocol string = ''
@secure()
@description('OTEL_EXPORTER_OTLP_HEADERS: headers of every export, key=value pairs separated by commas, percent-encoded.')
param otelExporterOtlpHeaders string = ''
@description('OTEL_SERVICE_NAME: the service.name of every span and metric.')
param otelServiceName string = 'cityscope'

var suffix = uniqueString(resourceGroup().id, name)
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: toLower('st${take(name, 8)}${suffix}')
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'deployments'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${name}-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'WIKIPEDIA_BASE_URL', value: wikipediaBaseUrl }
        { name: 'WIKIPEDIA_TIMEOUT_MS', value: wikipediaTimeoutMs }
        { name: 'WIKIDATA_BASE_URL', value: wikidataBaseUrl }
        { name: 'CORS_ORIGINS', value: corsOrigins }
        { name: 'LOG_LEVEL', value: logLevel }
        { name: 'WIKIMEDIA_CONTACT', value: wikimediaContact }
        { name: 'CACHE_URL', value: cacheUrl }
        { name: 'API_KEYS', value: apiKeys }
        { name: 'AUTH_JWKS_URL', value: authJwksUrl }
        { name: 'AUTH_ISSUER', value: authIssuer }
        { name: 'AUTH_AUDIENCE', value: authAudience }
        { name: 'RATE_LIMIT', value: rateLimit }
        { name: 'PARSE_URL_HOSTS', value: parseUrlHosts }
        { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otelExporterOtlpEndpoint }
        { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: otelExporterOtlpProtocol }
        { name: 'OTEL_EXPORTER_OTLP_HEADERS', value: otelExporterOtlpHeaders }
        { name: 'OTEL_SERVICE_NAME', value: otelServiceName }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deployments.name}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: { name: 'node', version: '22' }
    }
  }
}

// The app reads its deployment package and host state with its own identity; no keys.
resource appBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = app.name
output url string = 'https://${app.properties.defaultHostName}'
