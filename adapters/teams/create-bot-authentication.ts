import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConstants,
  GovernmentConstants,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';

/**
 * Bot Framework authentication, in botbuilder's own setting names (the same as its environment
 * variables and the Azure Bot resource's): app id, secret, tenant and type (MultiTenant,
 * SingleTenant, UserAssignedMSI), and the endpoints a sovereign cloud or a test changes.
 */
export interface TeamsAuthSettings {
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppTenantId: string;
  MicrosoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** `https://botframework.azurewebsites.net` for US Government; unset for public Azure. */
  ChannelService?: string;
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromChannelTokenIssuer?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
  ToChannelFromBotLoginUrl?: string;
  ToChannelFromBotOAuthScope?: string;
}

const endpointKeys = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
] as const;

/** Public Azure's values, which botbuilder uses when none of the endpoints is set. */
const publicCloud: Record<(typeof endpointKeys)[number], string> = {
  ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
};

/**
 * botbuilder's ConfigurationBotFrameworkAuthentication, which validates every inbound request's
 * JWT (issuer, audience = app id, channel endorsement, `serviceurl` claim, signature against the
 * OpenID metadata's keys, 5 minutes of skew) and signs every outbound call. With no app id it
 * authenticates nothing: src/http then admits this machine only.
 *
 * botbuilder treats any one endpoint setting as "all are set on purpose" and leaves the others
 * empty; we fill the unset ones with public Azure's, so overriding one (the OpenID metadata URL,
 * as the tests do to validate offline against a local key set) keeps the rest working.
 * `credentialsFactory` replaces how outbound tokens are obtained (tests, whose fake connector
 * cannot be an Entra token endpoint); inbound validation is unchanged by it.
 */
export function createBotAuthentication(
  settings: TeamsAuthSettings,
  credentialsFactory?: ServiceClientCredentialsFactory,
): ConfigurationBotFrameworkAuthentication {
  const config: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: settings.MicrosoftAppId,
    MicrosoftAppPassword: settings.MicrosoftAppPassword,
    MicrosoftAppTenantId: settings.MicrosoftAppTenantId,
    MicrosoftAppType: settings.MicrosoftAppType,
  };
  if (settings.ChannelService) config.ChannelService = settings.ChannelService;
  if (endpointKeys.some((key) => settings[key])) {
    for (const key of endpointKeys) config[key] = settings[key] || publicCloud[key];
  }
  return new ConfigurationBotFrameworkAuthentication(config, credentialsFactory);
}

/**
 * The OpenID metadata URLs inbound tokens are checked against: the channel's and the emulator's,
 * as set, else the cloud's (US Government when ChannelService names it, else public Azure).
 */
export function metadataUrlsOf(settings: TeamsAuthSettings): string[] {
  const cloud = settings.ChannelService ? GovernmentConstants : AuthenticationConstants;
  return [
    settings.ToBotFromChannelOpenIdMetadataUrl || cloud.ToBotFromChannelOpenIdMetadataUrl,
    settings.ToBotFromEmulatorOpenIdMetadataUrl || cloud.ToBotFromEmulatorOpenIdMetadataUrl,
  ];
}
