import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalWorkflow } from '../../src/approvals/approval-workflow.js';
import { AuditLog } from '../../src/audit/audit-log.js';
import type { ActionChatEvent, Actor, ConversationRef, MessageRef } from '../../src/chat/chat-event.js';
import type { ChatPort } from '../../src/chat/chat-port.js';
import type { View } from '../../src/chat/view.js';
import { parseCommand } from '../../src/commands/parse-command.js';
import { parsePolicy } from '../../src/config/policy.js';
import { createLogger } from '../../src/observability/create-logger.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { alice, bob, carol } from './approval-fixtures.js';

const policy = parsePolicy(
  [
    'members:',
    '  - name: alice',
    '    role: operator',
    `    teams: ${alice.aadObjectId}`,
    '  - name: bob',
    '    role: approver',
    `    teams: ${bob.aadObjectId}`,
    '  - name: carol',
    '    role: approver',
    `    teams: ${carol.aadObjectId}`,
    '',
  ].join('\n'),
  'p.yaml',
);
const people: Record<string, Actor> = { alice, bob, carol };
const person = (name: string): Actor => people[name] ?? alice;
const conversation: ConversationRef = { platform: 'console', conversationId: 'c1', reference: {} };

/**
 * A chat whose card updates wait while `hold` is set: Teams slow to take the "Approved by bob" card,
 * so a second click comes in while the request is approved and its job not started yet.
 */
class SlowChat implements ChatPort {
  hold: Promise<void> | undefined;
  private next = 1;
  async post(target: ConversationRef): Promise<MessageRef> {
    return {
      platform: 'console',
      conversationId: target.conversationId,
      messageId: `m${this.next++}`,
      reference: {},
    };
  }
  async update(_message: MessageRef, view: View): Promise<void> {
    if (/^Approved by/.test(view.title) && this.hold) await this.hold;
  }
  async postPrivate(): Promise<void> {
    // Nothing private in this test.
  }
  channelOf(target: ConversationRef): ConversationRef {
    return target;
  }
  threadOf(message: MessageRef): ConversationRef {
    return { ...conversation, conversationId: message.conversationId };
  }
}

/** Approve clicked again while the first approval starts the job: the late answer says where it stands. */
describe('a late click on a request that has run', () => {
  let store: SqliteStore | undefined;
  afterEach(async () => store?.close());

  it('names the job and how it ended, not "about to run"', async () => {
    store = await SqliteStore.open({ file: ':memory:' });
    const log = createLogger('silent');
    const chat = new SlowChat();
    let runs = 0;
    const workflow = new ApprovalWorkflow({
      store,
      chat,
      policy,
      log,
      audit: new AuditLog(store, log),
      now: () => new Date(),
      execute: async () => {
        runs += 1;
        return true;
      },
    });
    const parsed = parseCommand('snapshot prune vm-web-01 older-than 7d');
    if (!parsed.ok) throw new Error('the command did not parse');
    const asked = {
      kind: 'text' as const,
      platform: 'console' as const,
      actor: person('alice'),
      conversation,
      origin: 'typed' as const,
      correlationId: 'corr-1',
      receivedAt: new Date(),
      text: parsed.command.canonical,
    };
    const request = await workflow.request(
      asked as never,
      parsed.command,
      { operationPlan: {}, view: { kind: 'plan', title: 'Prune', tone: 'warning' } },
      { approvals: 1, expiryMs: 600_000 },
    );
    const click = (who: string): ActionChatEvent =>
      ({
        ...asked,
        kind: 'action',
        origin: 'button',
        actor: person(who),
        verb: 'approval.approve',
        data: { approvalId: request.id },
        message: request.message,
      }) as ActionChatEvent;

    let release: (() => void) | undefined;
    chat.hold = new Promise((resolve) => {
      release = resolve;
    });
    const first = workflow.decide(click('bob'), 'approve');
    // bob's approval is stored; its card update (then the start of the job) waits for the chat.
    await expect.poll(async () => (await store?.getApproval(request.id))?.state).toBe('approved');
    const late = workflow.decide(click('carol'), 'approve');
    await new Promise((resolve) => setTimeout(resolve, 100));
    chat.hold = undefined;
    release?.();
    const approved = await first;
    const jobId = /job-[0-9a-f]{8}/.exec(approved.message)?.[0] ?? 'no job in the approval';
    const answer = await late;
    expect(answer.changed).toBe(false);
    expect(answer.message).not.toContain('about to run');
    expect(answer.message).toContain(jobId);
    expect(answer.record?.state).not.toBe('approved');
    // Once the run has ended, a further click says how it ended, with the job id.
    await expect.poll(async () => (await store?.getApproval(request.id))?.state).toBe('succeeded');
    const after = await workflow.decide(click('carol'), 'approve');
    expect(after.message).toBe(`already approved by bob; job ${jobId} succeeded`);
    expect(runs).toBe(1);
  });
});
