import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../observability/create-logger.js';
import type { Metrics } from '../observability/metrics.js';
import { createMonitoringAccess } from './monitoring-access.js';
import { requireLocalClient } from './require-local-client.js';

export interface HttpAppOptions {
  log: Logger;
  metrics: Metrics;
  /** POST /api/messages (Bot Framework: Teams and the local chat page). */
  botFramework: (request: Request, response: Response) => Promise<void>;
  /** POST /slack/events (Slack HTTP mode): gets the raw body, for the signature check. */
  slack?: (request: Request, response: Response) => Promise<void>;
  /** How Slack reaches the bot: over /slack/events, through Socket Mode, or not at all. */
  slackMode: 'http' | 'socket' | 'off';
  /** The local chat page and its connector; absent when Teams authentication is on. */
  localChat: Router | undefined;
  /** No Teams authentication: /api/messages and the local chat answer this machine only. */
  localOnly: boolean;
  health: () => Promise<Record<string, unknown>>;
  /** METRICS_TOKEN: a bearer token that reads /metrics and /healthz's details from anywhere. */
  metricsToken?: string;
}

/** Activities and Slack payloads are small; anything near this is garbage or an attack. */
const bodyLimit = '256kb';

/** The one HTTP server of the bot: every endpoint on one port (DESIGN.md, "External contract"). */
export function createHttpApp(options: HttpAppOptions): Express {
  const { log, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use((request, response, next) => {
    response.on('finish', () =>
      metrics.httpRequests.inc({ route: routeLabel(request), status: String(response.statusCode) }),
    );
    next();
  });
  const monitoring = createMonitoringAccess(options.metricsToken);
  app.get('/healthz', async (request, response) => {
    const health = await options.health();
    // A dead Slack socket is reported (status "degraded", slack.ok false) but stays a 200: a load
    // balancer must not take Teams out of rotation because Slack is down. Without the store, the
    // bot can record nothing: 503. Anyone else learns what a load balancer needs and no more.
    const slack = health.slack as { ok?: boolean } | undefined;
    const storeOk = health.store === 'ok';
    const ok = storeOk && slack?.ok !== false;
    response.status(storeOk ? 200 : 503);
    if (monitoring.allows(request)) response.json({ status: ok ? 'ok' : 'degraded', ...health });
    else response.json({ status: storeOk ? 'ok' : 'not ok' });
  });
  app.get('/metrics', async (request, response) => {
    if (!monitoring.allows(request)) {
      monitoring.refuse(request, response);
      return;
    }
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const local = options.localOnly ? [requireLocalClient] : [];
  app.post('/api/messages', ...local, express.json({ limit: bodyLimit }), (request, response, next) => {
    options.botFramework(request, response).catch(next);
  });
  const slack = options.slack;
  if (slack) {
    // Any content type, as bytes: the signature covers the raw body exactly as Slack sent it.
    app.post(
      '/slack/events',
      express.raw({ type: () => true, limit: bodyLimit }),
      (request, response, next) => {
        slack(request, response).catch(next);
      },
    );
  } else {
    app.post('/slack/events', (_request, response) => {
      response.status(404).json({
        error:
          options.slackMode === 'socket'
            ? 'This bot receives Slack through Socket Mode; /slack/events is not used.'
            : 'Slack is not configured on this bot: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN.',
      });
    });
  }
  if (options.localChat) app.use(...local, options.localChat);
  else {
    app.get('/', (_request, response) => {
      response
        .type('text/plain')
        .send(
          'Recovery chat-ops bot. The local chat page is off because Teams authentication is on; use Teams.',
        );
    });
  }
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 500) log.error({ err: error, path: request.path }, 'request failed');
    if (response.headersSent) return;
    response.status(status).json({ error: status >= 500 ? 'internal error' : 'bad request' });
  });
  return app;
}

/** body-parser marks its errors (bad JSON, too large) with a 4xx status. */
function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function routeLabel(request: Request): string {
  const path = request.path;
  if (path.startsWith('/console/')) return '/console';
  return ['/healthz', '/metrics', '/api/messages', '/slack/events', '/'].includes(path) ? path : 'other';
}
