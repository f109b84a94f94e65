import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { whyNotLocal } from './why-not-local.js';

export interface MonitoringAccess {
  /** Whether the request may read /metrics and /healthz's details. */
  allows(request: Request): boolean;
  /** The 401 or 403 for a request that may not, saying why and how to get in. */
  refuse(request: Request, response: Response): void;
}

/**
 * /metrics names commands, outcomes and jobs, and /healthz's details name the store, Slack and the
 * Azure backend: they are for this machine (a client talking to the bot directly, as in the
 * local-only mode) or for whoever sends `Authorization: Bearer <METRICS_TOKEN>`. The token is
 * compared in constant time (both sides hashed first, so not even its length leaks).
 */
export function createMonitoringAccess(token: string | undefined): MonitoringAccess {
  const expected = token === undefined ? undefined : digest(token);
  const tokenMatches = (request: Request): boolean => {
    const given = bearerOf(request);
    return expected !== undefined && given !== undefined && timingSafeEqual(digest(given), expected);
  };
  return {
    allows: (request) => tokenMatches(request) || whyNotLocal(request) === undefined,
    refuse(request, response) {
      const reason = whyNotLocal(request) ?? 'it is not from this machine';
      if (expected === undefined) {
        response.status(403).json({
          error: `Refused: ${reason}. /metrics answers only this machine, directly. To scrape it from elsewhere, set METRICS_TOKEN on the bot and send Authorization: Bearer <token>.`,
        });
        return;
      }
      const presented = bearerOf(request) !== undefined;
      response
        .status(401)
        .setHeader('WWW-Authenticate', presented ? 'Bearer error="invalid_token"' : 'Bearer')
        .json({
          error: presented
            ? 'Refused: the bearer token is not METRICS_TOKEN.'
            : `Refused: ${reason}, and it has no bearer token. Send Authorization: Bearer <METRICS_TOKEN>.`,
        });
    },
  };
}

function bearerOf(request: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
