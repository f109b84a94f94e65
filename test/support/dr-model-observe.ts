import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseCommand } from '../../src/commands/parse-command.js';
import type { ConnectorMessage } from './fake-bot-connector.js';

/**
 * What the DR model test reads after each step, straight from where it lives: the bot's SQLite
 * store (read beside the live bot: WAL allows a reader), the simulator's persisted state (its one
 * JSON document, written after every change by temp file and rename) and the cards the fake
 * connector holds. Nothing here goes through the bot's own code, so a bug there cannot hide.
 */

/** The commands that change a recovery plan: at most one of these in flight per app. */
export const planChangingCommands = [
  'dr.drill',
  'dr.cleanup',
  'dr.failover.planned',
  'dr.failover.unplanned',
  'dr.failover.cancel',
  'dr.commit',
  'dr.reprotect',
  'dr.failback',
];

export interface ActiveApproval {
  id: string;
  commandId: string;
  commandText: string;
  state: string;
  app: string | undefined;
}

export interface RunningJob {
  id: string;
  commandId: string;
  commandText: string;
  approvalId: string | null;
  app: string | undefined;
  /** The Site Recovery job names the job holds (the ones it started and follows). */
  siteRecoveryJobs: string[];
}

export interface StoredReport {
  id: string;
  drillJobId: string | null;
  body: Record<string, unknown>;
  /** The test failover job the report's own drill job started (from that job's handle). */
  drillJobsTestFailover: string | undefined;
}

export interface StoreView {
  activeApprovals: ActiveApproval[];
  runningJobs: RunningJob[];
  /** Test failover job names that more than one drill job ever held, with those jobs. */
  sharedDrillJobNames: { name: string; jobs: string }[];
  /** Reports not seen before (`known` ids are skipped). */
  newReports: StoredReport[];
  approvalStates: Map<string, string>;
}

function appOf(commandText: string): string | undefined {
  const parsed = parseCommand(commandText);
  if (!parsed.ok) return undefined;
  const app = parsed.command.args.app;
  return app === undefined ? undefined : String(app).toLowerCase();
}

/** ASR job names held in a job's saved handle: a drill's (and its own cleanup's), a cleanup's, a sequence's. */
function heldJobNames(handle: unknown): string[] {
  const h = (handle ?? {}) as {
    job?: { jobName?: string };
    cleanup?: { job?: { jobName?: string } };
    state?: { job?: { jobName?: string } };
    jobs?: { jobName?: string }[];
  };
  const names = [
    h.job?.jobName,
    h.cleanup?.job?.jobName,
    h.state?.job?.jobName,
    ...(h.jobs ?? []).map((j) => j.jobName),
  ];
  return names.filter((n): n is string => typeof n === 'string' && n !== '');
}

export function readStore(dataDir: string, knownReports: Set<string>, approvalIds: string[]): StoreView {
  const db = new Database(join(dataDir, 'chatops.db'), { readonly: true, fileMustExist: true });
  try {
    const listed = planChangingCommands.map((c) => `'${c}'`).join(', ');
    const approvals = db
      .prepare(
        // An executing request whose job has ended is over: the job's end is recorded first,
        // the request's a moment later.
        `SELECT a.id, a.command_id, a.command_text, a.state FROM approvals a
         LEFT JOIN jobs j ON j.id = a.job_id
         WHERE a.state IN ('requested', 'approved', 'executing') AND a.command_id IN (${listed})
           AND (j.state IS NULL OR j.state = 'running')`,
      )
      .all() as { id: string; command_id: string; command_text: string; state: string }[];
    const jobs = db
      .prepare(
        `SELECT id, command_id, command_text, approval_id, handle FROM jobs
         WHERE state = 'running' AND command_id IN (${listed})`,
      )
      .all() as {
      id: string;
      command_id: string;
      command_text: string;
      approval_id: string | null;
      handle: string | null;
    }[];
    const shared = db
      .prepare(
        `SELECT json_extract(handle, '$.job.jobName') AS name, group_concat(id, ', ') AS jobs FROM jobs
         WHERE command_id = 'dr.drill' AND json_extract(handle, '$.job.jobName') IS NOT NULL
         GROUP BY name HAVING count(*) > 1`,
      )
      .all() as { name: string; jobs: string }[];
    const reports = db.prepare('SELECT id, drill_job_id, body FROM drill_reports').all() as {
      id: string;
      drill_job_id: string | null;
      body: string;
    }[];
    const drillJobName = db.prepare(
      "SELECT json_extract(handle, '$.job.jobName') AS name FROM jobs WHERE id = ? AND command_id = 'dr.drill'",
    );
    const approvalState = db.prepare('SELECT state FROM approvals WHERE id = ?');
    return {
      activeApprovals: approvals.map((a) => ({
        id: a.id,
        commandId: a.command_id,
        commandText: a.command_text,
        state: a.state,
        app: appOf(a.command_text),
      })),
      runningJobs: jobs.map((j) => ({
        id: j.id,
        commandId: j.command_id,
        commandText: j.command_text,
        approvalId: j.approval_id,
        app: appOf(j.command_text),
        siteRecoveryJobs: heldJobNames(j.handle ? JSON.parse(j.handle) : undefined),
      })),
      sharedDrillJobNames: shared,
      newReports: reports
        .filter((r) => !knownReports.has(r.id))
        .map((r) => ({
          id: r.id,
          drillJobId: r.drill_job_id,
          body: JSON.parse(r.body) as Record<string, unknown>,
          drillJobsTestFailover: r.drill_job_id
            ? ((drillJobName.get(r.drill_job_id) as { name: string | null } | undefined)?.name ?? undefined)
            : undefined,
        })),
      approvalStates: new Map(
        approvalIds.map((id) => [
          id,
          (approvalState.get(id) as { state: string } | undefined)?.state ?? '(not stored)',
        ]),
      ),
    };
  } finally {
    db.close();
  }
}

/**
 * Whether the bot has done what it is about to do in Azure: no request approved but not started,
 * every running job holding the Site Recovery job it asked for, and no cleanup still to write its
 * report. Checks run then see the effects of the run that caused them, not of a later one.
 */
export function botIsQuiet(dataDir: string, knownReports: Set<string>): boolean {
  const store = readStore(dataDir, knownReports, []);
  return (
    store.activeApprovals.every((a) => a.state !== 'approved') &&
    store.runningJobs.every((j) => j.siteRecoveryJobs.length > 0 && j.commandId !== 'dr.cleanup')
  );
}

export interface SimTask {
  friendlyName: string;
  state: string;
  startMs?: number;
  endMs?: number;
  step: { kind: string; manual?: boolean };
}

export interface SimJob {
  name: string;
  scenarioName: string;
  state: string;
  stateDescription: string;
  startMs: number;
  endMs?: number;
  planKey?: string;
  nextTask?: number;
  work?: { scenario: string; networkId?: string };
  tasks: SimTask[];
}

/** The simulator's Site Recovery jobs, from its state file. */
export function readSimulatorJobs(dataDir: string): SimJob[] {
  const state = JSON.parse(readFileSync(join(dataDir, 'simulator-state.json'), 'utf8')) as {
    siteRecovery: { jobs: Record<string, SimJob> };
  };
  return Object.values(state.siteRecovery.jobs);
}

/** The plan a job works on, by name (`.../replicationrecoveryplans/shop`). */
export function planOf(job: SimJob): string | undefined {
  return job.planKey?.split('/').pop()?.toLowerCase();
}

export interface OfferedButton {
  messageId: string;
  conversationId: string;
  verb: string;
  data: Record<string, string>;
  /** The card's text, flattened. */
  card: string;
}

/** The Action.Execute buttons of a card (ShowCard confirmations included; `refresh` is no button). */
export function buttonsOf(content: unknown): { verb: string; data: Record<string, string> }[] {
  const found: { verb: string; data: Record<string, string> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && typeof record.verb === 'string') {
      found.push({ verb: record.verb, data: (record.data ?? {}) as Record<string, string> });
      return;
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'refresh') walk(value);
  };
  walk(content);
  return found;
}

/** Per message: the buttons of its latest version, recomputed only when it got a new version. */
export type ButtonCache = Map<string, { versions: number; buttons: OfferedButton[] }>;

export function offeredButtons(
  messages: readonly ConnectorMessage[],
  cache: ButtonCache,
  textOf: (activity: Record<string, unknown> | undefined) => string,
): OfferedButton[] {
  const offered: OfferedButton[] = [];
  for (const message of messages) {
    let cached = cache.get(message.id);
    if (!cached || cached.versions !== message.versions.length) {
      const latest = message.versions.at(-1);
      const attachments = (latest?.attachments as { content?: unknown }[] | undefined) ?? [];
      const card = textOf(latest);
      cached = {
        versions: message.versions.length,
        buttons: buttonsOf(attachments.map((a) => a.content)).map((b) => ({
          ...b,
          messageId: message.id,
          conversationId: message.conversationId,
          card,
        })),
      };
      cache.set(message.id, cached);
    }
    offered.push(...cached.buttons);
  }
  return offered;
}
