import { parseCommand } from '../commands/parse-command.js';
import type { Policy } from '../config/policy.js';
import type { OperationClaims, OperationContext } from '../operations/operation.js';
import type { ApprovalRecord } from '../store/store-port.js';
import { authorizeCommand } from './authorize-command.js';
import { type ChangeGate, type ClaimHolder, describeConflict } from './change-gate.js';

/**
 * The change gate as an operation sees it: its job (or the approval the job runs for) holds the app
 * or VM, checked again just before Azure is asked. `contextOf` is read at call time: the job is
 * attached to the context after it is made.
 */
export function operationClaims(gate: ChangeGate, contextOf: () => OperationContext): OperationClaims {
  return {
    async verify() {
      const context = contextOf();
      const holder = holderOf(context);
      if (!holder) return;
      const conflict = await gate.claim(context.command, holder);
      if (conflict) throw describeConflict(conflict, holder);
    },
    async take(scope) {
      const holder = holderOf(contextOf());
      return holder ? gate.claimScope(scope, holder) : true;
    },
  };
}

/** The request or job a context runs for: what holds its app or VM. */
function holderOf(context: OperationContext): ClaimHolder | undefined {
  const job = context.job?.current;
  if (!job) return undefined;
  const { command } = context;
  return {
    id: job.approvalId ?? job.id,
    commandId: command.id,
    commandText: command.canonical,
    requester: job.requester,
  };
}

/**
 * Why an approval request can no longer run as asked, checked when it is decided: the policy as it
 * is now (the requester's role, the channels the command may run in) and one change at a time.
 */
export async function recheckRequest(
  policy: Policy,
  gate: ChangeGate,
  record: ApprovalRecord,
): Promise<string | undefined> {
  const parsed = parseCommand(record.commandText);
  if (!parsed.ok) return 'the command no longer parses';
  const refusal = authorizeCommand(
    policy,
    record.requester,
    parsed.command,
    record.conversation.conversationId,
  );
  if (refusal) return `the policy no longer allows it: ${refusal.summary ?? refusal.title}`;
  const holder = {
    id: record.id,
    commandId: record.commandId,
    commandText: record.commandText,
    requester: record.requester,
  };
  const conflict = await gate.claim(parsed.command, holder);
  if (!conflict) return undefined;
  return `\`${conflict.claim.commandText}\` (asked by ${conflict.claim.requester.displayName}) is ${conflict.standing}, and only one change at a time may run`;
}
