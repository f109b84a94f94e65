import { listTeamsCommands } from '../../src/commands/list-chat-commands.js';
import type { TeamsManifest } from './validate-teams-manifest.js';

type CommandList = NonNullable<NonNullable<TeamsManifest['bots']>[number]['commandLists']>[number];

/** Where the bot talks, and so where its command menu shows. */
export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

/** The manifest's `bots[0].commandLists`: the catalog's featured commands, one list for every scope. */
export function deriveCommandLists(): CommandList[] {
  return [{ scopes: [...BOT_SCOPES], commands: listTeamsCommands() }];
}
