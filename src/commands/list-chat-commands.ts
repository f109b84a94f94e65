import { commandCatalog } from './catalog.js';

/** One entry of a Teams manifest `bots[].commandLists[].commands`. */
export interface TeamsCommand {
  title: string;
  description: string;
}

/** Teams limits (manifest v1.17/1.19): 10 commands a list, 32-character titles, 128-character descriptions. */
const TEAMS_MAX_COMMANDS = 10;
const TEAMS_MAX_TITLE = 32;
const TEAMS_MAX_DESCRIPTION = 128;

/** The featured commands, for the Teams manifest's command menu; a test keeps the manifest in step. */
export function listTeamsCommands(): TeamsCommand[] {
  return commandCatalog
    .filter((spec) => spec.featured)
    .slice(0, TEAMS_MAX_COMMANDS)
    .map((spec) => ({
      title: spec.words.join(' ').slice(0, TEAMS_MAX_TITLE),
      description: spec.summary.slice(0, TEAMS_MAX_DESCRIPTION),
    }));
}

/** The usage hint of the Slack slash command (shown as the user types `/recovery`). */
export function slackUsageHint(): string {
  const featured = commandCatalog.filter((spec) => spec.featured && spec.id !== 'whoami');
  return featured.map((spec) => spec.syntax.replace(/ \[[^\]]*\]/g, '')).join(' | ');
}
