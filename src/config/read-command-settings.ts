import { type CommandSpec, commandCatalog, commandName } from '../commands/catalog.js';
import { suggestClosest } from '../commands/suggest-closest.js';
import { type PolicyLocator, policyError } from './policy-error.js';
import type { ChannelAllowList, CommandSettings } from './policy-model.js';
import type { CommandOverride, PolicyFile } from './policy-schema.js';

/** DESIGN.md: an approval request stays open 30 minutes unless the policy says otherwise. */
export const DEFAULT_EXPIRY_MS = 30 * 60_000;

/**
 * The settings of every catalog command: the catalog's role and approvals, 30 minutes' expiry, and
 * whatever `commands:` overrides. A key is a command id (`snapshot.delete`) or its words
 * (`snapshot delete`); a key that names no command, or several, stops the start, because a typo
 * here would silently leave a destructive command at its default.
 */
export function readCommandSettings(
  overrides: PolicyFile['commands'],
  locator: PolicyLocator,
): Map<string, CommandSettings> {
  const settings = new Map(commandCatalog.map((spec) => [spec.id, defaultsOf(spec)]));
  const setBy = new Map<string, string>();
  for (const [key, override] of Object.entries(overrides)) {
    const spec = resolveKey(key, locator);
    const earlier = setBy.get(spec.id);
    if (earlier !== undefined) {
      throw policyError(
        locator,
        locator.keyLineOf(['commands'], key),
        `commands["${key}"]`,
        `${spec.id} is already set as "${earlier}" (line ${locator.keyLineOf(['commands'], earlier)})`,
        'merge the two entries into one',
      );
    }
    setBy.set(spec.id, key);
    if (override) settings.set(spec.id, applyOverride(defaultsOf(spec), override));
  }
  return settings;
}

function defaultsOf(spec: CommandSpec): CommandSettings {
  return { role: spec.role, approvals: spec.approvals, expiryMs: DEFAULT_EXPIRY_MS };
}

function applyOverride(defaults: CommandSettings, override: CommandOverride): CommandSettings {
  const settings: CommandSettings = {
    role: override.role ?? defaults.role,
    approvals: override.approvals ?? defaults.approvals,
    expiryMs: override.expiry ?? defaults.expiryMs,
  };
  if (override.channels) settings.channels = channelsOf(override.channels);
  return settings;
}

function channelsOf(channels: NonNullable<CommandOverride['channels']>): ChannelAllowList {
  return { slack: [...channels.slack], teams: [...channels.teams], console: [...channels.console] };
}

function resolveKey(key: string, locator: PolicyLocator): CommandSpec {
  const byId = commandCatalog.find((spec) => spec.id === key);
  if (byId) return byId;
  const words = key.trim().toLowerCase().split(/\s+/).join(' ');
  const named = commandCatalog.filter((spec) => commandName(spec) === words);
  const line = locator.keyLineOf(['commands'], key);
  const where = `commands["${key}"]`;
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1) {
    const ids = named.map((spec) => spec.id).join(', ');
    throw policyError(
      locator,
      line,
      where,
      `"${key}" names ${named.length} commands (${ids})`,
      'use the id of the one you mean',
    );
  }
  const known = commandCatalog.flatMap((spec) => [spec.id, commandName(spec)]);
  const closest = suggestClosest(key, known);
  const hint = closest.length > 0 ? `did you mean ${closest.map((c) => `"${c}"`).join(' or ')}? ` : '';
  throw policyError(
    locator,
    line,
    where,
    `unknown command "${key}"`,
    `${hint}use a command id or its words as \`help\` lists them (for example snapshot.delete or "snapshot delete")`,
  );
}
