import type { PipelineRequest, PipelineResponse, SendRequest } from '@azure/core-rest-pipeline';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  type TextMapSetter,
  trace,
} from '@opentelemetry/api';
import { botTracer } from '../observability/bot-tracer.js';

/** How many times each request object was sent: the retry policy sends the same object again. */
const sends = new WeakMap<PipelineRequest, number>();

const headerSetter: TextMapSetter<PipelineRequest['headers']> = {
  set: (headers, name, value) => headers.set(name, value),
};

/**
 * One CLIENT span per ARM request as it goes on the wire (each retry and each poll its own),
 * under whatever span is current (the command's). Method, the path with its names left out,
 * status and Azure's request id; never headers, bodies or resource names (typed by users). Sends the W3C traceparent along, as the SDK's own
 * tracing does.
 */
export async function traceArmRequest(
  request: PipelineRequest,
  next: SendRequest,
): Promise<PipelineResponse> {
  const span = botTracer().startSpan(request.method, { kind: SpanKind.CLIENT });
  // Tracing off (or this trace not sampled): nothing more than the API's no-op span.
  if (!span.isRecording()) {
    span.end();
    return next(request);
  }
  const url = new URL(request.url);
  const resent = sends.get(request) ?? 0;
  sends.set(request, resent + 1);
  const resource = resourceTypeOf(url.pathname);
  if (resource) span.updateName(`${request.method} ${resource.type}`);
  span.setAttributes({
    'http.request.method': request.method,
    'url.template': templateOf(url.pathname),
    'server.address': url.hostname,
    ...(resource ? { 'az.namespace': resource.namespace } : {}),
    ...(resent > 0 ? { 'http.request.resend_count': resent } : {}),
  });
  propagation.inject(trace.setSpan(context.active(), span), request.headers, headerSetter);
  try {
    const response = await next(request);
    span.setAttribute('http.response.status_code', response.status);
    const requestId = response.headers.get('x-ms-request-id');
    if (requestId) span.setAttribute('az.service_request_id', requestId);
    if (response.status >= 400) {
      span.setAttribute('error.type', String(response.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    return response;
  } catch (error) {
    // The kind of failure only: messages can quote URLs and payloads.
    const code = (error as { code?: unknown }).code;
    span.setAttribute('error.type', typeof code === 'string' ? code : (error as Error).name);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * The resource type a path addresses, names left out (a low-cardinality span name):
 * `.../providers/Microsoft.Compute/virtualMachines/vm-web-01` -> Microsoft.Compute/virtualMachines.
 */
export function resourceTypeOf(path: string): { namespace: string; type: string } | undefined {
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const at = segments.findLastIndex((segment) => segment.toLowerCase() === 'providers');
  const namespace = segments[at + 1];
  if (at < 0 || !namespace || at + 2 >= segments.length) return undefined;
  const types = segments.slice(at + 2).filter((_, index) => index % 2 === 0);
  return { namespace, type: `${namespace}/${types.join('/')}` };
}

/**
 * An ARM path with every name left out, its shape kept:
 * `/subscriptions/s/resourceGroups/rg-shop/providers/Microsoft.Compute/virtualMachines/vm-web-01`
 * -> `/subscriptions/{name}/resourceGroups/{name}/providers/Microsoft.Compute/virtualMachines/{name}`.
 */
export function templateOf(path: string): string {
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const template: string[] = [];
  for (let at = 0; at < segments.length; at += 2) {
    const key = segments[at] as string;
    template.push(key);
    // After `providers` comes the namespace, kept; after any other key, a name.
    if (at + 1 < segments.length)
      template.push(key.toLowerCase() === 'providers' ? (segments[at + 1] as string) : '{name}');
  }
  return `/${template.join('/')}`;
}
