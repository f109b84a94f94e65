import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BACKGROUND_COLOR,
  buildSlackManifest,
  SLACK_BOT_EVENTS,
  SLACK_BOT_SCOPES,
} from '../../manifest/slack/build-slack-manifest.js';
import {
  DEFAULT_SLASH_COMMAND,
  PLACEHOLDER_DOMAIN,
  SlackManifestError,
  type SlackManifestInput,
} from '../../manifest/slack/check-manifest-options.js';
import { deriveUsageHint } from '../../manifest/slack/derive-usage-hint.js';
import { renderSlackManifestYaml } from '../../manifest/slack/render-manifest-yaml.js';
import { CHECKED_IN_MANIFESTS, SLACK_MANIFEST_DIR } from '../../manifest/slack/slack-manifest-files.js';
import { SLACK_MANIFEST_LIMITS } from '../../manifest/slack/slack-manifest-limits.js';
import { type SlackManifest, validateSlackManifest } from '../../manifest/slack/validate-slack-manifest.js';
import { commandCatalog } from '../../src/commands/catalog.js';
import { slackUsageHint } from '../../src/commands/list-chat-commands.js';
import { parseCommand } from '../../src/commands/parse-command.js';

const http = (): SlackManifest => buildSlackManifest({ socketMode: false, domain: PLACEHOLDER_DOMAIN });
const socket = (): SlackManifest => buildSlackManifest({ socketMode: true });
const commandOf = (manifest: SlackManifest) => manifest.features?.slash_commands?.[0];
const EVENTS_URL = `https://${PLACEHOLDER_DOMAIN}/slack/events`;

/** Every request URL of a manifest, wherever Slack takes one. */
function requestUrls(manifest: SlackManifest): unknown[] {
  return [
    ...(manifest.features?.slash_commands ?? []).map((command) => command.url),
    manifest.settings?.event_subscriptions?.request_url,
    manifest.settings?.interactivity?.request_url,
    manifest.settings?.interactivity?.message_menu_options_url,
  ];
}

/** Generated copies; `UPDATE_GOLDEN=1 npx vitest run test/manifest` rewrites them. */
describe.each(CHECKED_IN_MANIFESTS)('manifest/slack/$file', ({ file, input }) => {
  const path = join(SLACK_MANIFEST_DIR, file);

  it('is the generator output, comment included', () => {
    const expected = renderSlackManifestYaml(buildSlackManifest(input));
    const actual = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (actual !== expected && process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(path, expected);
      return;
    }
    expect(actual, `${file} is stale: run UPDATE_GOLDEN=1 npx vitest run test/manifest`).toBe(expected);
  });

  it('parses as YAML to exactly the manifest built from its inputs, and keeps to the rules', () => {
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# Slack app manifest of Recovery bot')).toBe(true);
    expect(text).toContain('do not edit by hand');
    const parsed = parse(text) as SlackManifest;
    expect(parsed).toEqual(buildSlackManifest(input));
    expect(validateSlackManifest(parsed)).toEqual([]);
  });
});

describe('buildSlackManifest', () => {
  it('keeps within the limits of Slack’s manifest schema', () => {
    // The numbers of slackapi/manifest-schema (manifest.schema.1.0.0.json), spelt out so a change shows.
    expect(SLACK_MANIFEST_LIMITS.appName.max).toBe(35);
    expect(SLACK_MANIFEST_LIMITS.description.max).toBe(140);
    expect(SLACK_MANIFEST_LIMITS.longDescription).toEqual({ min: 175, max: 4000 });
    expect(SLACK_MANIFEST_LIMITS.command.max).toBe(32);
    expect(SLACK_MANIFEST_LIMITS.usageHint.max).toBe(1000);
    for (const manifest of [http(), socket()]) {
      const { name, description, long_description } = manifest.display_information;
      expect(name.length).toBeLessThanOrEqual(35);
      expect(description?.length).toBeLessThanOrEqual(140);
      expect(long_description?.length).toBeGreaterThanOrEqual(175);
      expect(long_description?.length).toBeLessThanOrEqual(4000);
      const command = commandOf(manifest);
      expect(command?.command).toMatch(/^\/[a-z0-9_-]+$/);
      expect(command?.command.length).toBeLessThanOrEqual(32);
      expect(command?.usage_hint?.length).toBeLessThanOrEqual(1000);
      expect(validateSlackManifest(manifest)).toEqual([]);
    }
  });

  it('shows the app as Recovery bot, in the Teams accent colour, always online, open to DMs', () => {
    const manifest = http();
    expect(manifest.display_information).toMatchObject({ name: 'Recovery bot', background_color: '#0B6A77' });
    expect(BACKGROUND_COLOR).toBe(
      JSON.parse(readFileSync(join(SLACK_MANIFEST_DIR, '../teams/manifest.json'), 'utf8')).accentColor,
    );
    expect(manifest.features?.bot_user).toEqual({ display_name: 'Recovery bot', always_online: true });
    expect(manifest.features?.app_home).toEqual({
      home_tab_enabled: false,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.display_information.long_description).toContain('"/recovery help"');
  });

  it('asks for exactly the scopes the bot uses, and the two events it handles', () => {
    for (const manifest of [http(), socket()]) {
      expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual(
        ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'users:read'].sort(),
      );
      expect(manifest.oauth_config).toEqual({ scopes: { bot: [...SLACK_BOT_SCOPES] } });
      expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(['app_mention', 'message.im']);
      expect(manifest.settings?.event_subscriptions?.bot_events).toEqual([...SLACK_BOT_EVENTS]);
      expect(manifest.settings).toMatchObject({ org_deploy_enabled: false, token_rotation_enabled: false });
    }
  });

  it('in HTTP mode sends the command, events and clicks to https://<domain>/slack/events', () => {
    const manifest = http();
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
    expect(manifest.settings?.interactivity).toEqual({ is_enabled: true, request_url: EVENTS_URL });
    expect(requestUrls(manifest)).toEqual([EVENTS_URL, EVENTS_URL, EVENTS_URL, undefined]);
  });

  it('in Socket Mode has no request URL at all, and interactivity still on', () => {
    const manifest = socket();
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
    expect(manifest.settings?.interactivity).toEqual({ is_enabled: true });
    expect(requestUrls(manifest).filter((url) => url !== undefined)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toMatch(/https?:/);
    // BOT_DOMAIN may be set for Teams; Socket Mode does not use it.
    expect(buildSlackManifest({ socketMode: true, domain: 'bot.contoso.com' })).toEqual(manifest);
  });

  it('names the slash command /recovery unless told otherwise', () => {
    expect(commandOf(http())).toMatchObject({ command: DEFAULT_SLASH_COMMAND, should_escape: false });
    for (const command of ['/dr-bot', '  /dr-bot ']) {
      const manifest = buildSlackManifest({ socketMode: true, command });
      expect(commandOf(manifest)?.command).toBe('/dr-bot');
      expect(manifest.display_information.long_description).toContain('"/dr-bot help"');
    }
    expect(commandOf(buildSlackManifest({ socketMode: true, command: ' ' }))?.command).toBe('/recovery');
  });

  it.each<[string, SlackManifestInput, RegExp]>([
    ['no domain', { socketMode: false }, /^BOT_DOMAIN is not set\. .*SLACK_SOCKET_MODE=1/],
    ['a blank domain', { socketMode: false, domain: '  ' }, /^BOT_DOMAIN is not set/],
    [
      'a URL',
      { socketMode: false, domain: 'https://Bot.Contoso.com/slack/events' },
      /hostname only, .*Use BOT_DOMAIN=bot\.contoso\.com$/,
    ],
    ['a port', { socketMode: false, domain: 'bot.contoso.com:3978' }, /Use BOT_DOMAIN=bot\.contoso\.com$/],
    ['localhost', { socketMode: false, domain: 'localhost' }, /not a public hostname.*Socket Mode/],
    ['an underscore', { socketMode: false, domain: 'my_bot.contoso.com' }, /not a public hostname/],
    [
      'a command without its slash',
      { socketMode: true, command: 'dr-bot' },
      /Use SLACK_COMMAND=\/dr-bot, for the bot too\.$/,
    ],
    ['a command with capitals', { socketMode: true, command: '/Recovery' }, /^SLACK_COMMAND must be/],
    ['a command with a space', { socketMode: true, command: '/dr bot' }, /^SLACK_COMMAND must be/],
    ['a bare slash', { socketMode: true, command: '/' }, /^SLACK_COMMAND must be/],
    [
      'a 33-character command',
      { socketMode: true, command: `/${'r'.repeat(32)}` },
      /at most 32 characters in all/,
    ],
  ])('refuses %s with a message that says what to set', (_, input, message) => {
    expect(() => buildSlackManifest(input)).toThrow(SlackManifestError);
    expect(() => buildSlackManifest(input)).toThrow(message);
  });

  it('accepts a 32-character command and lowercases the domain', () => {
    const command = `/${'r'.repeat(31)}`;
    expect(commandOf(buildSlackManifest({ socketMode: true, command }))?.command).toBe(command);
    const manifest = buildSlackManifest({ socketMode: false, domain: 'Bot.Contoso.COM' });
    expect(commandOf(manifest)?.url).toBe('https://bot.contoso.com/slack/events');
  });
});

describe('the usage hint', () => {
  it('is the catalog’s, cut only if it passes Slack’s limit (today it fits whole)', () => {
    const hint = commandOf(http())?.usage_hint;
    expect(hint).toBe(deriveUsageHint(slackUsageHint()));
    expect(slackUsageHint().length).toBeLessThanOrEqual(SLACK_MANIFEST_LIMITS.usageHint.max);
    expect(hint).toBe(slackUsageHint());
  });

  it('names only catalog commands that are available or planned, and the featured ones', () => {
    const samples: Record<string, string> = { '<vm>': 'vm-web-01', '<app>': 'shop' };
    const items = deriveUsageHint().split(' | ');
    const ids = items.map((item) => {
      const text = item.replace(/<[^>]+>/g, (placeholder) => samples[placeholder] ?? placeholder);
      expect(text, `add a sample value for ${item}`).not.toMatch(/[<>]/);
      const result = parseCommand(text);
      if (!result.ok) throw new Error(`"${item}" in the usage hint does not parse: ${result.message}`);
      expect(['available', 'planned']).toContain(result.command.spec.availability.status);
      expect(commandCatalog).toContain(result.command.spec);
      return result.command.id;
    });
    expect(new Set(ids).size).toBe(ids.length);
    const featured = commandCatalog.filter((spec) => spec.featured && spec.id !== 'whoami').map((s) => s.id);
    expect(ids).toEqual(featured);
  });

  it('drops whole commands from the end when too long, and says so with "…"', () => {
    const hint = 'vms | status <vm> | snapshots <vm> | help';
    expect(deriveUsageHint(hint, hint.length)).toBe(hint);
    expect(deriveUsageHint(hint, hint.length - 1)).toBe('vms | status <vm> | snapshots <vm> | …');
    expect(deriveUsageHint(hint, 21)).toBe('vms | status <vm> | …');
    expect(deriveUsageHint(hint, 20)).toBe('vms | …');
    expect(deriveUsageHint(hint, 9)).toBe('vms | …');
    expect(deriveUsageHint('snapshots <vm> | help', 8)).toBe('snapsho…');
    for (const max of [8, 9, 20, 21, 30, 40])
      expect(deriveUsageHint(hint, max).length).toBeLessThanOrEqual(max);
  });
});

describe('validateSlackManifest', () => {
  it('reports fields outside the allow-list (which tsc checks against Slack’s Manifest type)', () => {
    const manifest = http();
    const broken = {
      ...manifest,
      setting: { socket_mode_enabled: true },
      settings: { ...manifest.settings, socket_mode: true },
      features: { ...manifest.features, bot_user: { display_name: 'Recovery bot', online: true } },
      oauth_config: { scopes: { bot: [{ name: 'commands' }] } },
    } as unknown as SlackManifest;
    expect(validateSlackManifest(broken)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/setting is not a field we write/),
        expect.stringMatching(/^\/settings\/socket_mode is not a field we write/),
        expect.stringMatching(/^\/features\/bot_user\/online is not a field we write/),
        '/oauth_config/scopes/bot/0 must be a value, not a group of fields',
      ]),
    );
  });

  it('reports values outside Slack’s limits and request URLs that do not fit the mode', () => {
    const manifest = http();
    const [command] = manifest.features?.slash_commands ?? [];
    const broken: SlackManifest = {
      ...manifest,
      display_information: {
        name: 'Recovery bot for the whole company!!',
        long_description: 'Too short.',
        background_color: 'teal',
      },
      features: {
        ...manifest.features,
        slash_commands: [
          { ...command, command: 'recovery', usage_hint: 'x'.repeat(1001), url: 'http://x.y/' },
        ],
      },
      oauth_config: { scopes: { bot: ['commands', 'commands'] } },
      settings: { ...manifest.settings, interactivity: { is_enabled: true } },
    } as SlackManifest;
    const errors = validateSlackManifest(broken);
    expect(errors).toEqual(
      expect.arrayContaining([
        '/display_information/name has 36 characters, Slack wants 1 to 35',
        '/display_information/description must be a string',
        '/display_information/long_description has 10 characters, Slack wants 175 to 4000',
        '/display_information/background_color must be #rgb or #rrggbb',
        expect.stringMatching(/^\/features\/slash_commands\/0\/command must be "\/"/),
        '/features/slash_commands/0/usage_hint has 1001 characters, Slack wants 1 to 1000',
        '/features/slash_commands/0/url must be an https:// URL',
        '/oauth_config/scopes/bot repeats an entry',
        '/settings/interactivity/request_url is needed in HTTP mode (Slack has nowhere else to send it)',
      ]),
    );
    const socketWithUrl = {
      ...socket(),
      settings: { ...socket().settings, interactivity: http().settings?.interactivity },
    };
    expect(validateSlackManifest(socketWithUrl as SlackManifest)).toEqual([
      '/settings/interactivity/request_url must be left out in Socket Mode (Slack sends everything over the socket)',
    ]);
  });
});
