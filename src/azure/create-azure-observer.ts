import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Metrics } from '../observability/metrics.js';
import { traceArmRequest } from './trace-arm-request.js';

/** A changing ARM request that Azure accepted. */
export interface AzureChange {
  method: string;
  /** Path of the resource, without the query (no secrets: bodies are never looked at). */
  path: string;
  status: number;
  requestId: string | undefined;
}

export interface AzureObserverOptions {
  metrics: Metrics;
  /** Headers to add to every request, e.g. the command's x-ms-correlation-request-id. */
  headersFor?: () => Record<string, string>;
  /** Told about every accepted PUT, PATCH, POST and DELETE (for the audit). */
  onChange?: (change: AzureChange) => void;
}

const changing = new Set(['PUT', 'PATCH', 'POST', 'DELETE']);

/**
 * A pipeline policy that counts, times and traces every ARM request (retries and polls too) and
 * reports changes.
 */
export function createAzureObserver(options: AzureObserverOptions): PipelinePolicy {
  const { metrics } = options;
  return {
    name: 'chatopsAzureObserver',
    async sendRequest(request, next) {
      for (const [name, value] of Object.entries(options.headersFor?.() ?? {}))
        request.headers.set(name, value);
      const stop = metrics.azureSeconds.startTimer({ method: request.method });
      try {
        const response = await traceArmRequest(request, next);
        metrics.azureRequests.inc({ method: request.method, status: String(response.status) });
        if (response.status === 429) metrics.azureThrottles.inc({ method: request.method });
        if (changing.has(request.method) && response.status < 400) {
          options.onChange?.({
            method: request.method,
            path: new URL(request.url).pathname,
            status: response.status,
            requestId: response.headers.get('x-ms-request-id') ?? undefined,
          });
        }
        return response;
      } catch (error) {
        metrics.azureRequests.inc({ method: request.method, status: 'network-error' });
        throw error;
      } finally {
        stop();
      }
    },
  };
}
