import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ChatEvent } from '../chat/chat-event.js';
import { inActiveSpan } from './bot-tracer.js';

/**
 * Runs the handling of one command as the span `command <id>`, the parent of everything it does
 * (approval request, ARM requests, job polls). Ids only: the command text may hold anything the
 * user typed, so it stays out (the audit log has the canonical form).
 */
export function traceCommand<T>(event: ChatEvent, handle: () => Promise<T>): Promise<T> {
  const attributes = {
    'chatops.platform': event.platform,
    'chatops.origin': event.origin,
    'chatops.correlation_id': event.correlationId,
    'enduser.id': event.actor.id,
  };
  return inActiveSpan('command', { kind: SpanKind.SERVER, attributes }, handle);
}

/** Names the current command span once the command is known, and records how it ended. */
export function describeCommandSpan(commandId: string, outcome: string): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName(`command ${commandId}`);
  span.setAttributes({ 'chatops.command': commandId, 'chatops.outcome': outcome });
  if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
}
