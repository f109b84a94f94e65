import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botRoleActions } from '../../src/azure/bot-role.js';
import { createSimulator, type Simulator } from '../../src/simulator/create-simulator.js';
import type { SimulatorHandler } from '../../src/simulator/simulator-types.js';
import { type SimulatorServer, startSimulatorServer } from '../../src/simulator/start-simulator-server.js';
import { armActionOf } from '../support/arm-action-of.js';
import {
  type BotIdentityEstate,
  demoAzureIds,
  writeBotIdentityEstate,
} from '../support/bot-identity-estate.js';
import { startBotProcess } from '../support/bot-process.js';
import { FakeBotConnector } from '../support/fake-bot-connector.js';
import { tour } from '../support/recovery-tour.js';

/** Actions the bot sends only when something failed: the tour, where all goes well, never does. */
const onlyOnFailure: Record<string, string> = {
  'Microsoft.Compute/disks/delete': 'rolls back disks from a snapshot set that were not all made',
  'Microsoft.Compute/restorePointCollections/restorePoints/delete': 'rolls back a failed restore point',
  'Microsoft.RecoveryServices/Vaults/backupJobs/cancel/action':
    '`cancel <job>` races the backup at the tour’s speed; permissions-per-command.test.ts covers it',
};

/** Actions the SDK sends only when Azure is quick: a result read once an operation has ended by its first poll. */
const onlyWhenQuick: Record<string, string> = {
  'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/operationResults/read':
    'the Backup SDK reads the result of a restore or file-restore request when it has ended by the first poll',
};

/** Actions only real Azure asks for: on the bot's behalf, or at URLs the simulator spells otherwise. */
const realAzureOnly = new Set(
  botRoleActions.filter((entry) => entry.by === 'azure').map((entry) => entry.action),
);

/**
 * The bot's real-Azure path, end to end, as a new user starts it: `AZURE_BACKEND=azure` in its own
 * process (`src/main.ts`, as `npm start` runs it), DefaultAzureCredential signing in from
 * AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET at AZURE_AUTHORITY_HOST, and Resource
 * Manager at AZURE_RESOURCE_MANAGER_URL: both the standalone simulator over HTTPS, its CA trusted
 * with NODE_EXTRA_CA_CERTS. The bot's identity holds the shipped role and nothing else; every command
 * that reaches Azure runs to its end without one refusal, and the role holds exactly the actions
 * ARM derives from the bot's requests (each request's method and path, test/support/arm-action-of.ts).
 */
describe('the real-Azure path against the simulator signing in and enforcing roles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatops-real-azure-'));
  const connector = new FakeBotConnector();
  const seen: { method: string; path: string; status: number }[] = [];
  let estate: BotIdentityEstate;
  let simulator: Simulator;
  let server: SimulatorServer;
  let bot: { child: ChildProcess; url: string; output: () => string };

  beforeAll(async () => {
    estate = await writeBotIdentityEstate(dir);
    simulator = await createSimulator({ estatePath: estate.estatePath, speed: 600 });
    // The standalone server, watched: what was asked and answered (never a header or a body).
    const watched: SimulatorHandler = async (call) => {
      const response = await simulator.handle(call);
      seen.push({ method: call.method, path: new URL(call.url).pathname, status: response.status });
      return response;
    };
    server = await startSimulatorServer({
      simulator: { handle: watched },
      httpPort: 0,
      httpsPort: 0,
      certDir: join(dir, 'cert'),
    });
    await connector.start();
    bot = await startBotProcess(join(dir, 'data'), '600', {
      AZURE_BACKEND: 'azure',
      ...demoAzureIds,
      AZURE_RESOURCE_MANAGER_URL: server.httpsUrl,
      AZURE_AUTHORITY_HOST: server.httpsUrl,
      // login.microsoftonline.com cannot vouch for a private authority (and CI has no internet).
      AZURE_DISABLE_INSTANCE_DISCOVERY: 'true',
      AZURE_TENANT_ID: estate.tenantId,
      AZURE_CLIENT_ID: estate.bot.clientId,
      AZURE_CLIENT_SECRET: estate.bot.secret,
      NODE_EXTRA_CA_CERTS: server.certFile,
      // Azure's own pace would poll jobs every 15 s; the simulator runs 600 times faster.
      AZURE_POLL_SECONDS: '0.5',
      RATE_LIMIT_USER_PER_MINUTE: '1000',
      RATE_LIMIT_CHANNEL_PER_MINUTE: '1000',
      RATE_LIMIT_READS_PER_MINUTE: '1000',
    });
  }, 60_000);

  afterAll(async () => {
    bot?.child.kill('SIGKILL');
    await connector.stop();
    await server?.close();
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const step of tour) {
    it(step.name, { timeout: 180_000 }, async () => {
      await step.run({ url: bot.url, connector });
    });
  }

  it('signed in at the authority with its client secret, and was never refused', () => {
    const signIns = seen.filter((call) => call.path === `/${estate.tenantId}/oauth2/v2.0/token`);
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((call) => call.status === 200)).toBe(true);
    const arm = seen.filter((call) => call.path.toLowerCase().startsWith('/subscriptions/'));
    expect(arm.length).toBeGreaterThan(100);
    expect(arm.filter((call) => call.status === 401 || call.status === 403)).toEqual([]);
  });

  it("holds every action ARM derives from the bot's requests in the shipped role, and no other", () => {
    const used = new Set(
      seen
        .filter((call) => call.path.toLowerCase().startsWith('/subscriptions/'))
        .map((call) => armActionOf(call.method, call.path).toLowerCase()),
    );
    const granted = new Set(botRoleActions.map((entry) => entry.action.toLowerCase()));
    expect([...used].filter((action) => !granted.has(action))).toEqual([]);
    const unused = botRoleActions
      .map((entry) => entry.action)
      .filter((action) => !used.has(action.toLowerCase()) && !realAzureOnly.has(action));
    const excused = new Set(Object.keys({ ...onlyOnFailure, ...onlyWhenQuick }));
    expect(unused.filter((action) => !excused.has(action))).toEqual([]);
    for (const action of Object.keys(onlyOnFailure)) expect(unused).toContain(action);
  });

  it('kept the client secret out of its log', () => {
    expect(bot.output()).toContain('"azure":"azure"');
    expect(bot.output()).not.toContain(estate.bot.secret);
  });
  it('answers an ARM request without a token with 401, as ARM does', async () => {
    const answer = await new Promise<{ status: number; body: string; challenge: string }>(
      (resolve, reject) => {
        const call = request(
          `${server.httpsUrl}/subscriptions/${demoAzureIds.AZURE_SUBSCRIPTION_IDS}/providers/Microsoft.Compute/virtualMachines?api-version=2024-11-01`,
          { ca: server.caCertPem },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => {
              body += chunk.toString();
            });
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                body,
                challenge: String(response.headers['www-authenticate'] ?? ''),
              }),
            );
          },
        );
        call.on('error', reject);
        call.end();
      },
    );
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'AuthenticationFailed' } });
    expect(answer.challenge).toContain(`authorization_uri="${server.httpsUrl}/${estate.tenantId}"`);
  });
});
