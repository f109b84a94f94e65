import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { context, type ProxyTracerProvider, propagation, SpanKind, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { resourceTypeOf, templateOf } from '../../src/azure/trace-arm-request.js';
import { readAppConfig } from '../../src/config/app-config.js';
import { tracesExportOf } from '../../src/observability/start-tracing.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** An OTLP/HTTP collector: keeps what arrives at POST /v1/traces (JSON). */
async function startCollector() {
  const bodies: string[] = [];
  const paths: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      paths.push(`${request.method} ${request.url}`);
      const raw = Buffer.concat(chunks);
      const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      if (request.method === 'POST' && request.url === '/v1/traces') bodies.push(body.toString('utf8'));
      response.writeHead(request.url === '/v1/traces' ? 200 : 404, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    paths,
    /** Every span received, with its resource's service.name. */
    spans() {
      return bodies.flatMap((body) => {
        const parsed = JSON.parse(body) as { resourceSpans: OtlpResourceSpans[] };
        return parsed.resourceSpans.flatMap((rs) => {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
          return rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ ...span, service })));
        });
      });
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

interface OtlpResourceSpans {
  resource: { attributes: { key: string; value: { stringValue?: string } }[] };
  scopeSpans: {
    spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes: unknown[] }[];
  }[];
}

/** Waits for a finished span of that name (spans end a moment after the answer is posted). */
async function spanNamed(exporter: InMemorySpanExporter, name: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = exporter.getFinishedSpans().find((span) => span.name === name);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seen = exporter.getFinishedSpans().map((span) => span.name);
  throw new Error(`No span ${name}; saw: ${seen.join(', ')}`);
}

const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const traceOf = (span: ReadableSpan) => span.spanContext().traceId;

/** Spans as text for a failure message: name <- parent name. */
function treeOf(spans: readonly ReadableSpan[]): string {
  const names = new Map(spans.map((span) => [idOf(span), span.name]));
  return spans.map((span) => `${span.name} <- ${names.get(parentOf(span) ?? '') ?? '(none)'}`).join('\n');
}

/** Whether the global API has a real provider behind it (the proxy's delegate). */
function registeredProvider(): unknown {
  return (trace.getTracerProvider() as ProxyTracerProvider).getDelegate();
}

describe('tracing (OpenTelemetry)', () => {
  const bots: TestBot[] = [];
  const collectors: Awaited<ReturnType<typeof startCollector>>[] = [];
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.stop()));
    await Promise.all(collectors.splice(0).map((collector) => collector.close()));
    // Whatever a failed test left registered must not reach the next one.
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('follows one command through the router to each ARM request, retries included, in one trace', async () => {
    const exporter = new InMemorySpanExporter();
    const bot = await startTestBot(
      { OTEL_SERVICE_NAME: 'chatops-under-test' },
      { spanProcessor: new SimpleSpanProcessor(exporter) },
    );
    bots.push(bot);
    expect(registeredProvider()).toBeInstanceOf(BasicTracerProvider);
    // One throttled PUT: the SDK retries it, and the retry is a span of its own.
    await bot.simulatorAdmin('POST', 'faults', {
      kind: 'throttle',
      match: { method: 'PUT', resourceType: 'Microsoft.Compute/snapshots' },
      count: 1,
      retryAfterSeconds: 0,
    });
    await bot.ask('snapshot vm-web-01', (t) => t.includes('Snapshot set of vm-web-01 created'));

    const root = await spanNamed(exporter, 'command snapshot.create');
    const spans = exporter.getFinishedSpans().filter((span) => traceOf(span) === traceOf(root));
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.kind).toBe(SpanKind.SERVER);
    expect(root.attributes).toMatchObject({
      'chatops.platform': 'teams',
      'chatops.origin': 'typed',
      'chatops.command': 'snapshot.create',
      'chatops.outcome': 'succeeded',
      'enduser.id': '29:alice',
    });
    expect(root.attributes['chatops.correlation_id']).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.values(root.attributes)).not.toContain('snapshot vm-web-01');
    expect(root.resource.attributes['service.name']).toBe('chatops-under-test');

    const arm = spans.filter((span) => span.kind === SpanKind.CLIENT);
    expect(arm.length, treeOf(spans)).toBeGreaterThan(3);
    for (const span of arm) {
      expect(parentOf(span), span.name).toBe(idOf(root));
      expect(span.attributes['url.template']).toMatch(/^\/subscriptions\/\{name\}(\/[^?]+)?$/);
      expect(JSON.stringify(span.attributes)).not.toMatch(/vm-web-01|rg-shop|00000000-0000/);
      expect(span.attributes['server.address']).toBe('management.azure.com');
      expect(span.attributes['http.response.status_code']).toEqual(expect.any(Number));
    }
    expect(arm.map((span) => span.name)).toContain('GET Microsoft.Compute/virtualMachines');
    const puts = arm.filter((span) => span.name === 'PUT Microsoft.Compute/snapshots');
    const throttled = puts.find((span) => span.attributes['http.response.status_code'] === 429);
    expect(throttled?.attributes['error.type']).toBe('429');
    const retry = puts.find(
      (span) =>
        span.attributes['url.path'] === throttled?.attributes['url.path'] &&
        span.attributes['http.request.resend_count'] === 1,
    );
    expect(retry?.attributes['http.response.status_code'], treeOf(spans)).toBeLessThan(300);
    expect(retry?.attributes['az.service_request_id']).toEqual(expect.any(String));
  });

  it('carries an approval into the same trace across a restart: request, clicks, approved run', {
    timeout: 60_000,
  }, async () => {
    const first = new InMemorySpanExporter();
    const asker = await startTestBot({}, { spanProcessor: new SimpleSpanProcessor(first) });
    const { conversationId } = await asker.send('restore files vm-web-01', 'alice');
    const card = await asker.waitFor(conversationId, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(card.versions.at(-1)))?.[0] ?? '';
    const command = await spanNamed(first, 'command restore.files');
    const request = await spanNamed(first, 'approval request');
    // The exporter forgets its spans when the bot shuts it down: keep them.
    const before = [...first.getFinishedSpans()];
    expect(command.attributes['chatops.outcome']).toBe('approval-requested');
    expect(parentOf(request)).toBe(idOf(command));
    expect(traceOf(request)).toBe(traceOf(command));
    expect(request.attributes).toMatchObject({
      'chatops.approval.id': approvalId,
      'chatops.approval.needed': 1,
    });

    // Another process takes the click: the trace context came with the approval record.
    await asker.bot.close();
    expect(registeredProvider()).not.toBeInstanceOf(BasicTracerProvider);
    const second = new InMemorySpanExporter();
    const bot = await startTestBot(
      {},
      { spanProcessor: new SimpleSpanProcessor(second) },
      { dataDir: asker.dataDir, connector: asker.connector, clockOffsetMs: asker.clockOffsetMs() },
    );
    bots.push(bot);
    expect(await bot.click('approval.approve', { approvalId }, 'alice')).toMatch(/you asked for this/i);
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    const script = await bot.waitFor(conversationId, (t) => t.includes('your script (private)'), 30_000);
    const password = /Password\n(\S{15})\n/.exec(cardText(script.versions.at(-1)))?.[1] ?? 'missing';
    // The approved run lasts as long as the session is open: close it.
    await bot.ask('restore files vm-web-01 done', (t) => t.includes('closed'));
    const run = await spanNamed(second, 'approved restore.files', 30_000);
    const after = second.getFinishedSpans();

    const clicks = after.filter((span) => span.name === 'approval approve');
    expect(clicks.map((span) => span.attributes['enduser.id']).sort()).toEqual(['29:alice', '29:bob']);
    for (const click of clicks) {
      expect(traceOf(click)).toBe(traceOf(command));
      expect(parentOf(click)).toBe(idOf(request));
    }
    const approving = clicks.find((span) => span.attributes['enduser.id'] === '29:bob');
    expect(approving?.attributes).toMatchObject({
      'chatops.approval.changed': true,
      'chatops.approval.state': 'executing',
    });
    expect(clicks.find((span) => span !== approving)?.attributes['chatops.approval.changed']).toBe(false);
    expect(parentOf(run)).toBe(approving && idOf(approving));
    expect(run.attributes).toMatchObject({
      'chatops.outcome': 'succeeded',
      'chatops.job.id': expect.any(String),
    });
    const armOfRun = after.filter((span) => span.kind === SpanKind.CLIENT && parentOf(span) === idOf(run));
    expect(
      armOfRun.map((span) => span.name),
      treeOf(after),
    ).toContain(
      'POST Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/provisionInstantItemRecovery',
    );
    expect(armOfRun.every((span) => traceOf(span) === traceOf(command))).toBe(true);

    // Ids and outcomes only: not the password, the script, the command text or a token.
    const recorded = JSON.stringify(
      [...before, ...after].map((span) => [span.name, span.attributes, span.events, span.links]),
    );
    expect(password).toMatch(/^[A-Za-z0-9]{15}$/);
    expect(recorded).not.toContain(password);
    expect(recorded).not.toContain('restore files vm-web-01');
    expect(recorded).not.toMatch(/simulator-token|bearer|authorization/i);
  });

  it('exports over OTLP/HTTP to the collector the environment names, flushed when the bot stops', async () => {
    const collector = await startCollector();
    collectors.push(collector);
    const bot = await startTestBot({ OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/` });
    await bot.ask('snapshot vm-web-01', (t) => t.includes('Snapshot set of vm-web-01 created'));
    // Batched: nothing has to have left yet. Stopping the bot exports the rest and unregisters.
    await bot.stop();
    expect(registeredProvider()).not.toBeInstanceOf(BasicTracerProvider);

    expect(collector.paths.every((path) => path === 'POST /v1/traces')).toBe(true);
    const spans = collector.spans();
    const root = spans.find((span) => span.name === 'command snapshot.create');
    expect(root?.service).toBe('recovery-chatops-bot');
    const children = spans.filter((span) => span.parentSpanId === root?.spanId);
    expect(children.map((span) => span.name)).toContain('PUT Microsoft.Compute/snapshots');
    expect(children.every((span) => span.traceId === root?.traceId)).toBe(true);
    expect(collector.bodies.join('\n')).not.toMatch(/simulator-token|bearer|authorization/i);
  });

  it('is off without the environment: no provider registered, nothing exported', async () => {
    const plain = await startTestBot();
    bots.push(plain);
    await plain.ask('snapshot vm-web-01', (t) => t.includes('Snapshot set of vm-web-01 created'));
    expect(registeredProvider()).not.toBeInstanceOf(BasicTracerProvider);
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);

    // OTEL_TRACES_EXPORTER=none wins over an endpoint.
    const collector = await startCollector();
    collectors.push(collector);
    const silenced = await startTestBot({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_TRACES_EXPORTER: 'none',
    });
    await silenced.ask('snapshot vm-web-02', (t) => t.includes('Snapshot set of vm-web-02 created'));
    expect(registeredProvider()).not.toBeInstanceOf(BasicTracerProvider);
    await silenced.stop();
    expect(collector.paths).toEqual([]);
  });

  it('reads the standard variables, off unless one is set', () => {
    const exportOf = (env: Record<string, string>) => tracesExportOf(readAppConfig(env));
    expect(exportOf({})).toEqual({ kind: 'off' });
    expect(exportOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      kind: 'otlp',
      url: 'http://collector:4318/v1/traces',
    });
    expect(exportOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://c.example/otlp/traces' })).toEqual({
      kind: 'otlp',
      url: 'https://c.example/otlp/traces',
    });
    expect(exportOf({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
      kind: 'otlp',
      url: 'http://localhost:4318/v1/traces',
    });
    expect(exportOf({ OTEL_TRACES_EXPORTER: 'console' })).toEqual({ kind: 'console' });
    expect(readAppConfig({}).OTEL_SERVICE_NAME).toBe('recovery-chatops-bot');
  });

  it('names ARM spans by resource type, without resource names', () => {
    const vm =
      '/subscriptions/s/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01';
    expect(resourceTypeOf(vm)?.type).toBe('Microsoft.Compute/virtualMachines');
    expect(resourceTypeOf('/subscriptions/s/providers/Microsoft.Compute/snapshots')).toEqual({
      namespace: 'Microsoft.Compute',
      type: 'Microsoft.Compute/snapshots',
    });
    expect(
      resourceTypeOf('/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/operations/abc')
        ?.type,
    ).toBe('Microsoft.Compute/locations/operations');
    expect(resourceTypeOf('/subscriptions/s/resourceGroups')).toBeUndefined();
    expect(templateOf(vm)).toBe(
      '/subscriptions/{name}/resourceGroups/{name}/providers/Microsoft.Compute/virtualMachines/{name}',
    );
    expect(
      templateOf('/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/operations/abc'),
    ).toBe('/subscriptions/{name}/providers/Microsoft.Compute/locations/{name}/operations/{name}');
    expect(templateOf('/subscriptions/s/resourceGroups')).toBe('/subscriptions/{name}/resourceGroups');
  });
});
