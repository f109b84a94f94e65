import type { ApprovalWorkflow } from '../approvals/approval-workflow.js';
import { approvalViewVerb } from '../approvals/render-approval-view.js';
import type { ActionChatEvent, ChatEvent } from '../chat/chat-event.js';
import type { View } from '../chat/view.js';
import type { Logger } from '../observability/create-logger.js';
import type { StorePort } from '../store/store-port.js';

/**
 * Button clicks: Approve, Reject and Cancel on an approval card (decided by the approval workflow,
 * answered at once with the card as the clicker should now see it), "show me this request", and
 * buttons that run a command (handed to the router as if typed; its answer comes as a new message).
 */

/** What the platform should show the clicker after a button click. */
export interface ActionOutcome {
  /** A short acknowledgement (Teams shows it as a toast, the console as a line). */
  message: string;
  /**
   * The card as the clicker should now see it (Teams replaces the clicked card with it): the
   * approval after their decision, or their own version of it. Absent for buttons that run a
   * command, whose answer comes as a new message.
   */
  view?: View;
}

/** What button handling needs from the router. */
export interface ButtonDeps {
  workflow: ApprovalWorkflow;
  store: StorePort;
  log: Logger;
  now: () => Date;
  /** True while the bot shuts down: decisions wait for the next process. */
  draining: () => boolean;
  /** Runs a button's command as the router runs a typed one. */
  run: (event: ActionChatEvent) => Promise<void>;
  /** Counts work in flight, so a shutdown waits for it. */
  track: <T>(task: Promise<T>) => Promise<T>;
}

const approvalVerbs = {
  'approval.approve': 'approve',
  'approval.reject': 'reject',
  'approval.cancel': 'cancel',
} as const;

/** Bot Framework and Slack retry for minutes at most; a day is ample and keeps the table small. */
export const deliveryKeyTtlMs = 24 * 3_600_000;

/** A button click: a decision on an approval card, or a command to run. Answers at once. */
export async function handleButton(deps: ButtonDeps, event: ActionChatEvent): Promise<ActionOutcome> {
  const decision = approvalVerbs[event.verb as keyof typeof approvalVerbs];
  if (decision) return deps.track(decide(deps, event, decision));
  if (event.verb === approvalViewVerb) {
    const view = await deps.workflow.viewFor(event.data.approvalId ?? '', event.actor);
    return view
      ? { message: '', view }
      : { message: `There is no approval request ${(event.data.approvalId ?? '').slice(0, 40)}.` };
  }
  const text = commandTextOf(event);
  if (text === undefined) return { message: 'This button is no longer supported; type the command instead.' };
  void deps.run(event);
  return { message: `Requested \`${text.slice(0, 80)}\`; the answer follows.` };
}

async function decide(
  deps: ButtonDeps,
  event: ActionChatEvent,
  decision: (typeof approvalVerbs)[keyof typeof approvalVerbs],
): Promise<ActionOutcome> {
  const { workflow } = deps;
  const approvalId = event.data.approvalId ?? '';
  if (deps.draining()) {
    const message = 'The bot is restarting; decide again in a minute.';
    return { message, view: await workflow.viewFor(approvalId, event.actor, message) };
  }
  // A platform retry of the same click (Teams re-sends an invoke it got no answer to) is told
  // where things stand; it neither counts again nor fills the audit with refusals.
  if (
    event.deliveryId &&
    !(await deps.store.claimIdempotencyKey(clickKey(event), deliveryKeyTtlMs, deps.now()))
  ) {
    deps.log.info({ deliveryId: event.deliveryId, approvalId }, 'duplicate click ignored');
    const message = 'That click was already received.';
    return { message, view: await workflow.viewFor(approvalId, event.actor, message) };
  }
  const outcome = await workflow.decide(event, decision);
  if (!outcome.record) return { message: outcome.message };
  const notice = outcome.changed ? outcome.message : `Not done: ${outcome.message}`;
  return {
    message: outcome.changed ? outcome.message : notice,
    view: workflow.render(outcome.record, event.actor, notice),
  };
}

function clickKey(event: ActionChatEvent): string {
  return `click:${event.platform}:${event.conversation.conversationId}:${event.deliveryId}`;
}

/** The command a typed message or a run button carries; undefined for other buttons. */
export function commandTextOf(event: ChatEvent): string | undefined {
  if (event.kind === 'text') return event.text;
  return event.verb === 'run' && typeof event.data.command === 'string' ? event.data.command : undefined;
}
