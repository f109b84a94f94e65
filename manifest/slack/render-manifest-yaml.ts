import { stringify } from 'yaml';
import type { SlackManifest } from './validate-slack-manifest.js';

/**
 * The manifest as YAML, as Slack's "From an app manifest" dialog takes it, under a comment that says
 * where it came from. The checked-in copies and `npm run manifest:slack` print the same text.
 */
export function renderSlackManifestYaml(manifest: SlackManifest): string {
  const mode = manifest.settings?.socket_mode_enabled
    ? 'Socket Mode (no request URLs; the bot needs SLACK_APP_TOKEN)'
    : `HTTP mode, every request to ${manifest.settings?.event_subscriptions?.request_url}`;
  const header = [
    `Slack app manifest of ${manifest.display_information.name}: ${mode}.`,
    'Generated from the command catalog by manifest/slack/build-slack-manifest.ts: do not edit by hand.',
    'Other domain, command or mode: BOT_DOMAIN=<host> SLACK_COMMAND=/<name> [SLACK_SOCKET_MODE=1] npm run -s manifest:slack',
    'The checked-in copies are rewritten by: UPDATE_GOLDEN=1 npx vitest run test/manifest',
  ];
  // lineWidth 0: no folded lines, each value on one line as in Slack's own editor.
  return `${header.map((line) => `# ${line}`).join('\n')}\n${stringify(manifest, { lineWidth: 0 })}`;
}
