import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
