import { SLACK_MANIFEST_LIMITS, SLASH_COMMAND } from './slack-manifest-limits.js';

/** The inputs of a Slack manifest, as given (environment variables, through print-slack-manifest.ts). */
export interface SlackManifestInput {
  /** BOT_DOMAIN: the public hostname that serves /slack/events; required unless in Socket Mode. */
  domain?: string | undefined;
  /** SLACK_SOCKET_MODE: events over a WebSocket the bot opens; no request URLs, BOT_DOMAIN unused. */
  socketMode: boolean;
  /** SLACK_COMMAND: the slash command, default /recovery. */
  command?: string | undefined;
}

export type SlackManifestOptions =
  | { socketMode: false; domain: string; command: string }
  | { socketMode: true; command: string };

/** A bad input: shown to the user as is (one paragraph, no stack); the CLI exits with 2. */
export class SlackManifestError extends Error {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'SlackManifestError' });
  }
}

export const DEFAULT_SLASH_COMMAND = '/recovery';
/** The domain of the checked-in manifest.yaml; `npm run manifest:slack` writes the real one. */
export const PLACEHOLDER_DOMAIN = 'recovery-bot.example.com';

const EXAMPLE = 'BOT_DOMAIN=recovery-bot.contoso.com npm run -s manifest:slack';
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkSlackManifestOptions(input: SlackManifestInput): SlackManifestOptions {
  const command = checkCommand(blankToUndefined(input.command) ?? DEFAULT_SLASH_COMMAND);
  // In Socket Mode the bot dials out: BOT_DOMAIN may be set for Teams, it is simply not needed here.
  if (input.socketMode) return { socketMode: true, command };
  return { socketMode: false, domain: checkDomain(blankToUndefined(input.domain)), command };
}

function checkCommand(command: string): string {
  const { max } = SLACK_MANIFEST_LIMITS.command;
  if (!SLASH_COMMAND.test(command)) {
    const fixed = `/${command.replace(/^\/+/, '')}`;
    throw new SlackManifestError(
      `SLACK_COMMAND must be a slash command like /recovery: "/" then lowercase letters, digits, "-" ` +
        `and "_", at most ${max} characters in all, got "${command}".` +
        (SLASH_COMMAND.test(fixed)
          ? ` Use SLACK_COMMAND=${fixed}, for the bot too.`
          : ' The bot must be started with the same value.'),
    );
  }
  return command;
}

function checkDomain(domain: string | undefined): string {
  if (domain === undefined) {
    throw new SlackManifestError(
      'BOT_DOMAIN is not set. Set it to the public hostname that serves /slack/events ' +
        `(${EXAMPLE}), or use Socket Mode, which needs no public URL: SLACK_SOCKET_MODE=1 npm run -s manifest:slack`,
    );
  }
  if (/[/:]/.test(domain)) {
    const host = hostOf(domain);
    throw new SlackManifestError(
      `BOT_DOMAIN must be a hostname only, without scheme, port or path, got "${domain}".` +
        (host ? ` Use BOT_DOMAIN=${host}` : ' For example BOT_DOMAIN=recovery-bot.contoso.com'),
    );
  }
  const host = domain.toLowerCase();
  if (!HOSTNAME.test(host)) {
    throw new SlackManifestError(
      `BOT_DOMAIN "${domain}" is not a public hostname: it needs letters, digits, hyphens and at least ` +
        'one dot, e.g. recovery-bot.contoso.com (Slack cannot reach localhost; use a tunnel, or Socket Mode).',
    );
  }
  return host;
}

/** "https://bot.contoso.com/slack/events" -> "bot.contoso.com", for the hint; undefined if unparsable. */
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
