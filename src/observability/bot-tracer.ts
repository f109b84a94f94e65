import { type Tracer, trace } from '@opentelemetry/api';

/**
 * The bot's tracer, through the global OpenTelemetry API: a no-op until `startTracing` registers a
 * provider. Asked for at each use, never kept: a tracer taken from one provider would keep
 * writing to it after a restart in the same process (tests) registered another.
 */
export function botTracer(): Tracer {
  return trace.getTracer('recovery-chatops-bot');
}
