import {
  checkSlackManifestOptions,
  type SlackManifestInput,
  type SlackManifestOptions,
} from './check-manifest-options.js';
import { deriveUsageHint } from './derive-usage-hint.js';
import { type SlackManifest, validateSlackManifest } from './validate-slack-manifest.js';

type BotScope = NonNullable<NonNullable<NonNullable<SlackManifest['oauth_config']>['scopes']>['bot']>[number];
type BotEvent = NonNullable<
  NonNullable<NonNullable<SlackManifest['settings']>['event_subscriptions']>['bot_events']
>[number];

/** The one path Bolt serves in HTTP mode: slash commands, events and button clicks all arrive here. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Exactly what the bot uses; manifest/slack/README.md says why for each. No `chat:write.public`: the
 * bot answers only where it was invited. No `im:write`: it replies in DMs people opened, never opens one.
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'app_mentions:read',
  'im:history',
  'users:read',
] as const satisfies readonly BotScope[];

/** `@Recovery bot ...` in a channel, and direct messages to the bot. */
export const SLACK_BOT_EVENTS = ['app_mention', 'message.im'] as const satisfies readonly BotEvent[];

export const APP_NAME = 'Recovery bot';
export const BACKGROUND_COLOR = '#0B6A77'; // the Teams icon's accent colour (manifest/teams)

/**
 * The Slack app manifest: HTTP mode with every request URL at https://<domain>/slack/events, or
 * Socket Mode with none. The slash command's usage hint comes from the command catalog. Throws
 * SlackManifestError on bad input, and Error if the result breaks Slack's limits (a bug here).
 */
export function buildSlackManifest(input: SlackManifestInput): SlackManifest {
  const options = checkSlackManifestOptions(input);
  const url = options.socketMode ? undefined : `https://${options.domain}${SLACK_EVENTS_PATH}`;
  const manifest: SlackManifest = {
    display_information: {
      name: APP_NAME,
      description: 'Snapshots, Azure Backup and Site Recovery from Slack, with approvals.',
      long_description: longDescription(options),
      background_color: BACKGROUND_COLOR,
    },
    features: {
      app_home: {
        home_tab_enabled: false,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: APP_NAME, always_online: true },
      slash_commands: [
        {
          command: options.command,
          description: 'Snapshots, backups, restores and DR drills in Azure',
          usage_hint: deriveUsageHint(),
          should_escape: false,
          ...(url && { url }),
        },
      ],
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url && { request_url: url }), bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url && { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
  const errors = validateSlackManifest(manifest);
  if (errors.length > 0) {
    throw new Error(`The built Slack manifest breaks Slack's rules:\n- ${errors.join('\n- ')}`);
  }
  return manifest;
}

function longDescription({ command }: SlackManifestOptions): string {
  return (
    'Run Azure recovery from Slack. List VMs and how they are protected, snapshot every managed disk ' +
    'of a VM, take on-demand Azure Backup backups and restore a whole VM, its disks or single files, ' +
    'check Site Recovery replication health and run DR drills, failovers and failbacks of whole ' +
    'recovery plans. Risky operations wait for an approver, who approves or rejects them with a ' +
    'button; everything is audited, and long operations report their progress in the thread. Type ' +
    `"${command} help", mention @${APP_NAME} in a channel it was invited to, or send it a direct message.`
  );
}
