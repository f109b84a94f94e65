import {
  type Context,
  context,
  type Span,
  type SpanOptions,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';

/**
 * The bot's tracer, through the global OpenTelemetry API: a no-op until `startTracing` registers a
 * provider. Asked for at each use, never kept: a tracer taken from one provider would keep
 * writing to it after a restart in the same process (tests) registered another.
 */
export function botTracer(): Tracer {
  return trace.getTracer('recovery-chatops-bot');
}

/**
 * Runs `run` in a new span, current while it runs (under `parent`, by default the current
 * context), that ends with it and is marked an error when it throws.
 */
export function inActiveSpan<T>(
  name: string,
  options: SpanOptions,
  run: (span: Span) => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  return botTracer().startActiveSpan(name, options, parent, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
