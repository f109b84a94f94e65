import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Metrics } from '../observability/metrics.js';

/** A pipeline policy that counts every ARM request (each retry and each poll too) and times it. */
export function createAzureObserver(metrics: Metrics): PipelinePolicy {
  return {
    name: 'chatopsAzureObserver',
    async sendRequest(request, next) {
      const stop = metrics.azureSeconds.startTimer({ method: request.method });
      try {
        const response = await next(request);
        metrics.azureRequests.inc({ method: request.method, status: String(response.status) });
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
