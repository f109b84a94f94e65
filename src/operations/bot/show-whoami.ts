import type { Platform } from '../../chat/chat-event.js';
import type { Table } from '../../chat/view.js';
import { COMMAND_GROUPS, type CommandSpec, commandCatalog, commandName } from '../../commands/catalog.js';
import type { Policy, PolicyActor } from '../../config/policy.js';
import { quotedList } from '../format-values.js';
import type { Operation } from '../operation.js';

/**
 * `whoami`: who the bot thinks you are, your roles, and what that lets you run, where: the
 * commands you may run here (by group, marking those that wait for approvers), the ones the policy
 * keeps to other channels, and what a higher role would add.
 */
export const showWhoami: Operation = async ({ event, member, policy }) => {
  const place: Place = { platform: event.platform, conversationId: event.conversation.conversationId };
  const reach = commandReach(policy, event.actor, place);
  const identity = [
    { label: 'Name', value: event.actor.displayName },
    { label: 'Platform', value: event.platform },
    { label: 'Platform id', value: event.actor.id },
    ...(event.actor.aadObjectId ? [{ label: 'Entra object id', value: event.actor.aadObjectId }] : []),
    { label: 'Roles', value: member ? policy.rolesOf(event.actor).join(', ') : 'none' },
  ];
  if (!member) {
    return {
      kind: 'whoami',
      title: 'You are not in the policy',
      tone: 'warning',
      summary: `You may run ${quotedList(reach.here.map((entry) => entry.name))}; every other command needs a role. Ask an admin to add your id to config/policy.yaml.`,
      facts: identity,
    };
  }
  const roles = policy.rolesOf(event.actor);
  const notes = [
    ...reach.elsewhere.map((entry) =>
      entry.channels.length > 0
        ? `\`${entry.name}\` runs only in ${quotedList(entry.channels)}, not in this conversation.`
        : `\`${entry.name}\` does not run on ${event.platform}: the policy lists only other platforms' channels for it.`,
    ),
    ...describeMissing(reach.needsRole),
    'Type `help <command>` for how to use one, and add `--dry-run` to a change to see what it would do.',
  ];
  return {
    kind: 'whoami',
    title: `You are ${member.name}`,
    tone: 'neutral',
    summary: `Your roles: ${roles.join(', ')}. You may run ${reach.here.length} command(s) in this conversation; those marked "approval" wait for approvers before they change anything.`,
    facts: identity,
    tables: [commandTable(reach.here)],
    notes,
  };
};

interface Place {
  platform: Platform;
  conversationId: string;
}

interface ReachEntry {
  name: string;
  group: CommandSpec['group'];
  /** Approvals needed, lowest and highest over the specs that share these words. */
  approvals: [number, number];
  /** For commands kept to other conversations: the ones listed for this platform. */
  channels: string[];
  role: string;
}

interface Reach {
  here: ReachEntry[];
  elsewhere: ReachEntry[];
  needsRole: ReachEntry[];
}

/**
 * Every available command, by the words people type, sorted into: runnable here, runnable by this
 * person but only in other conversations, and needing a role they do not hold. Commands that
 * share words (the kinds of `restore`, `failover`) count as one; the most permissive answer wins.
 */
export function commandReach(policy: Policy, actor: PolicyActor, place: Place): Reach {
  const byName = new Map<string, { entry: ReachEntry; runs: boolean; here: boolean }>();
  for (const spec of commandCatalog) {
    if (spec.availability.status !== 'available') continue;
    const settings = policy.settingsFor(spec.id);
    const runs = spec.openToEveryone === true || policy.holds(actor, settings.role);
    const here = policy.allowedIn(spec.id, place.platform, place.conversationId);
    const name = commandName(spec);
    const known = byName.get(name);
    if (!known) {
      byName.set(name, {
        entry: {
          name,
          group: spec.group,
          approvals: [settings.approvals, settings.approvals],
          channels: [...(settings.channels?.[place.platform] ?? [])],
          role: settings.role,
        },
        runs,
        here,
      });
      continue;
    }
    known.entry.approvals = [
      Math.min(known.entry.approvals[0], settings.approvals),
      Math.max(known.entry.approvals[1], settings.approvals),
    ];
    known.runs ||= runs;
    known.here ||= here;
  }
  const reach: Reach = { here: [], elsewhere: [], needsRole: [] };
  for (const { entry, runs, here } of byName.values()) {
    if (!runs) reach.needsRole.push(entry);
    else if (here) reach.here.push(entry);
    else reach.elsewhere.push(entry);
  }
  return reach;
}

function commandTable(entries: ReachEntry[]): Table {
  const rows = COMMAND_GROUPS.flatMap((group) => {
    const names = entries.filter((entry) => entry.group === group).map(describeEntry);
    return names.length > 0 ? [[group, names.join(', ')]] : [];
  });
  return { title: 'What you may run here', columns: ['Group', 'Commands'], rows };
}

function describeEntry(entry: ReachEntry): string {
  const [least, most] = entry.approvals;
  if (most === 0) return entry.name;
  return least === most ? `${entry.name} (approval)` : `${entry.name} (approval for some kinds)`;
}

/** "dr failover needs the approver role", grouped by the role that would add them. */
function describeMissing(entries: ReachEntry[]): string[] {
  const byRole = new Map<string, string[]>();
  for (const entry of entries) byRole.set(entry.role, [...(byRole.get(entry.role) ?? []), entry.name]);
  return [...byRole].map(
    ([role, names]) => `The ${role} role would add ${quotedList(names)}: ask an admin if you need it.`,
  );
}
