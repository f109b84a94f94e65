import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger } from '../observability/create-logger.js';

/** How long a client may take and how many may be connected: the HTTP server's brakes. */
export interface HttpServerLimits {
  /** Time a client has to send the whole request head (slowloris sends it a byte at a time). */
  headersTimeoutInMs: number;
  /** Time a client has to send the whole request, body included (bodies are 256 KB at most). */
  requestTimeoutInMs: number;
  /** How long an idle kept-alive connection stays open between requests. */
  keepAliveTimeoutInMs: number;
  /** Connections open at once; past it new ones are closed at once, until some end. */
  maxConnections: number;
}

/**
 * Chat platforms send small requests quickly, and a handful of chat pages hold an event stream
 * each: 10 s for a request head, 30 s for a whole request, 5 s idle between requests (Node's own
 * keep-alive) and 512 connections (well under the usual 1,024 open files, which SQLite and the
 * bot's own outbound calls also need).
 */
export const defaultHttpServerLimits: HttpServerLimits = {
  headersTimeoutInMs: 10_000,
  requestTimeoutInMs: 30_000,
  keepAliveTimeoutInMs: 5_000,
  maxConnections: 512,
};

/**
 * The one HTTP server, with limits that Node leaves open: its defaults give a request head 60 s,
 * check for late clients only every 30 s and take any number of connections, so a thousand
 * slowloris sockets stayed open for over a minute. A client over a time limit gets 408 and its
 * socket is closed; a connection over the cap is closed unanswered (logged at most once a minute).
 */
export function createBotServer(
  app: RequestListener,
  log: Logger,
  overrides: Partial<HttpServerLimits> = {},
): Server {
  const limits = { ...defaultHttpServerLimits, ...overrides };
  if (limits.headersTimeoutInMs > limits.requestTimeoutInMs)
    throw new Error('The HTTP headers timeout cannot be longer than the request timeout.');
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutInMs,
      requestTimeout: limits.requestTimeoutInMs,
      // How often Node looks for clients over those times: a late one is closed within this much more.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, limits.headersTimeoutInMs / 4)),
    },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutInMs;
  server.maxConnections = limits.maxConnections;
  let dropped = 0;
  let lastWarning = 0;
  server.on('drop', () => {
    dropped += 1;
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    log.warn(
      { maxConnections: limits.maxConnections, dropped },
      'HTTP connection cap reached: new connections are closed unanswered until some end',
    );
    dropped = 0;
  });
  return server;
}
