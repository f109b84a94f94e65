import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler } from 'express';
import { createConnectorRouter, sendError } from './create-connector-router.js';
import { type ConversationHub, createConversationHub } from './create-conversation-hub.js';
import { forbidFraming } from './forbid-framing.js';
import { serveEventStream } from './serve-event-stream.js';

export interface ConsoleIdentity {
  name: string;
  aadObjectId: string;
  role: string;
}

export interface ConsoleChannelOptions {
  identities: ConsoleIdentity[];
  botName?: string;
  /** How often idle event streams get a keep-alive comment; tests shorten it. */
  keepAliveInMs?: number;
  /** How long an event stream may wait for its client to read before it is cut off; tests shorten it. */
  stallTimeoutInMs?: number;
  /** Replay buffer budget across conversations (see createConversationHub); tests shrink it. */
  maxBufferedBytes?: number;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const requireFromHere = createRequire(import.meta.url);

/**
 * The local chat channel: the page at `/`, and at `/console/` the Bot Framework connector the bot
 * replies to (the page sets `serviceUrl` to `<origin>/console/`) plus the event stream that pushes
 * those replies to the page. Mount with `app.use(channel.router)` beside `POST /api/messages`.
 */
export function createConsoleChannel(options: ConsoleChannelOptions): {
  router: express.Router;
  close(): void;
} {
  const hub = createConversationHub({ maxBytes: options.maxBufferedBytes });
  const openStreams = new Set<() => void>();
  const track = (end: () => void): (() => void) => {
    openStreams.add(end);
    return () => openStreams.delete(end);
  };
  const router = express.Router();
  router.use(forbidFraming);
  router.get('/', (_req, res) => {
    res.sendFile('index.html', { root: PUBLIC_DIR });
  });
  router.use('/console', createConsoleRoutes(options, hub, track));
  return {
    router,
    close() {
      for (const end of [...openStreams]) end();
      hub.close();
    },
  };
}

/** Everything under `/console/`: the page's assets and data, the event stream and the connector. */
function createConsoleRoutes(
  options: ConsoleChannelOptions,
  hub: ConversationHub,
  track: (end: () => void) => () => void,
): express.Router {
  const members = options.identities.map((identity) => ({ ...identity, id: `console-${identity.name}` }));
  const routes = express.Router();
  routes.get('/vendor/adaptivecards.js', (_req, res) => {
    res.sendFile(requireFromHere.resolve('adaptivecards/dist/adaptivecards.min.js'));
  });
  routes.get('/vendor/adaptivecards.css', (_req, res) => {
    res.sendFile(requireFromHere.resolve('adaptivecards/dist/adaptivecards.css'));
  });
  routes.get('/identities', (_req, res) => {
    res.json(options.identities);
  });
  routes.get('/settings', (_req, res) => {
    res.json({ botName: options.botName ?? 'Recovery bot', channelId: 'console' });
  });
  routes.get(
    '/stream',
    serveEventStream(hub, {
      keepAliveInMs: options.keepAliveInMs ?? 15_000,
      stallTimeoutInMs: options.stallTimeoutInMs ?? 30_000,
      track,
    }),
  );
  routes.use('/v3', createConnectorRouter(hub, members));
  routes.use(express.static(PUBLIC_DIR, { index: false }));
  routes.use((req, res) => {
    sendError(res, 404, 'NotFound', `no local chat route ${req.method} ${req.originalUrl}`);
  });
  routes.use(answerClientErrors);
  return routes;
}

/** Bad JSON or an oversized body is the caller's mistake: say so; anything else goes on to the app. */
const answerClientErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const status =
    typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
  if (status >= 400 && status < 500) {
    const message = error instanceof Error ? error.message : 'bad request';
    sendError(
      res,
      status,
      status === 413 ? 'RequestTooLarge' : 'BadArgument',
      `invalid request body: ${message}`,
    );
    return;
  }
  next(error);
};
