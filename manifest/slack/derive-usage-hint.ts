import { slackUsageHint } from '../../src/commands/list-chat-commands.js';
import { SLACK_MANIFEST_LIMITS } from './slack-manifest-limits.js';

const SEPARATOR = ' | ';
const MORE = '…';

/**
 * The slash command's usage hint: the catalog's (`slackUsageHint()`), within Slack's limit. Too long,
 * it loses whole commands from the end and ends with "| …", so no command shows half-written.
 */
export function deriveUsageHint(
  hint: string = slackUsageHint(),
  max: number = SLACK_MANIFEST_LIMITS.usageHint.max,
): string {
  if (hint.length <= max) return hint;
  const kept: string[] = [];
  for (const item of hint.split(SEPARATOR)) {
    if ([...kept, item, MORE].join(SEPARATOR).length > max) break;
    kept.push(item);
  }
  return kept.length > 0 ? [...kept, MORE].join(SEPARATOR) : `${hint.slice(0, max - 1)}${MORE}`;
}
