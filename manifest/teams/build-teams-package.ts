import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { checkTeamsPackageOptions, type TeamsPackageInput } from './check-package-options.js';
import { deriveCommandLists } from './derive-command-lists.js';
import { TEAMS_SOURCE_DIR } from './teams-source-dir.js';
import { type TeamsManifest, validateTeamsManifest } from './validate-teams-manifest.js';

export interface TeamsPackage {
  manifest: TeamsManifest;
  /** The app package: manifest.json and the two icons at the zip's root. */
  zip: Uint8Array;
}

/** Fixed entry times, so the same inputs give the same zip. */
const ENTRY_TIME = new Date(2024, 0, 1);

/**
 * Builds the Teams app package from manifest.json and the icons in `sourceDir`: the app id, bot id,
 * domain and version from the input, the command menu from the catalog (whatever manifest.json
 * holds), then checks the result against the bundled schema. Throws TeamsPackageError on bad input.
 */
export async function buildTeamsPackage(
  input: TeamsPackageInput,
  sourceDir: string = TEAMS_SOURCE_DIR,
): Promise<TeamsPackage> {
  const options = checkTeamsPackageOptions(input);
  const template = JSON.parse(readFileSync(join(sourceDir, 'manifest.json'), 'utf8')) as TeamsManifest;
  const [bot, ...otherBots] = template.bots ?? [];
  if (!bot || otherBots.length > 0) throw new Error('manifest.json must declare exactly one bot');
  const manifest: TeamsManifest = {
    ...template,
    id: options.appId,
    version: options.version ?? template.version,
    developer: {
      ...template.developer,
      websiteUrl: options.developerUrl,
      privacyUrl: options.developerUrl,
      termsOfUseUrl: options.developerUrl,
    },
    bots: [{ ...bot, botId: options.appId, commandLists: deriveCommandLists() }],
    validDomains: [options.domain],
  };
  const errors = await validateTeamsManifest(manifest);
  if (errors.length > 0) {
    throw new Error(`The built Teams manifest does not match its schema:\n- ${errors.join('\n- ')}`);
  }
  const files: Record<string, Uint8Array> = {
    'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
  };
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    files[icon] = readFileSync(join(sourceDir, icon));
  }
  return { manifest, zip: zipSync(files, { level: 9, mtime: ENTRY_TIME }) };
}
