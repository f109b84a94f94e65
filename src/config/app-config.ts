import { isIP } from 'node:net';
import { z } from 'zod';
import { azureCloudNameOf, azureCloudNames } from '../azure/azure-cloud-endpoints.js';

/**
 * Every environment variable the bot reads (DESIGN.md, "External contract"). All optional; the
 * defaults give the embedded setup: the built-in simulator, SQLite under ./data, no chat auth.
 */
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** An absolute https URL without query or fragment: Azure's endpoints (the SDK's bearer policy refuses http). */
const httpsUrl = z.string().refine((value) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return url?.protocol === 'https:' && !url.search && !url.hash && !/\s/.test(value);
}, 'must be an https:// URL without query or fragment');

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978),
  // Unset: 127.0.0.1 without MicrosoftAppId (no authentication, this machine only), every interface with it.
  HOST: z
    .string()
    .refine((value) => value === 'localhost' || isIP(value) !== 0, 'must be an IP address or localhost')
    .optional(),
  AZURE_BACKEND: z.enum(['simulator', 'azure']).default('simulator'),
  AZURE_SUBSCRIPTION_IDS: commaList
    .pipe(z.array(z.string().regex(guid, 'each subscription id must be a GUID')))
    .default([]),
  // The Azure cloud (AZURE_BACKEND=azure): a name, and overrides of its three endpoints.
  AZURE_CLOUD: z
    .string()
    .transform((value) => azureCloudNameOf(value) ?? value)
    .pipe(z.enum(azureCloudNames))
    .default('AzurePublicCloud'),
  AZURE_RESOURCE_MANAGER_URL: httpsUrl.optional(),
  // @azure/identity's own variable: the bot passes the same value to DefaultAzureCredential.
  AZURE_AUTHORITY_HOST: httpsUrl.optional(),
  AZURE_RESOURCE_MANAGER_AUDIENCE: z
    .string()
    .regex(/^(https|api):\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'must be an https:// or api:// URI')
    .optional(),
  // The portal links `job <id>` gives (an Azure Backup or Site Recovery job): the cloud's own unless set.
  AZURE_PORTAL_URL: httpsUrl.optional(),
  AZURE_DISABLE_INSTANCE_DISCOVERY: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .default(false),
  AZURE_POLL_SECONDS: z.coerce.number().min(0.05).max(300).optional(),
  SIMULATOR_SPEED: z.coerce.number().positive().max(1_000_000).default(60),
  SIMULATOR_ESTATE: z.string().min(1).optional(),
  SIMULATOR_SIGN_IN: z.enum(['on', 'off']).default('off'),
  SIMULATOR_URL: z.url({ protocol: /^https?$/ }).optional(),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppTenantId: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  // botbuilder's endpoint settings, for sovereign clouds (and for validating tokens offline in tests).
  ChannelService: z.url().optional(),
  ToBotFromChannelOpenIdMetadataUrl: z.url({ protocol: /^https?$/ }).optional(),
  ToBotFromChannelTokenIssuer: z.string().min(1).optional(),
  ToBotFromEmulatorOpenIdMetadataUrl: z.url({ protocol: /^https?$/ }).optional(),
  ToChannelFromBotLoginUrl: z.url({ protocol: /^https?$/ }).optional(),
  ToChannelFromBotOAuthScope: z.string().min(1).optional(),
  BACKUP_VAULT_IDS: commaList
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.RecoveryServices\/vaults\/[^/]+$/i,
            'each vault must be a Recovery Services vault resource id',
          ),
      ),
    )
    .default([]),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SITE_RECOVERY_VAULT_IDS: commaList
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.RecoveryServices\/vaults\/[^/]+$/i,
            'each vault must be a Recovery Services vault resource id',
          ),
      ),
    )
    .default([]),
  DR_DRILL_CLEANUP_HOURS: z.coerce.number().positive().max(72).default(4),
  JOB_LEASE_SECONDS: z.coerce.number().min(1).max(600).default(30),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  RATE_LIMIT_CHANNEL_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
  RATE_LIMIT_READS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
  ALERT_POLL_SECONDS: z.coerce.number().min(1).max(3600).optional(),
  ALERT_RPO_TARGET_MINUTES: z.coerce.number().positive().max(1440).default(15),
  ALERT_RPO_TARGETS: commaList
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}=\d{1,4}$/, 'each must be app=minutes, e.g. shop=10'),
      ),
    )
    .default([]),
  ALERT_DRILL_MAX_AGE_DAYS: z.coerce.number().positive().max(366).default(30),
  ALERT_MISSED_BACKUP_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 31)
    .default(26),
  RESTORE_SUBNET_IDS: commaList
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i,
            'each must be a subnet resource id',
          ),
      ),
    )
    .default([]),
  RESTORE_STAGING_STORAGE_ACCOUNT_ID: z
    .string()
    .regex(
      /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[a-z0-9]{3,24}$/i,
      'must be a storage account resource id',
    )
    .optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'a Slack bot token starts with xoxb-')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'a Slack app-level token starts with xapp-')
    .optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  SLACK_COMMAND: z
    .string()
    .regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command is / and up to 31 lowercase letters, digits, - or _')
    .default('/recovery'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  CHATOPS_POLICY: z.string().min(1).default('config/policy.yaml'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Reads /metrics (and /healthz's details) from anywhere as `Authorization: Bearer <token>`; a secret.
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 characters, printable, without spaces')
    .optional(),
  // OpenTelemetry's standard names (an addition to DESIGN.md's list): tracing stays off unless one is set.
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'none']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('recovery-chatops-bot'),
});

export type AppConfig = z.infer<typeof envSchema>;

/** How to fix each variable, shown when its value is rejected. */
const fixes: Record<string, string> = {
  PORT: 'set a port number between 0 and 65535, or unset it for 3978',
  HOST: 'give the address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 or :: (every interface), or the IP of one interface, without the port (that is PORT); or unset it (127.0.0.1 without MicrosoftAppId, every interface with it)',
  AZURE_BACKEND: 'use "simulator" (built-in fake Azure) or "azure" (real Azure with DefaultAzureCredential)',
  AZURE_SUBSCRIPTION_IDS: 'give a comma-separated list of subscription GUIDs',
  AZURE_CLOUD:
    "use AzurePublicCloud (the default), AzureChinaCloud or AzureUSGovernment (the Azure CLI's AzureCloud also works); for any other cloud set AZURE_RESOURCE_MANAGER_URL, AZURE_AUTHORITY_HOST and AZURE_RESOURCE_MANAGER_AUDIENCE",
  AZURE_RESOURCE_MANAGER_URL:
    "give the https base URL of Azure Resource Manager, e.g. https://management.azure.com, or unset it for the cloud's own",
  AZURE_AUTHORITY_HOST:
    "give the https URL of the Microsoft Entra authority host, e.g. https://login.microsoftonline.com (no tenant), or unset it for the cloud's own",
  AZURE_RESOURCE_MANAGER_AUDIENCE:
    "give the audience of Resource Manager tokens, e.g. https://management.azure.com (the scope is it plus /.default), or unset it for the cloud's own",
  AZURE_PORTAL_URL:
    "give the https URL of the Azure portal, e.g. https://portal.azure.com, or unset it for the cloud's own",
  AZURE_DISABLE_INSTANCE_DISCOVERY:
    'use "true" (a private cloud or Azure Stack authority Microsoft cannot validate) or "false" (the default)',
  AZURE_POLL_SECONDS:
    'give how often, in seconds (0.05 to 300), the bot reads an operation or job it follows when Azure sends no Retry-After, or unset it for 2 s (operations) and 15 s (Backup and Site Recovery jobs)',
  SIMULATOR_SPEED: 'give a positive number of simulated seconds per real second, e.g. 60',
  SIMULATOR_URL: 'give the http(s) URL of a running `npm run simulator`, e.g. http://127.0.0.1:4100',
  SIMULATOR_SIGN_IN:
    'use "on" (`npm run simulator` makes a principal and asks every ARM request to sign in) or "off" (the default)',
  MicrosoftAppType: 'use MultiTenant, SingleTenant or UserAssignedMSI',
  BACKUP_VAULT_IDS:
    'give a comma-separated list of vault ids, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.RecoveryServices/vaults/<name>',
  SITE_RECOVERY_VAULT_IDS:
    'give a comma-separated list of vault ids, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.RecoveryServices/vaults/<name>',
  JOB_LEASE_SECONDS:
    'give how long a replica may go silent before another takes over its jobs, in seconds (1 to 600), e.g. 30',
  RATE_LIMIT_USER_PER_MINUTE: 'give how many changing commands one person may start per minute, e.g. 20',
  RATE_LIMIT_CHANNEL_PER_MINUTE: 'give how many changing commands one channel may start per minute, e.g. 60',
  RATE_LIMIT_READS_PER_MINUTE:
    'give how many reads (and dry runs) one person may run per minute, a whole number from 1 to 10000, e.g. 60',
  ALERT_POLL_SECONDS:
    'give how often the alert watchers read Azure, in seconds (1 to 3600); unset: 300 (with the simulator, 300 / SIMULATOR_SPEED, at least 5)',
  ALERT_RPO_TARGET_MINUTES: 'give the default RPO target of an app in minutes, e.g. 15',
  ALERT_RPO_TARGETS: 'give a comma-separated list of app=minutes, e.g. shop=10,crm=30',
  ALERT_DRILL_MAX_AGE_DAYS: 'give after how many days without a successful drill an app is overdue, e.g. 30',
  ALERT_MISSED_BACKUP_HOURS:
    'give how many hours without a new recovery point count as a missed backup (26 for a daily policy)',
  DR_DRILL_CLEANUP_HOURS: 'give the hours after which drill VMs are cleaned up by the bot (up to 72), e.g. 4',
  RESTORE_SUBNET_IDS:
    'give a comma-separated list of subnet ids, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
  RESTORE_STAGING_STORAGE_ACCOUNT_ID:
    'give the resource id of a storage account in the region of the VMs, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Storage/storageAccounts/<name>',
  ChannelService:
    'unset it for public Azure, or give https://botframework.azurewebsites.net for US Government',
  ToBotFromChannelOpenIdMetadataUrl:
    'give the URL of the Bot Connector OpenID metadata document, or unset it',
  ToBotFromEmulatorOpenIdMetadataUrl: 'give the URL of an OpenID metadata document, or unset it',
  ToChannelFromBotLoginUrl: 'give the Entra login URL with tenant, or unset it',
  SLACK_BOT_TOKEN: 'copy the Bot User OAuth Token (xoxb-...) from the Slack app settings',
  SLACK_APP_TOKEN: 'copy an app-level token with connections:write (xapp-...) from the Slack app settings',
  SLACK_API_URL: 'give an absolute URL such as https://slack.com/api/',
  SLACK_COMMAND: 'give the slash command as created in the Slack app, e.g. /recovery',
  LOG_LEVEL: 'use one of fatal, error, warn, info, debug, trace, silent',
  METRICS_TOKEN:
    'give a random token of at least 16 characters without spaces (`openssl rand -hex 32`), the one your scraper sends as Authorization: Bearer <token>; or unset it to serve /metrics to this machine only',
  OTEL_TRACES_EXPORTER:
    'use "otlp" (OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT), "console" (spans on stdout) or "none"',
  OTEL_EXPORTER_OTLP_ENDPOINT:
    'give the http(s) base URL of an OTLP/HTTP collector, e.g. http://localhost:4318 (/v1/traces is added)',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:
    'give the full http(s) URL the collector takes traces at, e.g. http://localhost:4318/v1/traces',
  DATABASE_URL:
    'give a PostgreSQL URL, postgres://user:password@host:5432/database (unset it for SQLite in DATA_DIR)',
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment once. Throws ConfigError naming every bad variable and its fix. */
export function readAppConfig(env: Env): AppConfig {
  // An empty variable means "not set", as in most shells' `FOO= npm start`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const fix = fixes[name] ? ` Fix: ${fixes[name]}.` : '';
      return `- ${name}: ${issue.message}.${fix}`;
    });
    throw new ConfigError(`The bot cannot start: bad configuration.\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  checkCombinations(config);
  return config;
}

function checkCombinations(config: AppConfig): void {
  if (config.AZURE_BACKEND === 'azure' && config.AZURE_SUBSCRIPTION_IDS.length === 0) {
    throw new ConfigError(
      'The bot cannot start: AZURE_BACKEND=azure needs AZURE_SUBSCRIPTION_IDS. Fix: set it to the comma-separated subscription ids the bot may manage.',
    );
  }
  if (config.MicrosoftAppId && config.MicrosoftAppType !== 'MultiTenant' && !config.MicrosoftAppTenantId) {
    throw new ConfigError(
      `The bot cannot start: MicrosoftAppType=${config.MicrosoftAppType} needs MicrosoftAppTenantId. Fix: set it to the Entra tenant id of the bot registration.`,
    );
  }
  checkSlack(config);
  if (
    config.MicrosoftAppId &&
    !config.MicrosoftAppPassword &&
    config.MicrosoftAppType !== 'UserAssignedMSI'
  ) {
    throw new ConfigError(
      'The bot cannot start: MicrosoftAppId is set but MicrosoftAppPassword is empty. Fix: set the client secret of the bot registration, or use MicrosoftAppType=UserAssignedMSI.',
    );
  }
}

/** Slack needs its bot token, and either the signing secret (HTTP) or an app-level token (Socket Mode). */
function checkSlack(config: AppConfig): void {
  const { SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, SLACK_APP_TOKEN: app } = config;
  if (!bot && (secret || app)) {
    throw new ConfigError(
      "The bot cannot start: Slack needs SLACK_BOT_TOKEN. Fix: copy the Bot User OAuth Token (xoxb-...) from the Slack app's OAuth & Permissions page, or unset the other SLACK_ variables.",
    );
  }
  if (bot && !secret && !app) {
    throw new ConfigError(
      "The bot cannot start: SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is. Fix: copy the Signing Secret from the Slack app's Basic Information page, or an app-level token with connections:write for Socket Mode.",
    );
  }
}
