import type { NextFunction, Request, Response } from 'express';

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const localHostnames = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Without Teams authentication (no MicrosoftAppId) anyone who can reach /api/messages or the local
 * chat could act as any user, so those routes answer only this machine: a loopback peer AND a
 * localhost Host (and Origin, when a browser sends one), which also defeats DNS rebinding, where a
 * web page's own domain resolves to 127.0.0.1.
 */
export function requireLocalClient(request: Request, response: Response, next: NextFunction): void {
  if (isLocal(request)) {
    next();
    return;
  }
  response.status(403).json({
    error:
      'Authentication is off (no MicrosoftAppId), so only this machine may use the bot, at http://localhost. Set MicrosoftAppId and MicrosoftAppPassword to accept Teams.',
  });
}

function isLocal(request: Request): boolean {
  if (!loopbackAddresses.has(request.socket.remoteAddress ?? '')) return false;
  if (!localHostnames.has(hostnameOf(request.headers.host))) return false;
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return localHostnames.has(new URL(origin).hostname);
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

/** "localhost:3978" -> "localhost"; "[::1]:3978" -> "[::1]". */
function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}
