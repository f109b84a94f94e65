import { context, DiagLogLevel, diag, propagation, trace } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from './create-logger.js';

type TracingConfig = Pick<
  AppConfig,
  | 'OTEL_TRACES_EXPORTER'
  | 'OTEL_EXPORTER_OTLP_ENDPOINT'
  | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
  | 'OTEL_SERVICE_NAME'
>;

/** Where spans go: nowhere unless the environment names an exporter or a collector. */
export type TracesExport = { kind: 'off' } | { kind: 'console' } | { kind: 'otlp'; url: string };

/**
 * OpenTelemetry's variables, read the standard way except for one default: without any of them
 * tracing is off (the specification would export to localhost:4318).
 */
export function tracesExportOf(config: TracingConfig): TracesExport {
  const traces = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const exporter = config.OTEL_TRACES_EXPORTER ?? (traces || base ? 'otlp' : 'none');
  if (exporter === 'none') return { kind: 'off' };
  if (exporter === 'console') return { kind: 'console' };
  // The signal-specific URL is taken as is; the base gets the traces path (OTLP/HTTP specification).
  const url = traces ?? `${(base ?? 'http://localhost:4318').replace(/\/+$/, '')}/v1/traces`;
  return { kind: 'otlp', url };
}

export interface Tracing {
  /** Where spans go, for the start log line. */
  readonly exportsTo: string;
  /** Exports the spans still buffered, then unregisters what `startTracing` registered. */
  shutdown(): Promise<void>;
}

/**
 * Registers a tracer provider, the AsyncLocalStorage context manager and the W3C trace-context
 * propagator, globally, when the environment asks for traces (or a test hands its own processor).
 * Otherwise registers nothing and returns undefined: the bot's spans stay the API's no-ops, and
 * the SDK is not even loaded (it adds about 150 ms to every start).
 */
export async function startTracing(
  config: TracingConfig,
  log: Logger,
  processor?: SpanProcessor,
): Promise<Tracing | undefined> {
  const target = tracesExportOf(config);
  if (!processor && target.kind === 'off') return undefined;
  const [
    { AsyncLocalStorageContextManager },
    { W3CTraceContextPropagator },
    { resourceFromAttributes },
    { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter },
    { ATTR_SERVICE_NAME },
  ] = await Promise.all([
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const spanProcessor =
    processor ??
    new BatchSpanProcessor(
      target.kind === 'otlp'
        ? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({ url: target.url })
        : new ConsoleSpanExporter(),
    );
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.OTEL_SERVICE_NAME }),
    spanProcessors: [spanProcessor],
  });
  const exportsTo = processor ? 'a span processor given by the caller' : describeTarget(target);
  // Something else registered first (a preloaded OpenTelemetry agent): the bot's spans go to it.
  if (!trace.setGlobalTracerProvider(provider)) {
    log.warn('an OpenTelemetry tracer provider was already registered; the bot traces through it');
    return {
      exportsTo: 'the tracer provider registered before the bot',
      shutdown: () => provider.shutdown(),
    };
  }
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const ownsContext = context.setGlobalContextManager(contextManager);
  const ownsPropagation = propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // Export failures (collector down) would be silent otherwise.
  diag.setLogger(
    {
      error: (message) => log.warn(`OpenTelemetry: ${message}`),
      warn: (message) => log.warn(`OpenTelemetry: ${message}`),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
  return {
    exportsTo,
    async shutdown() {
      try {
        await provider.shutdown();
      } catch (error) {
        log.warn({ err: error }, 'spans could not all be exported at shutdown');
      } finally {
        trace.disable();
        if (ownsContext) context.disable();
        else contextManager.disable();
        if (ownsPropagation) propagation.disable();
        diag.disable();
      }
    },
  };
}

function describeTarget(target: TracesExport): string {
  return target.kind === 'otlp' ? `OTLP/HTTP ${target.url}` : target.kind;
}
