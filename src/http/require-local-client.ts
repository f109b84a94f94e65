import type { NextFunction, Request, Response } from 'express';
import { whyNotLocal } from './why-not-local.js';

/**
 * Without Teams authentication (no MicrosoftAppId) anyone who can reach /api/messages or the local
 * chat could act as any user, so those routes answer only a client on this machine talking to the
 * bot directly (why-not-local.ts says what that means); anything else gets a 403 that says why.
 */
export function requireLocalClient(request: Request, response: Response, next: NextFunction): void {
  const reason = whyNotLocal(request);
  if (reason === undefined) {
    next();
    return;
  }
  response.status(403).json({
    error: `Refused: ${reason}. Authentication is off (no MicrosoftAppId), so only this machine may use the bot, directly at http://localhost, never through a proxy. Set MicrosoftAppId and MicrosoftAppPassword to accept Teams.`,
  });
}
