import { isIP } from 'node:net';

export interface ListenAddress {
  /** What the server listens on; undefined: every interface (Node's default). */
  host: string | undefined;
  /** Only this machine can connect (127.0.0.0/8, ::1 or localhost). */
  loopbackOnly: boolean;
  /** The base URL the bot is reached at from this machine. */
  urlFor(port: number): string;
}

/**
 * Where the one HTTP server listens. Without Teams authentication (no MicrosoftAppId) the bot
 * trusts whoever reaches /api/messages, so by default it listens on loopback only and nothing off
 * this machine can connect; with an app id, Teams must reach it: every interface. HOST overrides
 * both (a Slack-only bot in HTTP mode behind another machine's proxy, say), and main.ts warns when
 * that opens an unauthenticated bot to the network.
 */
export function chooseListenAddress(config: { HOST?: string; MicrosoftAppId: string }): ListenAddress {
  const host = config.HOST ?? (config.MicrosoftAppId ? undefined : '127.0.0.1');
  const everywhere = host === undefined || host === '0.0.0.0' || host === '::';
  const loopbackOnly = host !== undefined && isLoopback(host);
  // localhost reaches 127.0.0.1 and every interface; any other address is reached at itself.
  const viaLocalhost = everywhere || host === '127.0.0.1' || host === 'localhost';
  const name = viaLocalhost ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  return { host, loopbackOnly, urlFor: (port) => `http://${name}:${port}` };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}
