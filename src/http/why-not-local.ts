import type { Request } from 'express';

const localHostnames = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Headers a proxy adds to say whom it forwards for. A request that carries one came from somewhere
 * else through a proxy on this machine, however local its peer address and Host look.
 */
const proxyHeaders: Record<string, string> = {
  forwarded: 'Forwarded',
  'x-forwarded-for': 'X-Forwarded-For',
  'x-forwarded-host': 'X-Forwarded-Host',
  'x-real-ip': 'X-Real-IP',
  via: 'Via',
};

/**
 * Why a request is not from a client on this machine talking to the bot directly, in words for the
 * refusal; undefined when it is. Direct and local means: a loopback peer, no proxy header, not
 * HTTP/1.0 (what nginx's default proxy_pass speaks, with `Host: localhost:<port>` and no proxy
 * header at all), a localhost Host, and a localhost Origin when a browser sends one (the Host and
 * Origin checks defeat DNS rebinding, where a web page's own domain resolves to 127.0.0.1).
 */
export function whyNotLocal(request: Request): string | undefined {
  // A server on every interface sees IPv4 peers as IPv4-mapped IPv6 (::ffff:192.0.2.1).
  const peer = (request.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.)/, '');
  if (peer !== '::1' && !peer.startsWith('127.'))
    return `it came from ${peer || 'an unknown address'}, not from this machine`;
  const forwarded = Object.keys(proxyHeaders).find((name) => request.headers[name] !== undefined);
  if (forwarded) return `it came through a proxy (it carries ${proxyHeaders[forwarded]})`;
  if (request.httpVersion === '1.0')
    return 'it came over HTTP/1.0, as a proxy forwards (browsers and Bot Framework clients speak HTTP/1.1)';
  if (!localHostnames.has(hostnameOf(request.headers.host)))
    return `it names the host ${JSON.stringify(request.headers.host ?? '')}, not localhost`;
  const origin = request.headers.origin;
  if (origin !== undefined && !isLocalOrigin(origin))
    return `it comes from a page at ${JSON.stringify(origin)}, not from localhost`;
  return undefined;
}

function isLocalOrigin(origin: string): boolean {
  if (origin === 'null' || !URL.canParse(origin)) return false;
  return localHostnames.has(new URL(origin).hostname);
}

/** "localhost:3978" -> "localhost"; "[::1]:3978" -> "[::1]". */
function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}
