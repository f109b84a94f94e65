import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../manifest/teams/build-teams-package.js';
import { TeamsPackageError, type TeamsPackageInput } from '../../manifest/teams/check-package-options.js';
import { deriveCommandLists } from '../../manifest/teams/derive-command-lists.js';
import { TEAMS_SOURCE_DIR } from '../../manifest/teams/teams-source-dir.js';
import { type TeamsManifest, validateTeamsManifest } from '../../manifest/teams/validate-teams-manifest.js';

const appId = '8f0c2a51-3b6e-4c1d-9a7f-2e5b0c9d4a13';
const domain = 'recovery-bot.contoso.com';
const scratch = mkdtempSync(join(tmpdir(), 'teams-package-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('buildTeamsPackage', () => {
  it('zips a valid manifest carrying the app id and domain, with both icons', async () => {
    const built = await buildTeamsPackage({ appId, domain });
    const files = unzipSync(built.zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as TeamsManifest;
    expect(manifest).toEqual(built.manifest);
    expect(await validateTeamsManifest(manifest)).toEqual([]);
    expect(manifest.id).toBe(appId);
    expect(manifest.bots?.map((bot) => bot.botId)).toEqual([appId]);
    expect(manifest.validDomains).toEqual([domain]);
    expect(manifest.version).toBe('1.0.0');
    expect(manifest.developer.websiteUrl).toBe(`https://${domain}/`);
    expect(manifest.developer.privacyUrl).toBe(`https://${domain}/`);
    expect(manifest.bots?.[0]?.commandLists).toEqual(deriveCommandLists());
    expect(JSON.stringify(manifest)).not.toContain('00000000-0000');
    expect(JSON.stringify(manifest)).not.toContain('example.com');
    for (const icon of ['color.png', 'outline.png']) {
      expect(Buffer.from(files[icon] ?? []).equals(readFileSync(join(TEAMS_SOURCE_DIR, icon)))).toBe(true);
    }
  });

  it('takes a version and a developer page, and lower-cases the domain', async () => {
    const { manifest } = await buildTeamsPackage({
      appId: ` ${appId.toUpperCase()} `,
      domain: 'Recovery-Bot.Contoso.com',
      version: '2.3.10',
      developerUrl: 'https://wiki.contoso.com/recovery-bot',
    });
    expect(manifest.id).toBe(appId.toUpperCase());
    expect(manifest.validDomains).toEqual([domain]);
    expect(manifest.version).toBe('2.3.10');
    expect(manifest.developer.termsOfUseUrl).toBe('https://wiki.contoso.com/recovery-bot');
  });

  it('gives the same bytes for the same inputs', async () => {
    const [a, b] = await Promise.all([
      buildTeamsPackage({ appId, domain }),
      buildTeamsPackage({ appId, domain }),
    ]);
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
  });

  const bad: [string, TeamsPackageInput, RegExp][] = [
    ['no app id', { domain }, /^MicrosoftAppId is not set\. .*Azure Bot/],
    ['a blank app id', { appId: '  ', domain }, /^MicrosoftAppId is not set/],
    [
      'an app id that is no GUID',
      { appId: 'recovery-bot', domain },
      /MicrosoftAppId must be a GUID .*got "recovery-bot"/,
    ],
    [
      'the placeholder app id',
      { appId: '00000000-0000-0000-0000-000000000000', domain },
      /all-zero placeholder/,
    ],
    ['no domain', { appId }, /^BOT_DOMAIN is not set\. .*hostname/],
    [
      'a URL for the domain',
      { appId, domain: `https://${domain}/api/messages` },
      /hostname only, without scheme, port or path, got "https:\/\/recovery-bot\.contoso\.com\/api\/messages"\. Use BOT_DOMAIN=recovery-bot\.contoso\.com$/,
    ],
    [
      'a domain with a port',
      { appId, domain: `${domain}:443` },
      /Use BOT_DOMAIN=recovery-bot\.contoso\.com$/,
    ],
    ['localhost', { appId, domain: 'localhost' }, /"localhost" is not a public hostname/],
    ['a domain with a space', { appId, domain: 'recovery bot.contoso.com' }, /is not a public hostname/],
    [
      'a version with a v',
      { appId, domain, version: 'v1.0.0' },
      /TEAMS_APP_VERSION must be major\.minor\.patch/,
    ],
    [
      'a two-part version',
      { appId, domain, version: '1.2' },
      /TEAMS_APP_VERSION must be major\.minor\.patch/,
    ],
    [
      'an http developer page',
      { appId, domain, developerUrl: 'http://wiki' },
      /TEAMS_DEVELOPER_URL must be an https/,
    ],
  ];

  it.each(bad)('refuses %s, saying how to fix it', async (_, input, message) => {
    const failure = await buildTeamsPackage(input).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TeamsPackageError);
    expect((failure as Error).message).toMatch(message);
  });

  it('refuses to zip a manifest.json that breaks the schema', async () => {
    const source = join(scratch, 'broken');
    cpSync(TEAMS_SOURCE_DIR, source, { recursive: true, filter: (path) => !path.endsWith('.ts') });
    const template = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
    writeFileSync(join(source, 'manifest.json'), JSON.stringify({ ...template, accentColor: 'teal' }));
    await expect(buildTeamsPackage({ appId, domain }, source)).rejects.toThrow(
      /does not match its schema:\n- \/accentColor must match pattern/,
    );
  });
});
