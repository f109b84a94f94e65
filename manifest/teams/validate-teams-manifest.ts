import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type TeamsManifestV1D30 } from '@microsoft/app-manifest';

/** The manifest schema we write: the newest released one that @microsoft/app-manifest bundles. */
export const TEAMS_MANIFEST_VERSION = '1.30';
export const TEAMS_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;
type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

let bundledSchema: ManifestSchema | undefined;

/** The schema JSON shipped inside @microsoft/app-manifest: validation never goes to the network. */
export function loadTeamsManifestSchema(): ManifestSchema {
  if (!bundledSchema) {
    const packageDir = dirname(
      createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'),
    );
    const file = join(
      packageDir,
      'build/json-schemas/teams',
      `v${TEAMS_MANIFEST_VERSION}`,
      'MicrosoftTeams.schema.json',
    );
    bundledSchema = JSON.parse(readFileSync(file, 'utf8')) as ManifestSchema;
  }
  return bundledSchema;
}

/**
 * Schema errors of a manifest ("/bots/0/botId must match pattern ..."), none when it is valid. The
 * schema is passed in: without it the library resolves `$schema` itself and, for a version it does
 * not bundle, fetches it.
 */
export async function validateTeamsManifest(manifest: TeamsManifest): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest, loadTeamsManifestSchema());
}
