import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';

export interface ReverseProxyOptions {
  /** The bot's port on this machine. */
  targetPort: number;
  /** nginx's default `proxy_http_version` is 1.0; `proxy_http_version 1.1` is common. */
  httpVersion: '1.0' | '1.1';
  /** `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; proxy_set_header X-Real-IP $remote_addr;` */
  forwardedFor: boolean;
}

export interface ReverseProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A reverse proxy on this machine as nginx forwards with `proxy_pass http://localhost:<port>`: it
 * rewrites Host to `localhost:<port>`, asks the bot to close the connection after the answer, adds
 * the forwarding headers when configured, and passes the bytes through both ways. The bot sees a
 * loopback peer and a localhost Host for every client, which is what the local-only gate must not
 * mistake for this machine.
 */
export async function startReverseProxy(options: ReverseProxyOptions): Promise<ReverseProxy> {
  const server = createServer((client) => forward(client, options));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
      }),
  };
}

function forward(client: Socket, options: ReverseProxyOptions): void {
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    client.off('data', onData);
    const upstream = createConnection(options.targetPort, '127.0.0.1');
    upstream.write(rewriteHead(head.subarray(0, end).toString('latin1'), client, options));
    upstream.write(head.subarray(end + 4));
    client.pipe(upstream);
    upstream.pipe(client);
    upstream.on('error', () => client.destroy());
  };
  client.on('data', onData);
  client.on('error', () => client.destroy());
}

function rewriteHead(head: string, client: Socket, options: ReverseProxyOptions): string {
  const [requestLine = '', ...lines] = head.split('\r\n');
  const [method, target] = requestLine.split(' ');
  const kept = lines.filter((line) => !/^(host|connection|keep-alive):/i.test(line));
  const forwarded = options.forwardedFor
    ? [`X-Forwarded-For: ${client.remoteAddress}`, `X-Real-IP: ${client.remoteAddress}`]
    : [];
  return [
    `${method} ${target} HTTP/${options.httpVersion}`,
    `Host: localhost:${options.targetPort}`,
    ...forwarded,
    'Connection: close',
    ...kept,
    '',
    '',
  ].join('\r\n');
}
