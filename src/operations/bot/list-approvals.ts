import type { View } from '../../chat/view.js';
import { formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';

/** `approvals`: the requests waiting for a decision, with who may decide them. */
export const listApprovals: Operation = async ({ store, policy, now }) => {
  const pending = await store.listApprovals({ states: ['requested'], limit: 50 });
  const deciders = policy.members.filter((m) => policy.holdsRole(m, 'approver')).map((m) => m.name);
  const at = now();
  const open = pending.filter((r) => r.expiresAt.getTime() > at.getTime());
  const view: View = {
    kind: 'approval-list',
    title: open.length === 0 ? 'No approvals waiting' : `${open.length} approval(s) waiting`,
    tone: open.length === 0 ? 'neutral' : 'warning',
    summary: `Approvers: ${deciders.join(', ') || 'nobody (add one to the policy)'}. Nobody approves their own request.`,
    tables:
      open.length === 0
        ? undefined
        : [
            {
              columns: ['Request', 'Command', 'Asked by', 'Approvals', 'Expires'],
              rows: open.map((r) => [
                r.id,
                r.commandText,
                r.requester.displayName,
                `${r.decisions.filter((d) => d.decision === 'approve').length} of ${r.approvalsNeeded}`,
                formatTime(r.expiresAt),
              ]),
            },
          ],
    notes: open.length > 0 ? ['Decide on the request card in its conversation.'] : undefined,
  };
  return view;
};
