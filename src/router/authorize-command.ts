import type { Actor, Platform } from '../chat/chat-event.js';
import type { View } from '../chat/view.js';
import type { ParsedCommand } from '../commands/parse-command.js';
import type { Policy } from '../config/policy.js';
import { quotedList } from '../operations/format-values.js';

/**
 * Checks the actor against the policy for this command. Returns the refusal to show (privately), or
 * undefined when the command may run. Planned commands are answered here too, before any role check,
 * so nobody is told to get a role for something that does not exist yet.
 */
export function authorizeCommand(
  policy: Policy,
  actor: Actor,
  command: ParsedCommand,
  conversationId: string,
): View | undefined {
  const { spec } = command;
  const settings = policy.settingsFor(spec.id);
  if (spec.availability.status === 'planned') {
    return {
      kind: 'not-available',
      title: 'Not available yet',
      tone: 'warning',
      summary: `\`${spec.syntax}\` arrives with the ${spec.availability.capability} capability (issue ${spec.availability.issue}).`,
      notes: ['Type `help` to see what the bot can do today.'],
    };
  }
  // help and whoami: a stranger can find out who they are and what to ask for.
  if (spec.openToEveryone) return undefined;
  const member = policy.memberFor(actor);
  if (!member) {
    return {
      kind: 'refusal',
      title: 'Not permitted',
      tone: 'attention',
      summary: `You are not in the bot's policy, so you cannot run \`${spec.words.join(' ')}\`.`,
      facts: [
        { label: 'Your id', value: actor.aadObjectId ?? actor.id },
        { label: 'Needed role', value: settings.role },
      ],
      notes: [
        'Ask an admin to add your id to config/policy.yaml, then try again. `whoami` shows what the bot knows about you.',
      ],
    };
  }
  if (!policy.holds(actor, settings.role)) {
    return {
      kind: 'refusal',
      title: 'Not permitted',
      tone: 'attention',
      summary: `\`${spec.words.join(' ')}\` needs the ${settings.role} role; you are ${article(member.role)} ${member.role}.`,
      notes: [`Ask someone with the ${settings.role} role to run it, or an admin to change your role.`],
    };
  }
  if (!policy.allowedIn(spec.id, actor.platform, conversationId)) {
    const command = spec.words.join(' ');
    const here = settings.channels?.[actor.platform] ?? [];
    const elsewhere = Object.entries(settings.channels ?? {})
      .filter(([platform, ids]) => platform !== actor.platform && (ids?.length ?? 0) > 0)
      .map(([platform, ids]) => `${platformNames[platform as Platform]}: ${quotedList(ids ?? [])}`);
    return {
      kind: 'refusal',
      title: 'Not in this channel',
      tone: 'attention',
      summary:
        here.length > 0
          ? `\`${command}\` may only be run in ${here.length === 1 ? 'the channel' : 'these channels'} ${quotedList(here)} on ${platformNames[actor.platform]}; this is \`${conversationId}\`.`
          : `\`${command}\` may not be run on ${platformNames[actor.platform]}${elsewhere.length > 0 ? `, only on ${elsewhere.join('; ')}` : ''}.`,
      facts: [
        {
          label: 'Allowed in',
          value:
            [here.length > 0 ? `${platformNames[actor.platform]}: ${quotedList(here)}` : '', ...elsewhere]
              .filter(Boolean)
              .join('; ') || 'no conversation',
        },
      ],
      notes: [
        `Type \`${command}\` in ${here.length > 0 ? quotedList(here, 'or') : 'one of those'}, or ask an admin to add this conversation to \`commands.${spec.id}.channels\` in config/policy.yaml.`,
      ],
    };
  }
  return undefined;
}

const platformNames: Record<Platform, string> = {
  teams: 'Teams',
  slack: 'Slack',
  console: 'the local chat page',
};

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
