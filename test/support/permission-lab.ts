import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { isUnfollowedJob } from '../../src/azure/azure-permission-error.js';
import { botRoleName } from '../../src/azure/bot-role.js';
import { readArmScope } from '../../src/azure/describe-arm-scope.js';
import { createSimulator } from '../../src/simulator/create-simulator.js';
import { deriveArmAction } from '../../src/simulator/identity/derive-arm-action.js';
import type { SimulatorHandler } from '../../src/simulator/simulator-types.js';
import { createAzureStateReader } from './azure-state-reader.js';
import { demoAzureIds, writeBotIdentityEstate } from './bot-identity-estate.js';
import { type AskOptions, ask, type ChatSide, run } from './recovery-tour.js';
import { startTestBot, type TestBot, type User } from './start-test-bot.js';

/**
 * One bot on the real-Azure path (`AZURE_BACKEND=azure`, DefaultAzureCredential signing in from
 * AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET), in this process, against a simulator
 * that signs in and enforces roles; the shipped role changes between cases through the simulator's
 * identity methods. A case runs a changing command once with the full role (it works; the requests
 * it makes give the actions it needs), then once per needed action with the role minus that action:
 * the answer must name the permission, the resource by name and group, the role that grants it and
 * the command that fixes it, and Azure's state must be as before.
 */
export interface PermissionCase {
  /** The command as typed; a function of what the setup made (a snapshot set's name). */
  command: string | ((made: string) => string);
  done: RegExp;
  approvers?: User[];
  /** Run first with the full role, from the estate as it starts; resolves with what the command names. */
  setup?: (chat: ChatSide) => Promise<string>;
  /** Closes what the command leaves open in the bot (a file restore, a drill), with the full role. */
  teardown?: (chat: ChatSide) => Promise<void>;
  /** Closes what the setup left open when the command was refused (the same drill, still waiting). */
  afterRefusal?: (chat: ChatSide, made: string) => Promise<void>;
  /** State lines a refusal may add, and why that is no half-done change (a container kept on purpose). */
  mayLeave?: { line: RegExp; why: string };
  /**
   * What the answer must also say when the bot may not read the Azure job it started (Azure runs it
   * on, so Azure's state changes as the command asked): what the bot owed (a VM it stopped).
   */
  whenUnfollowed?: RegExp;
  /** Per action: what the answer must say the command left (a VM it could not start again). */
  reported?: Record<string, RegExp>;
}

interface Seen {
  /** The command the request belongs to (the bot sends its correlation id with every request). */
  correlation: string | undefined;
  method: string;
  segments: string[];
  status: number;
  body?: string;
}

export interface PermissionLab {
  chat: ChatSide;
  /** Runs a case: the command with the full role, then with each action it needs taken away. */
  check(name: string, entry: PermissionCase): Promise<{ needed: string[]; refusals: number }>;
  close(): Promise<void>;
}

const credentialVariables = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'] as const;

export async function openPermissionLab(speed = 600): Promise<PermissionLab> {
  const dir = mkdtempSync(join(tmpdir(), 'chatops-permissions-'));
  const estate = await writeBotIdentityEstate(dir);
  const simulator = await createSimulator({ estatePath: estate.estatePath, speed });
  let recording: Seen[] | undefined;
  /** Correlation ids of the commands before the one under test: their jobs' requests are not its. */
  const earlier = new Set<string>();
  const watched: SimulatorHandler = async (call) => {
    const response = await simulator.handle(call);
    const segments = new URL(call.url).pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
    const correlation = call.headers['x-ms-correlation-request-id'];
    if (!recording && correlation) earlier.add(correlation);
    recording?.push({
      correlation,
      method: call.method,
      segments,
      status: response.status,
      ...(response.status === 403 ? { body: response.body } : {}),
    });
    return response;
  };
  // DefaultAzureCredential's first link, EnvironmentCredential, reads these from the environment.
  const saved = credentialVariables.map((name) => [name, process.env[name]] as const);
  process.env.AZURE_TENANT_ID = estate.tenantId;
  process.env.AZURE_CLIENT_ID = estate.bot.clientId;
  process.env.AZURE_CLIENT_SECRET = estate.bot.secret;
  const bot: TestBot = await startTestBot(
    {
      AZURE_BACKEND: 'azure',
      ...demoAzureIds,
      AZURE_POLL_SECONDS: '0.05',
      ALERT_POLL_SECONDS: '3600',
    },
    { azureHandler: watched },
  );
  const chat = { url: bot.bot.url, connector: bot.connector };
  const reader = createAzureStateReader(simulator, estate);
  /** Every job of the bot has ended: none follows an Azure that a reset is about to replace. */
  const settledJobs = async () => {
    let text = '';
    for (let attempt = 0; attempt < 60; attempt += 1) {
      text = (await ask(chat, 'jobs', /Jobs: \d+ running|No jobs\b/)).text;
      if (/No jobs\b|Jobs: 0 running/.test(text)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the bot still runs jobs after a case:\n${text.slice(-2_000)}`);
  };
  const reset = async () => {
    await settledJobs();
    const answer = await simulator.handle({
      method: 'POST',
      url: 'https://management.azure.com/_simulator/reset',
      headers: {},
    });
    expect(answer.status).toBe(200);
  };
  const allowAll = () => simulator.identity.putRoleDefinition(estate.role);
  const deny = (action: string) =>
    simulator.identity.putRoleDefinition({
      ...estate.role,
      Actions: estate.role.Actions.filter((granted) => granted.toLowerCase() !== action.toLowerCase()),
    });
  return {
    chat,
    async check(name, entry) {
      const commandOf = (made: string) =>
        typeof entry.command === 'string' ? entry.command : entry.command(made);
      const options: AskOptions = { approvers: entry.approvers ?? [], timeoutMs: 60_000 };
      // With the full role: it works, and its requests say what it needs.
      await reset();
      const made = (await entry.setup?.(chat)) ?? '';
      recording = [];
      await run(chat, commandOf(made), entry.done, options);
      const needed = neededActions(ownRequests(recording, earlier));
      recording = undefined;
      await entry.teardown?.(chat);
      expect(needed.length, `${name}: the actions it needs`).toBeGreaterThan(0);
      let refusals = 0;
      for (const action of needed) {
        await reset();
        const madeAgain = (await entry.setup?.(chat)) ?? '';
        const before = await reader.read();
        deny(action);
        recording = [];
        const outcome = await ask(chat, commandOf(madeAgain), entry.done, options);
        const refused = ownRequests(recording, earlier).find((call) => call.status === 403);
        recording = undefined;
        allowAll();
        const where = `${name} without ${action}`;
        expect(refused, `${where}: Azure refused nothing`).toBeDefined();
        expectPlainWords(outcome.text, action, refused?.body ?? '', where);
        const owed = entry.reported?.[action];
        if (owed) expect(outcome.text, `${where}: what it left`).toMatch(owed);
        if (isUnfollowedJob(action)) {
          // Azure accepted the command and runs its job: the answer must say so, not claim nothing happened.
          expect(outcome.text, `${where}: the job runs on`).toMatch(
            /runs .*on its own|runs that job on without the bot/,
          );
          if (entry.whenUnfollowed)
            expect(outcome.text, `${where}: what it owed`).toMatch(entry.whenUnfollowed);
        } else if (/: stopped at step \d+ of \d+/.test(outcome.text)) {
          // A sequence refused in the middle: the steps done stand, and the answer says which and what finishes it.
          expect(outcome.text, `${where}: what finishes it`).toMatch(
            /: done\. .*When the cause is fixed, finish with [`“]/s,
          );
        } else if (/but the bot cannot|starting it failed \(The bot's Azure identity/.test(outcome.text)) {
          // Done, and the step Azure refused after it (reading the result, a start) told in plain words.
        } else {
          await settle();
          const after = (await reader.read()).filter(
            (line) => before.includes(line) || !entry.mayLeave?.line.test(line),
          );
          expect(
            after,
            `${where}: Azure's state, after the answer:\n${outcome.text.slice(-1_500)}\n`,
          ).toEqual(before);
        }
        await entry.afterRefusal?.(chat, madeAgain);
        refusals += 1;
      }
      return { needed, refusals };
    },
    async close() {
      await bot.stop();
      await simulator.close();
      for (const [variable, value] of saved) {
        if (value === undefined) delete process.env[variable];
        else process.env[variable] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The requests of the command under test: those of commands that were not running before it. */
function ownRequests(seen: Seen[], earlier: ReadonlySet<string>): Seen[] {
  return seen.filter((call) => call.correlation !== undefined && !earlier.has(call.correlation));
}

/** The actions the simulator checks for the requests that succeeded, in the order first used. */
function neededActions(seen: Seen[]): string[] {
  const actions: string[] = [];
  for (const call of seen) {
    if (call.status >= 400 || call.segments[0]?.toLowerCase() !== 'subscriptions' || call.segments.length < 3)
      continue;
    const derived = deriveArmAction(call.method, call.segments);
    if (derived.operationStatus) continue;
    if (!actions.some((action) => action.toLowerCase() === derived.action.toLowerCase()))
      actions.push(derived.action);
  }
  return actions;
}

/** The answer names the permission, the resource by name and group, the bot's role and the fix. */
function expectPlainWords(text: string, action: string, refusal: string, where: string): void {
  const message = (JSON.parse(refusal || '{}') as { error?: { message?: string } }).error?.message ?? '';
  const scope = /over scope '([^']+)'/.exec(message)?.[1] ?? '';
  const parts = readArmScope(scope);
  const lower = text.toLowerCase();
  expect(lower, `${where}: the permission`).toContain(action.toLowerCase());
  const name = parts.resource?.split(' ').pop();
  if (name) expect(text, `${where}: the resource`).toContain(name);
  if (parts.resourceGroup) expect(text, `${where}: its group`).toContain(parts.resourceGroup);
  expect(text, `${where}: the role`).toContain(botRoleName);
  expect(text, `${where}: the fix`).toContain('az role assignment create');
}

/** Lets a refused command's last writes (a rollback's deletes) reach their end in the simulator. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
}
