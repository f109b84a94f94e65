/**
 * Slack's limits on the manifest fields we fill. Source: Slack's own JSON schema of the manifest,
 * github.com/slackapi/manifest-schema, schemas/manifest.schema.1.0.0.json (the same numbers are in
 * the doc comments of @slack/web-api's `Manifest` type). The command-name pattern is ours, stricter
 * than the schema's `^/` (Slack wants lowercase commands without spaces), and the same as the bot's
 * SLACK_COMMAND check in src/config/app-config.ts, so a manifest the tool prints the bot accepts.
 */
export const SLACK_MANIFEST_LIMITS = {
  appName: { min: 1, max: 35 },
  description: { min: 1, max: 140 },
  /** Slack refuses a manifest whose long description is shorter. */
  longDescription: { min: 175, max: 4000 },
  botDisplayName: { min: 1, max: 80 },
  command: { min: 2, max: 32 },
  commandDescription: { min: 1, max: 2000 },
  usageHint: { min: 1, max: 1000 },
  commandUrl: { max: 3000 },
  requestUrl: { max: 3500 },
  scopeName: { max: 50 },
  scopes: { max: 255 },
  eventName: { max: 50 },
  events: { max: 100 },
} as const;

export const BACKGROUND_COLOR = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/;
export const SLASH_COMMAND = /^\/[a-z0-9_-]{1,31}$/;
