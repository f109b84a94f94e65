import { say, until } from './bot-process.js';
import { cardText, type FakeBotConnector } from './fake-bot-connector.js';
import type { User } from './start-test-bot.js';
import { botAccount, fromUser } from './teams-activities.js';

/**
 * Every command that reaches Azure, run on the demo estate as a team would run them, in Teams
 * channel threads through a bot's /api/messages and a fake connector: the bot may be in this
 * process or a child process, against the simulator or against "real Azure" (the simulator behind
 * Entra sign-in and RBAC). Each step checks its own outcome; the tests around it check the rest.
 */

/** A bot's chat endpoint and the fake connector that receives its answers. */
export interface ChatSide {
  url: string;
  connector: FakeBotConnector;
}

/** What every message of a thread says now (each in its latest version). */
export function threadText(chat: ChatSide, thread: string): string {
  return chat.connector
    .inConversation(thread)
    .map((message) => cardText(message.versions.at(-1)))
    .join('\n---\n');
}

/** The answers a command can end with when it did not do its work. */
const failure =
  /Azure refused|Azure permission missing|Something went wrong|: failed|failed\b(?! over)|Not permitted|is busy|not possible|cannot be|Nothing to |Unknown |but the bot cannot|: stopped at step/;

export interface AskOptions {
  /** Approvers who click Approve on the request card, in order (none: the command needs no approval). */
  approvers?: User[];
  user?: User;
  timeoutMs?: number;
}

/**
 * Posts a command in a new channel thread, approves it if asked, and waits until the thread says
 * `done` or one of the failure answers; resolves with the thread's text and id.
 */
export async function ask(
  chat: ChatSide,
  text: string,
  done: RegExp,
  options: AskOptions = {},
): Promise<{ thread: string; text: string }> {
  const thread = await say(chat.url, chat.connector, text, options.user ?? 'alice');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const current = () => threadText(chat, thread);
  if (options.approvers?.length) {
    await until(
      () => /Approval needed|apr-[0-9a-f]{8}/.test(current()) || failure.test(current()),
      `the approval card of \`${text}\``,
      timeoutMs,
      current,
    );
    const approvalId = /apr-[0-9a-f]{8}/.exec(current())?.[0];
    if (!approvalId) return { thread, text: current() };
    for (const approver of options.approvers) {
      const answer = await approve(chat, approvalId, approver);
      if (!/Approved/.test(answer))
        throw new Error(
          `${approver}'s approval of \`${text}\` was not taken: ${answer}\n${current().slice(-2_000)}`,
        );
    }
  }
  await until(
    () => done.test(current()) || failure.test(current()),
    `\`${text}\` to end (${done})`,
    timeoutMs,
    current,
  );
  // A card may say done a moment before its last update: let the thread settle.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { thread, text: current() };
}

let clicks = 0;

/** Clicks Approve on a request card as `user`, as Teams sends it; resolves with the bot's answer, flattened. */
async function approve(chat: ChatSide, approvalId: string, user: User): Promise<string> {
  const response = await fetch(`${chat.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `tour-approve-${approvalId}-${++clicks}`,
      channelId: 'msteams',
      serviceUrl: chat.connector.url,
      from: fromUser(user),
      recipient: botAccount,
      conversation: { id: `tour-click-${approvalId}-${clicks}` },
      replyToId: chat.connector.cardMessageIdOf(approvalId),
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'approval.approve',
          data: { verb: 'approval.approve', approvalId },
        },
      },
    }),
  });
  const body = (await response.json()) as { type?: string; value?: unknown };
  if (body.type === 'application/vnd.microsoft.card.adaptive')
    return cardText({ attachments: [{ content: body.value }] });
  return String(body.value ?? '');
}

/** Like ask, and fails with the thread's text unless the command reached `done`. */
export async function run(
  chat: ChatSide,
  text: string,
  done: RegExp,
  options: AskOptions = {},
): Promise<string> {
  const outcome = await ask(chat, text, done, options);
  if (!done.test(outcome.text) || (failure.test(outcome.text) && !done.test(outcome.text)))
    throw new Error(`\`${text}\` did not reach ${done}:\n${outcome.text.slice(-4_000)}`);
  return outcome.text;
}

const snapshotSet = (vm: string) => new RegExp(`${vm}-\\d{8}-\\d{6}-[0-9a-f]{4}`);

/** One capability's commands, in an order that leaves the estate as the next one needs it. */
export interface TourStep {
  name: string;
  run(chat: ChatSide): Promise<void>;
}

export const tour: TourStep[] = [
  {
    name: 'reads: vms, status, recovery points, dr status',
    async run(chat) {
      await run(chat, 'vms', /VM\(s\)/);
      await run(chat, 'status vm-sql-01', /Latest snapshot set/);
      await run(chat, 'recovery points vm-web-01', /Recovery points of vm-web-01/);
      await run(chat, 'dr status', /DR status/);
    },
  },
  {
    name: 'snapshots: a set, a restore point, disks from the set, a delete and a prune',
    async run(chat) {
      const first = await run(chat, 'snapshot vm-sql-01', /Snapshot set of vm-sql-01 created/);
      const older = snapshotSet('vm-sql-01').exec(first)?.[0] ?? '';
      await run(chat, 'snapshot vm-web-01 consistent', /Restore point of vm-web-01 created/);
      await run(chat, `disks from snapshot ${older}`, /Disks created from/);
      const second = await run(chat, 'snapshot vm-sql-01', /Snapshot set of vm-sql-01 created/);
      const newer = snapshotSet('vm-sql-01').exec(second)?.[0] ?? '';
      await run(chat, 'snapshots vm-sql-01', /Snapshot sets of vm-sql-01/);
      // The older set goes by age (the newest is always kept), the newer one by name.
      await run(chat, 'snapshot prune vm-sql-01 older-than 0d', /: done/, { approvers: ['bob'] });
      await run(chat, `snapshot delete ${newer}`, /: done/, { approvers: ['bob'] });
    },
  },
  {
    name: 'backup: on demand, and enable',
    async run(chat) {
      await run(chat, 'backup vm-web-01', /Backup of vm-web-01 done/);
      await run(chat, 'enable backup vm-dev-01', /Backup enabled for vm-dev-01/);
    },
  },
  {
    name: 'restores: replace, as new, disks, files',
    async run(chat) {
      await run(
        chat,
        'restore vm-web-02 replace because bad deploy',
        /Replace the disks of vm-web-02: done/,
        {
          approvers: ['bob'],
        },
      );
      await run(
        chat,
        'restore vm-sql-01 as new vm-sql-01-r',
        /Restore vm-sql-01 as new VM vm-sql-01-r: done/,
        {
          approvers: ['bob'],
        },
      );
      await run(chat, 'restore vm-crm-01 disks', /Restore the disks of vm-crm-01: done/, {
        approvers: ['bob'],
      });
      await run(chat, 'restore files vm-web-01', /File restore from vm-web-01: open/, { approvers: ['bob'] });
      await run(chat, 'restore files vm-web-01 done', /File restore of vm-web-01 closed/);
    },
  },
  {
    name: 'drill: test failover, manual step, cleanup with its report',
    async run(chat) {
      await run(chat, 'dr drill shop point app-consistent', /manual step waiting/, {
        approvers: ['bob'],
        timeoutMs: 120_000,
      });
      await run(chat, 'dr done shop', /Confirm DNS cutover|done/);
      await run(chat, 'dr cleanup shop notes "tour"', /Drill report/, { timeoutMs: 120_000 });
    },
  },
  {
    name: 'failover: planned, commit, reprotect, failback; unplanned, cancelled',
    async run(chat) {
      const long = { approvers: ['bob'] as User[], timeoutMs: 120_000 };
      await run(chat, 'failover crm', /Planned failover of crm: done/, long);
      await run(chat, 'commit crm', /Commit the failover of crm: done/, long);
      await run(chat, 'reprotect crm', /Reprotect crm: done/, long);
      await run(chat, 'failback crm', /Failback of crm: done/, long);
      await run(chat, 'failover crm unplanned', /Unplanned failover of crm: done/, {
        ...long,
        approvers: ['bob', 'carol'],
      });
      await run(chat, 'failover cancel crm', /Cancel the failover of crm: done/, long);
    },
  },
];
