import type { AppsManifestCreateArguments } from '@slack/web-api';
import { BACKGROUND_COLOR, SLACK_MANIFEST_LIMITS as LIMITS, SLASH_COMMAND } from './slack-manifest-limits.js';

/**
 * Slack's own type of an app manifest, as `apps.manifest.create` takes it. @slack/web-api 8.2 declares
 * it as `Manifest` (dist/types/request/manifest.d.ts) but exports it only through the method arguments.
 */
export type SlackManifest = AppsManifestCreateArguments['manifest'];

/** The named keys of a type, without its index signature (`Manifest extends Record<string, unknown>`). */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: unknown };

/** A tree of the fields allowed below a type: `true` for a value, an object for a nested group. */
type FieldTree<T> = [T] extends [readonly (infer Item)[]]
  ? FieldTree<Item>
  : [T] extends [object]
    ? { [K in KnownKeys<T>]?: FieldTree<NonNullable<T[K]>> }
    : true;

/**
 * Every field our manifest may hold. tsc checks each name against Slack's type (a misspelt or invented
 * field does not compile here); validateSlackManifest refuses any field not listed, which the type
 * alone cannot do: `Manifest` accepts any extra top-level key, and spreads escape excess-property checks.
 */
export const MANIFEST_FIELDS: FieldTree<SlackManifest> = {
  display_information: { name: true, description: true, long_description: true, background_color: true },
  features: {
    app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
    bot_user: { display_name: true, always_online: true },
    slash_commands: { command: true, description: true, should_escape: true, url: true, usage_hint: true },
  },
  oauth_config: { scopes: { bot: true } },
  settings: {
    event_subscriptions: { request_url: true, bot_events: true },
    interactivity: { is_enabled: true, request_url: true },
    org_deploy_enabled: true,
    socket_mode_enabled: true,
    token_rotation_enabled: true,
  },
};

/**
 * Problems of a manifest ("/display_information/long_description has 90 characters, Slack wants
 * 175 to 4000"), none when it is good: fields outside MANIFEST_FIELDS, Slack's limits, and our rule
 * that Socket Mode has no request URL and HTTP mode has all of them. Parsed YAML is checked too, so
 * nothing here trusts the static type.
 */
export function validateSlackManifest(manifest: SlackManifest): string[] {
  const errors = unknownFields(manifest, MANIFEST_FIELDS, '');
  const text = (path: string, value: unknown, min: number, max: number, required = true): void => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') errors.push(`${path} must be a string`);
    else if (value.length < min || value.length > max) {
      errors.push(`${path} has ${value.length} characters, Slack wants ${min} to ${max}`);
    }
  };
  const list = (path: string, value: unknown, maxItems: number, maxLength: number): void => {
    if (!Array.isArray(value)) {
      errors.push(`${path} must be a list`);
      return;
    }
    if (value.length > maxItems) errors.push(`${path} has ${value.length} entries, Slack allows ${maxItems}`);
    if (new Set(value).size !== value.length) errors.push(`${path} repeats an entry`);
    for (const [index, item] of value.entries()) text(`${path}/${index}`, item, 1, maxLength);
  };

  const display = manifest.display_information;
  text('/display_information/name', display?.name, LIMITS.appName.min, LIMITS.appName.max);
  text('/display_information/description', display?.description, 1, LIMITS.description.max);
  const { min, max } = LIMITS.longDescription;
  text('/display_information/long_description', display?.long_description, min, max, false);
  if (display?.background_color !== undefined && !BACKGROUND_COLOR.test(display.background_color)) {
    errors.push('/display_information/background_color must be #rgb or #rrggbb');
  }
  const bot = manifest.features?.bot_user;
  text('/features/bot_user/display_name', bot?.display_name, 1, LIMITS.botDisplayName.max);

  const commands = manifest.features?.slash_commands ?? [];
  commands.forEach((command, index) => {
    const path = `/features/slash_commands/${index}`;
    text(`${path}/command`, command.command, LIMITS.command.min, LIMITS.command.max);
    if (!SLASH_COMMAND.test(String(command.command))) {
      errors.push(`${path}/command must be "/" and lowercase letters, digits, "-" or "_"`);
    }
    text(`${path}/description`, command.description, 1, LIMITS.commandDescription.max);
    text(`${path}/usage_hint`, command.usage_hint, 1, LIMITS.usageHint.max, false);
    url(errors, `${path}/url`, command.url, LIMITS.commandUrl.max);
  });

  list(
    '/oauth_config/scopes/bot',
    manifest.oauth_config?.scopes?.bot,
    LIMITS.scopes.max,
    LIMITS.scopeName.max,
  );
  const settings = manifest.settings;
  const events = settings?.event_subscriptions;
  list(
    '/settings/event_subscriptions/bot_events',
    events?.bot_events,
    LIMITS.events.max,
    LIMITS.eventName.max,
  );
  url(errors, '/settings/event_subscriptions/request_url', events?.request_url, LIMITS.requestUrl.max);
  url(
    errors,
    '/settings/interactivity/request_url',
    settings?.interactivity?.request_url,
    LIMITS.requestUrl.max,
  );

  const requestUrls = {
    '/settings/event_subscriptions/request_url': events?.request_url,
    '/settings/interactivity/request_url': settings?.interactivity?.request_url,
    ...Object.fromEntries(commands.map((command, i) => [`/features/slash_commands/${i}/url`, command.url])),
  };
  for (const [path, value] of Object.entries(requestUrls)) {
    if (settings?.socket_mode_enabled === true && value !== undefined) {
      errors.push(`${path} must be left out in Socket Mode (Slack sends everything over the socket)`);
    }
    if (settings?.socket_mode_enabled !== true && value === undefined) {
      errors.push(`${path} is needed in HTTP mode (Slack has nowhere else to send it)`);
    }
  }
  return errors;
}

function url(errors: string[], path: string, value: unknown, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !/^https:\/\//.test(value) || !URL.canParse(value)) {
    errors.push(`${path} must be an https:// URL`);
  } else if (value.length > max) {
    errors.push(`${path} has ${value.length} characters, Slack allows ${max}`);
  }
}

/** The paths of fields outside `allowed` ("/settings/socket_mode"), and of groups given as values. */
function unknownFields(value: unknown, allowed: unknown, path: string): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => unknownFields(item, allowed, `${path}/${index}`));
  const isGroup = typeof value === 'object' && value !== null;
  if (allowed === true) return isGroup ? [`${path} must be a value, not a group of fields`] : [];
  if (!isGroup) return [`${path || '/'} must be a group of fields`];
  const fields = allowed as Record<string, unknown>;
  return Object.entries(value).flatMap(([key, child]) =>
    Object.hasOwn(fields, key)
      ? unknownFields(child, fields[key], `${path}/${key}`)
      : [`${path}/${key} is not a field we write (is it in @slack/web-api's Manifest type?)`],
  );
}
