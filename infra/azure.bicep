// Azure resources for Weerbaar: one user-assigned managed identity is the bot's
// identity (Azure Bot, no password), reaches Table and Queue storage with data-plane
// roles (no keys: shared-key access is off) and, once an administrator grants it,
// Microsoft Graph for the calendar. Deployed by `arm/deploy` in teamsapp.yml.
// Every value a municipality chooses comes in through infra/azure.parameters.json,
// which holds only ${{...}} placeholders filled from the git-ignored env/.env.<env>.

@minLength(4)
@maxLength(20)
@description('Base of all resource names, e.g. weerbaardev. Letters and digits.')
param resourceBaseName string

@minLength(2)
@maxLength(40)
@description('Short id of the organisation, lowercase letters, digits and -, e.g. gemeente-nijmegen (WEERBAAR_ORGANISATION).')
param organisationId string

@minLength(1)
@maxLength(100)
@description('Display name of the organisation, e.g. Gemeente Nijmegen (WEERBAAR_ORGANISATION_NAME).')
param organisationName string

@allowed([
  'nijmegen'
  'modelprotocol'
  'utrecht'
])
@description('Which protocol profile the bot follows (WEERBAAR_PROFILE).')
param profile string = 'modelprotocol'

param location string = resourceGroup().location

// Azure Bot Service keeps a regional bot's data in that region ("Regionalization in Azure AI
// Bot Service"); westeurope is its EU region. The bot and its Teams channel take the same
// location. Only user sign-in (OAuth) would need a regional token URL, and Weerbaar has none.
// Azure cannot move a bot between regions: changing this for an existing bot means deleting
// the Azure Bot resource first (docs/DEPLOY.md, "Updating").
@allowed([
  'westeurope'
  'global'
])
@description('Data residency of the Azure Bot (BOT_REGION): westeurope keeps its data in the EU; global is the worldwide service.')
param botRegion string = 'westeurope'

@maxLength(42)
param botDisplayName string = 'Weerbaar'

@allowed([
  'B1'
  'B2'
  'B3'
  'P0v3'
  'P1v3'
  'P2v3'
  'S1'
])
@description('App Service plan size. B1 is enough for one municipality.')
param webAppSku string = 'B1'

@description('Absolute path of the people file (roles of people by Entra object id) on the web app, under /home so it survives deployments.')
param peopleFile string = '/home/site/weerbaar/people.json'

@description('Absolute path of a JSON file on the web app that overrides parts of the profile, e.g. the hulplijnen (WEERBAAR_PROFILE_OVERRIDES_FILE), or none.')
param profileOverridesFile string = 'none'

@description('Absolute path of the organisations file when one deployment serves several organisations (WEERBAAR_ORGANISATIONS_FILE, docs/DEPLOY.md), or none.')
param organisationsFile string = 'none'

@description('Where the incidentgesprek takes place (WEERBAAR_SAFE_LOCATION): a room with an alarm button.')
param safeLocation string = 'Gespreksruimte met alarmknop, gemeentehuis'

@description('Office hours in which conversations are booked (WEERBAAR_AGENDA_HOURS), HH:MM-HH:MM. The first nazorg conversation may fall outside them to stay within 24 hours.')
param agendaHours string = '09:00-17:00'

// Strings, not int/bool: the toolkit fills the parameters file by text (${{VAR}} inside
// quotes), and the bot checks the values at start with a message naming the setting.
@description('Length of each conversation in minutes, 15 to 240 (WEERBAAR_AGENDA_MINUTES).')
param agendaMinutes string = '60'

@description('Where the nazorg conversations take place (WEERBAAR_NAZORG_LOCATION), or online: as a Teams meeting.')
param nazorgLocation string = 'online'

@allowed([
  'true'
  'false'
])
@description('Whether the coordinator is invited to the incidentgesprek and herstelgesprek too (WEERBAAR_INCIDENTGESPREK_COORDINATOR).')
param incidentgesprekCoordinator string = 'false'

@description('Minutes between booking and the first nazorg conversation, 0 to 720 (WEERBAAR_NAZORG_NOTICE_MINUTES); sooner only when the melder asks for it.')
param nazorgNoticeMinutes string = '120'

@maxLength(200)
@description('Who answers privacy questions, named on the privacy statement (WEERBAAR_PRIVACY_CONTACT), e.g. the e-mail address of the functionaris gegevensbescherming; none: the statement names the coordinator.')
param privacyContact string = 'none'

var names = {
  identity: 'id-${resourceBaseName}'
  plan: 'asp-${resourceBaseName}'
  webApp: 'app-${resourceBaseName}-${uniqueString(resourceGroup().id)}'
  bot: 'bot-${resourceBaseName}-${uniqueString(resourceGroup().id)}'
  // 3-24 lowercase letters and digits, globally unique
  storage: 'st${take(toLower(replace(resourceBaseName, '-', '')), 9)}${uniqueString(resourceGroup().id)}'
  logs: 'log-${resourceBaseName}'
  insights: 'appi-${resourceBaseName}'
}

var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    accessTier: 'Hot'
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: names.webApp
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // platform: run the deployed zip as is, no build on the server
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'NODE_ENV', value: 'production' }
        // read by src/config.ts
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'STORAGE_TABLE_URL', value: storage.properties.primaryEndpoints.table }
        { name: 'STORAGE_QUEUE_URL', value: storage.properties.primaryEndpoints.queue }
        { name: 'WEERBAAR_PROFILE', value: profile }
        { name: 'WEERBAAR_ORGANISATION', value: organisationId }
        { name: 'WEERBAAR_ORGANISATION_NAME', value: organisationName }
        { name: 'WEERBAAR_PEOPLE_FILE', value: peopleFile }
        // the toolkit cannot pass an empty value, so 'none' and 'online' stand for "not set"
        { name: 'WEERBAAR_PROFILE_OVERRIDES_FILE', value: profileOverridesFile == 'none' ? '' : profileOverridesFile }
        { name: 'WEERBAAR_ORGANISATIONS_FILE', value: organisationsFile == 'none' ? '' : organisationsFile }
        { name: 'WEERBAAR_SAFE_LOCATION', value: safeLocation }
        { name: 'WEERBAAR_AGENDA_HOURS', value: agendaHours }
        { name: 'WEERBAAR_AGENDA_MINUTES', value: agendaMinutes }
        { name: 'WEERBAAR_NAZORG_LOCATION', value: nazorgLocation == 'online' ? '' : nazorgLocation }
        { name: 'WEERBAAR_INCIDENTGESPREK_COORDINATOR', value: incidentgesprekCoordinator }
        { name: 'WEERBAAR_NAZORG_NOTICE_MINUTES', value: nazorgNoticeMinutes }
        { name: 'WEERBAAR_PRIVACY_CONTACT', value: privacyContact == 'none' ? '' : privacyContact }
        { name: 'WEERBAAR_PUBLIC_URL', value: 'https://${names.webApp}.azurewebsites.net' }
        { name: 'CALENDAR_MODE', value: 'graph' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'LOG_LEVEL', value: 'info' }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: botRegion
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botRegion
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<env> by arm/deploy; teamsapp.yml and the manifest use them.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output STORAGE_TABLE_URL string = storage.properties.primaryEndpoints.table
output STORAGE_QUEUE_URL string = storage.properties.primaryEndpoints.queue
