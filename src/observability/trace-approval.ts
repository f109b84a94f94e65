import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { inActiveSpan } from './bot-tracer.js';

/** What these spans read of an approval record (structural: observability imports no store types). */
interface ApprovalLike {
  id: string;
  commandId: string;
  plan: unknown;
  jobId?: string;
}

/** Creating an approval request (store, audit, card), as the span `approval request` under the command's. */
export function traceApprovalRequest<T extends { id: string; approvalsNeeded: number }>(
  request: () => Promise<T>,
): Promise<T> {
  return inActiveSpan('approval request', {}, async (span) => {
    const record = await request();
    span.setAttributes({
      'chatops.approval.id': record.id,
      'chatops.approval.needed': record.approvalsNeeded,
    });
    return record;
  });
}

/**
 * The stored plan, with the W3C trace context of the span now running (the approval request's) as
 * `traceContext`: the clicks come later, maybe to another process, and continue the trace from it.
 * Unchanged when tracing is off.
 */
export function withTraceContext<T extends object>(plan: T): T {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length > 0 ? { ...plan, traceContext: carrier } : plan;
}

/**
 * A click on an approval as the span `approval <kind>`, a child of the request's span when the
 * record carries its context (else of whatever is current), linked to the click's own context.
 */
export function traceApprovalDecision<T extends { changed: boolean; record?: { state: string } } | string>(
  record: ApprovalLike,
  kind: string,
  actorId: string,
  decide: () => Promise<T>,
): Promise<T> {
  const active = context.active();
  const current = trace.getSpanContext(active);
  const parent = propagation.extract(active, traceContextOf(record.plan));
  const options = {
    kind: SpanKind.SERVER,
    attributes: {
      'chatops.approval.id': record.id,
      'chatops.command': record.commandId,
      'enduser.id': actorId,
    },
    links: current && parent !== active ? [{ context: current }] : [],
  };
  return inActiveSpan(
    `approval ${kind}`,
    options,
    async (span) => {
      const outcome = await decide();
      if (typeof outcome === 'string') span.setAttribute('chatops.approval.outcome', outcome);
      else {
        span.setAttribute('chatops.approval.changed', outcome.changed);
        if (outcome.record) span.setAttribute('chatops.approval.state', outcome.record.state);
      }
      return outcome;
    },
    parent,
  );
}

/** The approved plan running (as its job), as the span `approved <command>` under the deciding click's. */
export function traceApprovedRun(
  record: ApprovalLike,
  run: () => Promise<boolean | undefined>,
): Promise<boolean | undefined> {
  const attributes = {
    'chatops.approval.id': record.id,
    'chatops.command': record.commandId,
    ...(record.jobId ? { 'chatops.job.id': record.jobId } : {}),
  };
  return inActiveSpan(`approved ${record.commandId}`, { attributes }, async (span) => {
    const succeeded = await run();
    span.setAttribute(
      'chatops.outcome',
      succeeded === undefined ? 'interrupted' : succeeded ? 'succeeded' : 'failed',
    );
    if (succeeded === false) span.setStatus({ code: SpanStatusCode.ERROR });
    return succeeded;
  });
}

function traceContextOf(plan: unknown): Record<string, string> {
  const carrier = (plan as { traceContext?: unknown } | null)?.traceContext;
  if (typeof carrier !== 'object' || carrier === null) return {};
  return Object.fromEntries(
    Object.entries(carrier).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
