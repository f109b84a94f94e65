import { randomBytes } from 'node:crypto';
import type { Actor, ConversationRef, MessageRef } from '../chat/chat-event.js';
import type { Progress } from '../chat/view.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobChanges, JobRecord, JobState, StorePort } from '../store/store-port.js';
import { type AzureJobRef, type JobDetails, jobResultOf, progressMoved, timeSteps } from './job-details.js';

/**
 * The durable record of one changing operation: what it is doing in Azure (its handle), which chat
 * message shows it, and how it ended. Written before Azure is asked to change anything and after
 * every step that matters, so a bot killed at any point can pick the job up again on start.
 */
export class JobHandle {
  /** Writes run one after another: each names the version the one before it left. */
  private writes: Promise<unknown> = Promise.resolve();
  private details: JobDetails;
  private progressQueued = false;

  constructor(
    private record: JobRecord,
    private readonly store: StorePort,
    private readonly log: Logger,
  ) {
    const { progress, azure } = jobResultOf(record.result);
    this.details = { ...(progress ? { progress } : {}), ...(azure ? { azure } : {}) };
  }

  get id(): string {
    return this.record.id;
  }

  get current(): JobRecord {
    return this.record;
  }

  /** Saves what a restart needs to continue (resource names, Azure operation URLs). */
  saveHandle(handle: unknown): Promise<void> {
    return this.change(() => ({ handle }));
  }

  /** Remembers the message that shows this job, so a restart keeps updating the same one. */
  showIn(message: MessageRef): Promise<void> {
    return this.change(() => {
      // A job that ended before its first message went out (its result is that message) has nothing to resume.
      if (this.record.state !== 'running') return undefined;
      if (this.record.messages.some((m) => m.messageId === message.messageId)) return undefined;
      return { messages: [...this.record.messages, message] };
    });
  }

  /**
   * Notes what the job's card shows now (its steps, timed as first seen), for `job <id>`. Written
   * when a step changes state or the progress moves by a tenth; never fails the job (logged).
   */
  noteProgress(progress: Progress | undefined, at: Date): Promise<void> {
    if (!this.observe(progress, at) || this.progressQueued) return Promise.resolve();
    this.progressQueued = true;
    return this.writeDetails(() => {
      this.progressQueued = false;
    });
  }

  /** Names the Azure job this job follows (shown by `job <id>` with a portal link); once per job. */
  follows(azure: AzureJobRef): Promise<void> {
    const known = this.details.azure ?? [];
    if (known.some((ref) => ref.armId.toLowerCase() === azure.armId.toLowerCase())) return Promise.resolve();
    this.details.azure = [...known, azure];
    return this.writeDetails();
  }

  finish(
    state: Exclude<JobState, 'running'>,
    result: unknown,
    progress?: Progress,
    at?: Date,
  ): Promise<void> {
    if (at) this.observe(progress, at);
    return this.change(() => ({ state, result: { ...this.details, ...jobResultOf(result) } }));
  }

  /**
   * Removes the record of a job under which Azure changed nothing (refused by a check or by Azure):
   * such a command is no job, and stays in the audit only. False when another process owns it now.
   */
  withdraw(): Promise<boolean> {
    return this.queue(() => this.store.withdrawJob(this.record.id, { version: this.record.version }));
  }

  /** Folds a card's progress into the details; true when that is worth writing down. */
  private observe(progress: Progress | undefined, at: Date): boolean {
    if (!progress || progress.steps.length === 0) return false;
    const timed = timeSteps(this.details.progress, progress, at);
    const moved = progressMoved(this.details.progress, timed);
    this.details.progress = timed;
    return moved;
  }

  private writeDetails(before?: () => void): Promise<void> {
    return this.change(() => {
      before?.();
      if (this.record.state !== 'running') return undefined;
      return { result: { ...jobResultOf(this.record.result), ...this.details } };
    }).catch((error: unknown) => {
      this.log.warn({ err: error, jobId: this.record.id }, 'could not note the progress of a job');
    });
  }

  /** `changes` is worked out when the write's turn comes, from the record as the writes before it left it. */
  private change(changes: () => JobChanges | undefined): Promise<void> {
    return this.queue(async () => {
      const wanted = changes();
      if (!wanted) return;
      const updated = await this.store.updateJob(
        this.record.id,
        { version: this.record.version, states: ['running'] },
        wanted,
      );
      if (!updated) {
        // Only the process running a job writes it; losing means another owner took over (a replica).
        this.log.warn({ jobId: this.record.id }, 'job changed under us; this process stops writing it');
        throw new Error(`Job ${this.record.id} is no longer owned by this process.`);
      }
      this.record = updated;
    });
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work);
    this.writes = next.catch(() => undefined);
    return next;
  }
}

export interface NewJob {
  commandId: string;
  commandText: string;
  requester: Actor;
  approvalId?: string;
  correlationId: string;
  conversation?: ConversationRef;
}

/**
 * Job ownership across replicas: each process has an owner id and holds a lease on the jobs it
 * runs, renewed by its heartbeat (`renewLeases`, every third of the lease). A job whose lease ran
 * out belongs to a process that died (or hangs): another process claims it with a conditional
 * update (one claimant wins; the old owner's next write fails, so it stops) and resumes it in the
 * same chat message. The default lease is 30 s: a dead replica's jobs move on within about 45 s.
 */
export interface JobLeases {
  owner: string;
  leaseMs: number;
}

export const defaultJobLeaseMs = 30_000;

export class JobJournal {
  readonly leases: JobLeases;

  constructor(
    private readonly store: StorePort,
    private readonly log: Logger,
    private readonly now: () => Date,
    leases: Partial<JobLeases> = {},
  ) {
    this.leases = {
      owner: leases.owner ?? `bot-${randomBytes(6).toString('hex')}`,
      leaseMs: leases.leaseMs ?? defaultJobLeaseMs,
    };
  }

  async start(job: NewJob, id = `job-${randomBytes(4).toString('hex')}`): Promise<JobHandle> {
    const at = this.now();
    const record: JobRecord = {
      ...job,
      id,
      state: 'running',
      handle: null,
      messages: [],
      owner: this.leases.owner,
      leaseExpiresAt: this.leaseFrom(at),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await this.store.insertJob(record);
    return new JobHandle(record, this.store, this.log);
  }

  /**
   * Claims running jobs to resume: `all` (on the start of the only process, SQLite) or only those
   * whose lease ran out (replicas). Each claim is conditional: of several replicas, one wins a job.
   */
  async claimUnfinished(scope: 'all' | 'expired'): Promise<JobHandle[]> {
    const now = this.now();
    const running = await this.store.listJobs({ states: ['running'] });
    const claimable = running.filter(
      (record) =>
        scope === 'all' ||
        (record.owner !== this.leases.owner &&
          (record.leaseExpiresAt === undefined || record.leaseExpiresAt <= now)),
    );
    const claimed: JobHandle[] = [];
    for (const record of claimable) {
      const updated = await this.store.updateJob(
        record.id,
        { version: record.version, states: ['running'] },
        { owner: this.leases.owner, leaseExpiresAt: this.leaseFrom(now) },
      );
      if (updated) {
        if (record.owner && record.owner !== this.leases.owner)
          this.log.info(
            { jobId: record.id, from: record.owner },
            'took over a job whose owner stopped renewing it',
          );
        claimed.push(new JobHandle(updated, this.store, this.log));
      }
    }
    return claimed;
  }

  /** The heartbeat: extends the leases of every running job this process owns. */
  renewLeases(): Promise<number> {
    return this.store.renewJobLeases(this.leases.owner, this.leaseFrom(this.now()));
  }

  private leaseFrom(at: Date): Date {
    return new Date(at.getTime() + this.leases.leaseMs);
  }
}
