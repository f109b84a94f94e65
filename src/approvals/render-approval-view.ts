import type { View } from '../chat/view.js';
import { formatTime } from '../operations/format-values.js';
import type { ApprovalRecord } from '../store/store-port.js';

/** What an approval request stores as its plan: the operation's own plan and the card describing it. */
export interface StoredPlan {
  operationPlan: unknown;
  view: View;
}

const headings: Record<ApprovalRecord['state'], (record: ApprovalRecord) => string> = {
  requested: () => 'Approval needed',
  approved: (r) => `Approved by ${approvers(r)}`,
  executing: (r) => `Approved by ${approvers(r)}: running`,
  succeeded: (r) => `Approved by ${approvers(r)}: done`,
  failed: (r) => `Approved by ${approvers(r)}: failed`,
  rejected: (r) => `Rejected by ${deciders(r, 'reject')}`,
  expired: (r) => `Expired at ${formatTime(r.expiresAt)}`,
  cancelled: (r) => `Cancelled by ${r.requester.displayName}`,
};

/**
 * The approval card, a pure function of the request: what will happen, exactly (the plan's own
 * card), who asked and why, approvals so far, expiry, and the buttons while it is open. Once
 * decided, the buttons give way to the outcome line, which stays in the channel as a record.
 */
export function renderApprovalView(record: ApprovalRecord, now: Date): View {
  const plan = (record.plan as StoredPlan).view;
  const open = record.state === 'requested';
  const approvals = record.decisions.filter((d) => d.decision === 'approve').length;
  return {
    kind: `approval-${record.state}`,
    title: `${headings[record.state](record)}: ${plan.title}`,
    tone: open
      ? 'warning'
      : record.state === 'succeeded' || record.state === 'executing'
        ? 'good'
        : 'attention',
    summary: plan.summary,
    facts: [
      { label: 'Requested by', value: record.requester.displayName },
      ...(record.reason ? [{ label: 'Because', value: record.reason }] : []),
      { label: 'Command', value: record.commandText },
      { label: 'Approvals', value: `${approvals} of ${record.approvalsNeeded}` },
      {
        label: open ? 'Expires' : 'Requested',
        value: open ? expiry(record.expiresAt, now) : formatTime(record.createdAt),
      },
      { label: 'Request', value: record.id },
      ...(record.jobId ? [{ label: 'Job', value: record.jobId }] : []),
    ],
    tables: plan.tables,
    notes: [...(plan.notes ?? []), ...decisionLines(record)],
    actions: open ? buttons(record.id) : undefined,
  };
}

function buttons(approvalId: string): View['actions'] {
  return [
    { label: 'Approve', verb: 'approval.approve', data: { approvalId }, style: 'positive' },
    { label: 'Reject', verb: 'approval.reject', data: { approvalId }, style: 'destructive' },
    { label: 'Cancel request', verb: 'approval.cancel', data: { approvalId } },
  ];
}

function decisionLines(record: ApprovalRecord): string[] {
  return record.decisions.map(
    (d) =>
      `${d.decision === 'approve' ? 'Approved' : 'Rejected'} by ${d.actor.displayName} at ${formatTime(d.at)}`,
  );
}

function approvers(record: ApprovalRecord): string {
  return deciders(record, 'approve');
}

function deciders(record: ApprovalRecord, decision: 'approve' | 'reject'): string {
  const names = record.decisions.filter((d) => d.decision === decision).map((d) => d.actor.displayName);
  return names.length > 0 ? names.join(' and ') : 'nobody';
}

function expiry(expiresAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 60_000));
  return `${formatTime(expiresAt)} (in ${minutes} min)`;
}
