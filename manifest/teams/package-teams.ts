import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTeamsPackage } from './build-teams-package.js';
import { TeamsPackageError } from './check-package-options.js';
import { REPO_ROOT } from './teams-source-dir.js';

/**
 * `npm run package:teams [-- out.zip]`: the Teams app package, from MicrosoftAppId, BOT_DOMAIN and
 * optionally TEAMS_APP_VERSION and TEAMS_DEVELOPER_URL. A tool, not the bot: it may read process.env.
 */

export const DEFAULT_PACKAGE_PATH = join(REPO_ROOT, 'dist', 'teams-app.zip');

export interface PackageTeamsIo {
  stdout: Pick<NodeJS.WritableStream, 'write'>;
  stderr: Pick<NodeJS.WritableStream, 'write'>;
}

/** The whole command: returns the exit code (0 written, 2 bad input; anything else throws). */
export async function runPackageTeams(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: PackageTeamsIo,
): Promise<number> {
  if (argv.length > 1 || argv[0]?.startsWith('-')) {
    io.stderr.write(`Usage: npm run package:teams [-- out.zip] (default ${DEFAULT_PACKAGE_PATH})\n`);
    return 2;
  }
  const out = resolve(argv[0] ?? DEFAULT_PACKAGE_PATH);
  try {
    const { manifest, zip } = await buildTeamsPackage({
      appId: env.MicrosoftAppId,
      domain: env.BOT_DOMAIN,
      version: env.TEAMS_APP_VERSION,
      developerUrl: env.TEAMS_DEVELOPER_URL,
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    const fromCwd = relative(process.cwd(), out);
    const shown = fromCwd.startsWith('..') || isAbsolute(fromCwd) ? out : fromCwd;
    io.stdout.write(
      `Wrote ${shown}: Teams app ${manifest.id} version ${manifest.version}, ` +
        `bot domain ${manifest.validDomains?.join(', ')}.\n` +
        'Upload it in Teams: Apps > Manage your apps > Upload an app (or, for the whole organisation, ' +
        'Teams admin center > Teams apps > Manage apps > Upload new app).\n',
    );
    return 0;
  } catch (error) {
    if (!(error instanceof TeamsPackageError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 2;
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = await runPackageTeams(process.argv.slice(2), process.env, {
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
