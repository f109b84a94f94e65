import {
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { SimulatorHandler } from '../simulator/simulator-types.js';

/**
 * An SDK `httpClient` that hands each request to a handler function in this process instead of
 * the network. Every pipeline policy (bearer token, retries, LRO polling) still runs; only the
 * socket is replaced. Used with the built-in simulator's `handle`.
 */
export function createInProcessHttpClient(handler: SimulatorHandler): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      // A network round trip yields to the event loop; so does this one. Without it a command's
      // whole chain of ARM calls runs as one unbroken run of microtasks, and chat requests that
      // arrive meanwhile (Slack's 3-second acks) wait behind it.
      await new Promise((resolve) => setImmediate(resolve));
      if (request.abortSignal?.aborted) throw new Error('The request was aborted.');
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name.toLowerCase()] = value;
      const response = await handler({
        method: request.method,
        url: request.url,
        headers,
        body: await bodyToText(request.body),
      });
      return {
        request,
        status: response.status,
        headers: createHttpHeaders(response.headers),
        bodyAsText: response.body ?? null,
      };
    },
  };
}

async function bodyToText(body: PipelineRequest['body']): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  if (ArrayBuffer.isView(body))
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  throw new TypeError('The in-process Azure transport only carries text and byte bodies.');
}
