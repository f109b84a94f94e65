import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLACEHOLDER_APP_ID } from '../../manifest/teams/check-package-options.js';
import { BOT_SCOPES, deriveCommandLists } from '../../manifest/teams/derive-command-lists.js';
import { TEAMS_SOURCE_DIR } from '../../manifest/teams/teams-source-dir.js';
import {
  loadTeamsManifestSchema,
  TEAMS_MANIFEST_VERSION,
  TEAMS_SCHEMA_URL,
  type TeamsManifest,
  validateTeamsManifest,
} from '../../manifest/teams/validate-teams-manifest.js';
import { commandCatalog } from '../../src/commands/catalog.js';
import { listTeamsCommands } from '../../src/commands/list-chat-commands.js';

const manifestFile = join(TEAMS_SOURCE_DIR, 'manifest.json');
const readManifest = (): TeamsManifest => JSON.parse(readFileSync(manifestFile, 'utf8'));

/** A path into the bundled schema, for its limits ("commands" at most 12 in v1.30, ...). */
function schemaAt(...path: string[]): Record<string, unknown> {
  let node: unknown = loadTeamsManifestSchema();
  for (const key of path) node = (node as Record<string, unknown>)[key];
  return node as Record<string, unknown>;
}
const commandSchema = () =>
  schemaAt('properties', 'bots', 'items', 'properties', 'commandLists', 'items', 'properties', 'commands');

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('manifest/teams/manifest.json', () => {
  it('validates against the bundled schema, without the network', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetch);
    expect(await validateTeamsManifest(readManifest())).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('is checked by that validation (a broken copy fails)', async () => {
    const broken = {
      ...readManifest(),
      accentColor: 'teal',
      bots: [{ botId: 'my-bot', scopes: ['everyone'] }],
    };
    const errors = await validateTeamsManifest(broken as unknown as TeamsManifest);
    expect(errors.join('\n')).toMatch(/\/accentColor must match pattern/);
    expect(errors.join('\n')).toMatch(/\/bots\/0\/botId must match pattern/);
    expect(errors.join('\n')).toMatch(/\/bots\/0\/scopes\/0 must be equal to one of the allowed values/);
  });

  it(`uses schema v${TEAMS_MANIFEST_VERSION} by its official URL`, () => {
    const manifest = readManifest();
    expect(manifest.$schema).toBe(TEAMS_SCHEMA_URL);
    expect(manifest.manifestVersion).toBe(TEAMS_MANIFEST_VERSION);
    expect(schemaAt('properties', 'manifestVersion').const).toBe(TEAMS_MANIFEST_VERSION);
  });

  it('holds placeholders for the app id, never a real one (package:teams fills them)', () => {
    const manifest = readManifest();
    expect(manifest.id).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.bots?.map((bot) => bot.botId)).toEqual([PLACEHOLDER_APP_ID]);
    expect(manifest.validDomains).toEqual(['recovery-bot.example.com']);
  });

  it('declares one conversational bot for personal, team and group chats', () => {
    expect(readManifest().bots).toEqual([
      expect.objectContaining({
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
      }),
    ]);
  });

  it('names icons that exist in the folder', () => {
    const { icons } = readManifest();
    expect(icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    for (const file of [icons.color, icons.outline])
      expect(existsSync(join(TEAMS_SOURCE_DIR, file))).toBe(true);
  });
});

/** The command menu is the catalog's; `UPDATE_GOLDEN=1 npx vitest run test/manifest` rewrites it. */
describe('Teams command menu', () => {
  it('matches the command catalog', () => {
    const manifest = readManifest();
    const [bot] = manifest.bots ?? [];
    const expected = deriveCommandLists();
    if (
      bot &&
      JSON.stringify(bot.commandLists) !== JSON.stringify(expected) &&
      process.env.UPDATE_GOLDEN === '1'
    ) {
      bot.commandLists = expected;
      writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
      return;
    }
    expect(
      bot?.commandLists,
      'manifest.json commands are stale: run UPDATE_GOLDEN=1 npx vitest run test/manifest',
    ).toEqual(expected);
  });

  it.each(BOT_SCOPES)('lists the featured commands in the %s scope', (scope) => {
    const lists = readManifest().bots?.[0]?.commandLists ?? [];
    const forScope = lists.filter((list) => list.scopes.includes(scope));
    expect(forScope).toHaveLength(1);
    expect(forScope[0]?.commands).toEqual(listTeamsCommands());
  });

  it("keeps within the schema's limits and the older clients' (10 commands, 32-character titles)", () => {
    const commands = listTeamsCommands();
    const items = commandSchema().items as { properties: Record<string, { maxLength: number }> };
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.length).toBeLessThanOrEqual(Math.min(10, commandSchema().maxItems as number));
    for (const { title, description } of commands) {
      expect(title.length, title).toBeLessThanOrEqual(Math.min(32, items.properties.title?.maxLength ?? 0));
      expect(description.length, title).toBeLessThanOrEqual(items.properties.description?.maxLength ?? 0);
      expect(description.length, `${title} needs a description`).toBeGreaterThan(0);
    }
  });

  it('shows each command by its full words, cut by no limit, once', () => {
    const titles = listTeamsCommands().map((command) => command.title);
    const featured = commandCatalog.filter((spec) => spec.featured).map((spec) => spec.words.join(' '));
    expect(titles).toEqual(featured);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
