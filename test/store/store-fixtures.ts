import type { Actor, ConversationRef, MessageRef } from '../../src/chat/chat-event.js';
import type { ApprovalRecord, JobRecord, NewAuditEntry } from '../../src/store/store-port.js';

/** Records for the store contract: every optional field, nested JSON with Dates, and minimal ones. */
export const T0 = new Date('2025-03-01T10:00:00.123Z');

export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export const alice: Actor = {
  platform: 'teams',
  id: '29:alice',
  displayName: 'Alice Ops',
  aadObjectId: '00000000-0000-0000-0000-0000000a11ce',
};

export const bob: Actor = { platform: 'slack', id: 'U0BOB', displayName: 'Bob' };

export const teamsConversation: ConversationRef = {
  platform: 'teams',
  conversationId: '19:ops@thread.tacv2',
  threadId: '1712345678901',
  reference: {
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: '19:ops@thread.tacv2', tenantId: 'tenant-1', isGroup: true },
    bot: { id: '28:bot', name: 'recovery-bot' },
    user: { id: '29:alice', aadObjectId: alice.aadObjectId },
    channelData: { team: { id: '19:team' }, tags: ['ops', 'prod'], nothing: null, zero: 0, flag: false },
    locale: 'de-DE • ünïcødé ✓',
  },
};

export const approvalCard: MessageRef = {
  platform: 'teams',
  conversationId: teamsConversation.conversationId,
  messageId: '1712345678999',
  reference: { activityId: '1712345678999', nested: { deep: [1, 'two', { three: 3 }] } },
};

export function makeApproval(id: string, overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    id,
    commandId: 'snapshot-prune',
    commandText: 'snapshot prune vm-web-01 older-than 7d',
    plan: {
      vm: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01',
      snapshots: [
        { name: 'snap-1', createdAt: at(-60 * 24 * 8), sizeGb: 128 },
        { name: 'snap-2', createdAt: at(-60 * 24 * 9), sizeGb: 64.5 },
      ],
      recoveryPoint: null,
      counts: { total: 2 },
    },
    requester: alice,
    reason: 'disk quota',
    conversation: teamsConversation,
    message: approvalCard,
    approvalsNeeded: 1,
    decisions: [{ actor: bob, decision: 'approve', at: at(1), comment: 'ok' }],
    state: 'requested',
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    expiresAt: at(30),
    endReason: 'a drill of shop was in flight',
    ...overrides,
  };
}

/** Only the required fields: optional ones must read back absent, not as null or undefined keys. */
export function makeMinimalApproval(id: string): ApprovalRecord {
  return {
    id,
    commandId: 'dr-drill',
    commandText: 'dr drill shop',
    plan: { app: 'shop' },
    requester: bob,
    conversation: { platform: 'console', conversationId: 'console-1', reference: {} },
    approvalsNeeded: 2,
    decisions: [],
    state: 'requested',
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    expiresAt: at(30),
  };
}

export function makeJob(id: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id,
    commandId: 'snapshot',
    commandText: 'snapshot vm-sql-01',
    requester: alice,
    correlationId: 'corr-1',
    state: 'running',
    handle: {
      pollers: [{ state: '{"status":"running"}', startedAt: at(0) }],
      asyncOperationUrl:
        'https://management.azure.com/subscriptions/s/operations/op-1?api-version=2024-03-02',
      backupJobId: null,
    },
    messages: [
      approvalCard,
      { platform: 'slack', conversationId: 'C1', messageId: '171.000', reference: {} },
    ],
    conversation: { platform: 'slack', conversationId: 'C1', threadId: '170.000', reference: { team: 'T1' } },
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function makeAuditEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    at: T0,
    kind: 'command',
    actor: alice,
    platform: 'teams',
    channel: teamsConversation.conversationId,
    origin: 'typed',
    commandId: 'snapshot',
    commandText: 'snapshot vm-web-01',
    correlationId: 'corr-1',
    outcome: 'accepted',
    detail: { vm: 'vm-web-01', requestedAt: at(0), tags: ['a', 'b'] },
    ...overrides,
  };
}
