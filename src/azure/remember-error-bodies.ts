import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';

/**
 * Keeps the body of every ARM error answer by the request it answered, for as long as the request
 * lives. arm-compute 25's list paging throws "Pagination failed with unexpected statusCode 403" with
 * neither the body nor Azure's code details (its RestError drops a parsed body), so without this the
 * bot could not say which permission a 403 on `vms` or `snapshots` lacked.
 */
const bodies = new WeakMap<PipelineRequest, string>();

export const rememberErrorBodiesPolicy: PipelinePolicy = {
  name: 'rememberArmErrorBodies',
  async sendRequest(request, next) {
    const response = await next(request);
    if (response.status >= 400 && typeof response.bodyAsText === 'string')
      bodies.set(request, response.bodyAsText);
    return response;
  },
};

/** The error body ARM answered this request with, when a client's error lost it. */
export function errorBodyOf(request: PipelineRequest | undefined): string | undefined {
  return request ? bodies.get(request) : undefined;
}
