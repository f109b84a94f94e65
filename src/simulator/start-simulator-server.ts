import { mkdir, writeFile } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import type { Simulator } from './create-simulator.js';
import type { SimulatorRequest } from './simulator-types.js';

/**
 * Serves a simulator's handler over HTTP and HTTPS, so that any Azure client (another SDK, a script,
 * az with a custom cloud) can use it. The HTTPS certificate is generated at every start: a private
 * CA (written to `certDir/ca.pem` for NODE_EXTRA_CA_CERTS or `tlsOptions.ca`) signs a server
 * certificate for localhost, 127.0.0.1 and ::1. Its keys stay in memory. Reads no environment.
 */
export interface SimulatorServerOptions {
  /** Only its handler is served (a wrapper that watches requests will do). */
  simulator: Pick<Simulator, 'handle'> & Partial<Pick<Simulator, 'close'>>;
  host?: string;
  /** Default 4100; 0 picks a free port. */
  httpPort?: number;
  /** Default 4443; 0 picks a free port. */
  httpsPort?: number;
  /** Where the CA certificate is written; default .simulator/ in the repo root. */
  certDir?: string;
}

export interface SimulatorServer {
  httpUrl: string;
  httpsUrl: string;
  caCertPem: string;
  /** The CA certificate file to trust. */
  certFile: string;
  close(): Promise<void>;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Bodies above this are refused (ARM's own request limit is 4 MB). */
const maxBodyBytes = 4 * 1024 * 1024;

export async function startSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1';
  const certDir = options.certDir ?? join(repoRoot, '.simulator');
  const certificates = await generateCertificates();
  await mkdir(certDir, { recursive: true });
  const certFile = join(certDir, 'ca.pem');
  await writeFile(certFile, certificates.caCertPem, 'utf8');
  const listener = createListener(options.simulator);
  const http = createHttpServer(listener);
  const https = createHttpsServer(
    { key: certificates.serverKeyPem, cert: certificates.serverCertPem },
    listener,
  );
  const httpPort = await listen(http, options.httpPort ?? 4100, host);
  const httpsPort = await listen(https, options.httpsPort ?? 4443, host).catch(async (error: unknown) => {
    await closeServer(http);
    throw error;
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    httpUrl: `http://${urlHost}:${httpPort}`,
    httpsUrl: `https://${urlHost}:${httpsPort}`,
    caCertPem: certificates.caCertPem,
    certFile,
    close: async () => {
      await Promise.all([closeServer(http), closeServer(https)]);
    },
  };
}

async function generateCertificates(): Promise<{
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}> {
  const notAfterDate = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'Azure simulator local CA' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { caCertPem: ca.cert, serverCertPem: server.cert, serverKeyPem: server.private };
}

function createListener(
  simulator: Pick<Simulator, 'handle'>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serveOne(simulator, req, res).catch((error: unknown) => {
      console.error('Azure simulator server error:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 'InternalServerError', message: 'The simulator server failed; see its log.' },
        }),
      );
    });
  };
}

async function serveOne(
  simulator: Pick<Simulator, 'handle'>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { code: 'RequestEntityTooLarge', message: 'The request body is larger than 4 MB.' },
      }),
    );
    return;
  }
  const scheme = 'encrypted' in req.socket ? 'https' : 'http';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const request: SimulatorRequest = {
    method: req.method ?? 'GET',
    url: `${scheme}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    headers,
    ...(body.length > 0 ? { body } : {}),
  };
  const response = await simulator.handle(request);
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose, reject) => {
    if (!server.listening) {
      resolveClose();
      return;
    }
    server.close((error) => (error ? reject(error) : resolveClose()));
    server.closeAllConnections();
  });
}
