/**
 * The inputs of a Teams app package, as given (environment variables, through package-teams.ts),
 * checked one by one. The messages name the variables and say how to fix them.
 */
export interface TeamsPackageInput {
  /** MicrosoftAppId: the Azure Bot's Microsoft App ID, also used as the Teams app id. */
  appId?: string | undefined;
  /** BOT_DOMAIN: the public hostname that serves /api/messages. */
  domain?: string | undefined;
  /** TEAMS_APP_VERSION: defaults to manifest.json's version. */
  version?: string | undefined;
  /** TEAMS_DEVELOPER_URL: the developer, privacy and terms links; defaults to https://<domain>/. */
  developerUrl?: string | undefined;
}

export interface TeamsPackageOptions {
  appId: string;
  domain: string;
  version?: string;
  developerUrl: string;
}

/** A bad input: shown to the user as is (one paragraph, no stack); the CLI exits with 2. */
export class TeamsPackageError extends Error {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'TeamsPackageError' });
  }
}

/** The all-zero id of the checked-in manifest.json, replaced when a package is built. */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';

const EXAMPLE = 'MicrosoftAppId=<app id> BOT_DOMAIN=recovery-bot.contoso.com npm run package:teams';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// Teams wants major.minor.patch, no pre-release tag; it compares versions to offer an update.
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function checkTeamsPackageOptions(input: TeamsPackageInput): TeamsPackageOptions {
  const appId = checkAppId(blankToUndefined(input.appId));
  const domain = checkDomain(blankToUndefined(input.domain));
  const version = blankToUndefined(input.version);
  if (version !== undefined && !VERSION.test(version)) {
    throw new TeamsPackageError(
      `TEAMS_APP_VERSION must be major.minor.patch, e.g. 1.0.1, got "${version}". Raise it whenever ` +
        'you upload a changed package: Teams offers the update by comparing versions.',
    );
  }
  const developerUrl = checkDeveloperUrl(blankToUndefined(input.developerUrl)) ?? `https://${domain}/`;
  return { appId, domain, developerUrl, ...(version !== undefined && { version }) };
}

function checkAppId(appId: string | undefined): string {
  if (appId === undefined) {
    throw new TeamsPackageError(
      "MicrosoftAppId is not set. Set it to the bot's Microsoft App ID (a GUID, on the Azure Bot " +
        `resource's Configuration page): ${EXAMPLE}`,
    );
  }
  if (!GUID.test(appId)) {
    throw new TeamsPackageError(
      `MicrosoftAppId must be a GUID like 8f0c2a51-3b6e-4c1d-9a7f-2e5b0c9d4a13, got "${appId}". Use the ` +
        "Microsoft App ID of the Azure Bot resource (Configuration page), not the bot's name or its secret.",
    );
  }
  if (appId === PLACEHOLDER_APP_ID) {
    throw new TeamsPackageError(
      "MicrosoftAppId is the all-zero placeholder of manifest.json. Set it to the bot's real Microsoft App ID.",
    );
  }
  return appId;
}

function checkDomain(domain: string | undefined): string {
  if (domain === undefined) {
    throw new TeamsPackageError(
      `BOT_DOMAIN is not set. Set it to the public hostname that serves /api/messages: ${EXAMPLE}`,
    );
  }
  if (/[/:]/.test(domain)) {
    const host = hostOf(domain);
    throw new TeamsPackageError(
      `BOT_DOMAIN must be a hostname only, without scheme, port or path, got "${domain}".` +
        (host ? ` Use BOT_DOMAIN=${host}` : ' For example BOT_DOMAIN=recovery-bot.contoso.com'),
    );
  }
  const host = domain.toLowerCase();
  if (!HOSTNAME.test(host)) {
    throw new TeamsPackageError(
      `BOT_DOMAIN "${domain}" is not a public hostname: it needs letters, digits, hyphens and at least ` +
        "one dot, e.g. recovery-bot.contoso.com (Teams cannot reach localhost; use a tunnel's hostname).",
    );
  }
  return host;
}

function checkDeveloperUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  if (!/^https:\/\//i.test(url) || !URL.canParse(url)) {
    throw new TeamsPackageError(`TEAMS_DEVELOPER_URL must be an https:// URL, got "${url}".`);
  }
  return url;
}

/** "https://bot.contoso.com/api/messages" -> "bot.contoso.com", for the hint; undefined if unparsable. */
function hostOf(text: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return undefined;
  const host = new URL(withScheme).hostname;
  return HOSTNAME.test(host) ? host : undefined;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
