import type { Actor } from '../chat/chat-event.js';
import { joinSentences } from '../chat/join-sentences.js';
import type { View, ViewAction } from '../chat/view.js';
import { formatTime } from '../operations/format-values.js';
import type { ApprovalRecord } from '../store/store-port.js';
import { sameActor } from './approval-state-machine.js';

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
  cancelled: (r) => (r.endReason ? 'Ended by the bot' : `Cancelled by ${r.requester.displayName}`),
};

/** The one person a personal version of the card is for, and whether the policy lets them decide now. */
export interface ApprovalViewer {
  actor: Actor;
  /** Holds the approver role (checked at render time), is not the requester, has not decided yet. */
  mayDecide: boolean;
}

export interface ApprovalViewOptions {
  /** Entra object ids that get their own version where the platform can (approvers, the requester). */
  viewers?: string[];
  /** Render the version for this person: only the buttons they may use. */
  viewer?: ApprovalViewer;
  /** A line for the person who just clicked ("Not done: ..."), shown first. */
  notice?: string;
}

/** The verb a platform sends to ask for one viewer's version of an approval card. */
export const approvalViewVerb = 'approval.view';

/**
 * The approval card, a pure function of the request: what will happen, exactly (the plan's own
 * card), who asked and why, approvals so far, expiry, and the buttons while it is open. Once
 * decided, the buttons give way to the outcome line, which stays in the channel as a record.
 * While open it also has personal versions: approvers see Approve and Reject, the requester
 * Cancel, everyone else only the status (where the platform shows per-viewer cards).
 */
export function renderApprovalView(
  record: ApprovalRecord,
  now: Date,
  options: ApprovalViewOptions = {},
): View {
  const plan = (record.plan as StoredPlan).view;
  const open = record.state === 'requested';
  const approvals = record.decisions.filter((d) => d.decision === 'approve').length;
  const { viewer, notice } = options;
  return {
    kind: `approval-${record.state}`,
    title: `${headings[record.state](record)}: ${plan.title}`,
    tone: open
      ? 'warning'
      : record.state === 'succeeded' || record.state === 'executing'
        ? 'good'
        : 'attention',
    // The clicker's notice comes first: on a phone it is the line they look for.
    summary: notice ? joinSentences(notice, plan.summary) : plan.summary,
    facts: [
      // What the plan acts on comes first (a restore's recovery point and its age).
      ...(plan.facts ?? []),
      { label: 'Requested by', value: record.requester.displayName },
      ...(record.reason ? [{ label: 'Because', value: record.reason }] : []),
      { label: 'Command', value: record.commandText },
      { label: 'Approvals', value: `${approvals} of ${record.approvalsNeeded}` },
      {
        label: open ? 'Expires' : 'Requested',
        value: open ? expiry(record.expiresAt, now) : formatTime(record.createdAt),
      },
      { label: 'Request', value: record.id },
      ...(record.endReason ? [{ label: 'Ended because', value: record.endReason }] : []),
      ...(record.jobId ? [{ label: 'Job', value: record.jobId }] : []),
    ],
    tables: plan.tables,
    notes: [
      ...(plan.notes ?? []),
      ...decisionLines(record),
      ...(open && viewer ? [viewerLine(record, viewer)] : []),
    ],
    actions: open ? buttons(record, viewer) : undefined,
    personal: open
      ? {
          verb: approvalViewVerb,
          data: { approvalId: record.id },
          viewers: options.viewers ?? [],
          forViewer: viewer !== undefined || undefined,
        }
      : undefined,
  };
}

/** Commands whose Approve button asks for confirmation (a dialog on Slack, a second step on Teams). */
const failovers = new Set([
  'dr.failover.planned',
  'dr.failover.unplanned',
  'dr.commit',
  'dr.reprotect',
  'dr.failback',
]);

/** Everyone's buttons when no viewer is given (platforms without personal cards check each click). */
function buttons(record: ApprovalRecord, viewer: ApprovalViewer | undefined): ViewAction[] {
  const approvalId = record.id;
  const approve: ViewAction = {
    label: 'Approve',
    verb: 'approval.approve',
    data: { approvalId },
    style: 'positive',
  };
  // Failing a whole application over (or back) is one click from an outage: ask twice.
  if (failovers.has(record.commandId))
    approve.confirm = `Approve \`${record.commandText}\`? It moves production between regions.`;
  const all: ViewAction[] = [
    approve,
    { label: 'Reject', verb: 'approval.reject', data: { approvalId }, style: 'destructive' },
    { label: 'Cancel request', verb: 'approval.cancel', data: { approvalId } },
  ];
  if (!viewer) return all;
  const requester = isRequester(record, viewer.actor);
  return all.filter((action) =>
    action.verb === 'approval.cancel' ? requester : viewer.mayDecide && !requester,
  );
}

function viewerLine(record: ApprovalRecord, viewer: ApprovalViewer): string {
  if (isRequester(record, viewer.actor))
    return 'You asked for this: another approver must decide. You can cancel the request.';
  const own = record.decisions.find((d) => sameActor(d.actor, viewer.actor));
  if (own) return `You ${own.decision === 'approve' ? 'approved' : 'rejected'} at ${formatTime(own.at)}.`;
  return viewer.mayDecide
    ? 'You can approve or reject this request.'
    : 'You can follow this request here; approving needs the approver role.';
}

function isRequester(record: ApprovalRecord, actor: Actor): boolean {
  return sameActor(record.requester, actor);
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
