import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSlackManifest } from './build-slack-manifest.js';
import { SlackManifestError } from './check-manifest-options.js';
import { renderSlackManifestYaml } from './render-manifest-yaml.js';

/**
 * `npm run -s manifest:slack`: prints the Slack app manifest (YAML) for BOT_DOMAIN, SLACK_COMMAND and
 * SLACK_SOCKET_MODE. A tool, not the bot: it may read process.env.
 */

export interface PrintSlackManifestIo {
  stdout: Pick<NodeJS.WritableStream, 'write'>;
  stderr: Pick<NodeJS.WritableStream, 'write'>;
}

const USAGE =
  'Usage: BOT_DOMAIN=<host> [SLACK_COMMAND=/recovery] npm run -s manifest:slack\n' +
  '   or: SLACK_SOCKET_MODE=1 [SLACK_COMMAND=/recovery] npm run -s manifest:slack\n';

/** The whole command: returns the exit code (0 printed, 2 bad input; anything else throws). */
export function runPrintSlackManifest(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: PrintSlackManifestIo,
): number {
  if (argv.length > 0) {
    io.stderr.write(USAGE);
    return 2;
  }
  try {
    const manifest = buildSlackManifest({
      socketMode: readSocketModeFlag(env.SLACK_SOCKET_MODE),
      domain: env.BOT_DOMAIN,
      command: env.SLACK_COMMAND,
    });
    io.stdout.write(renderSlackManifestYaml(manifest));
    return 0;
  } catch (error) {
    if (!(error instanceof SlackManifestError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 2;
  }
}

function readSocketModeFlag(value: string | undefined): boolean {
  const flag = value?.trim().toLowerCase() ?? '';
  if (['1', 'true', 'yes'].includes(flag)) return true;
  if (['', '0', 'false', 'no'].includes(flag)) return false;
  throw new SlackManifestError(
    `SLACK_SOCKET_MODE must be 1 (Socket Mode) or 0 (HTTP mode, the default), got "${value}".`,
  );
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = runPrintSlackManifest(process.argv.slice(2), process.env, {
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
