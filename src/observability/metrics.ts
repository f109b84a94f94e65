import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Counts the store-backed gauges show. */
export interface StoreFigures {
  jobStates(): Promise<Record<string, number>>;
  openAlerts(): Promise<Record<string, number>>;
}

/** The bot's Prometheus metrics, served at /metrics. One registry per bot instance (tests run several). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'chatops_http_requests_total',
    help: 'HTTP requests by route and status.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly commands = new Counter({
    name: 'chatops_commands_total',
    help: 'Commands by command id and outcome (succeeded, refused, failed, invalid, error).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly commandSeconds = new Histogram({
    name: 'chatops_command_duration_seconds',
    help: 'Time from receiving a command to its final answer.',
    labelNames: ['command'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly azureRequests = new Counter({
    name: 'chatops_azure_requests_total',
    help: 'Requests to Azure Resource Manager by method and status.',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });
  readonly azureSeconds = new Histogram({
    name: 'chatops_azure_request_duration_seconds',
    help: 'Latency of single ARM requests.',
    labelNames: ['method'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly azureThrottles = new Counter({
    name: 'chatops_azure_throttled_total',
    help: 'ARM answers of 429 (throttled), by method; the SDK waits out Retry-After and retries.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  readonly jobs: Gauge<'state'> = new Gauge({
    name: 'chatops_jobs',
    help: 'Jobs by state, read from the store at each scrape (running: all; ended: of the last 500).',
    labelNames: ['state'] as const,
    registers: [this.registry],
    collect: () => this.fill(this.jobs, 'state', this.store?.jobStates),
  });
  readonly openAlerts: Gauge<'kind'> = new Gauge({
    name: 'chatops_alerts_open',
    help: 'Open alerts by kind, read from the store at each scrape.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
    collect: () => this.fill(this.openAlerts, 'kind', this.store?.openAlerts),
  });
  private store: StoreFigures | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the store-backed gauges read from at each scrape. */
  readFromStore(store: StoreFigures): void {
    this.store = store;
  }

  /** A store that does not answer leaves the gauge empty: the scrape must not fail (/healthz says why). */
  private async fill<L extends string>(
    gauge: Gauge<L>,
    label: L,
    read?: () => Promise<Record<string, number>>,
  ) {
    if (!read) return;
    const values = await read().catch(() => ({}) as Record<string, number>);
    gauge.reset();
    for (const [key, value] of Object.entries(values))
      gauge.set({ [label]: key } as Record<L, string>, value);
  }
}
