import { randomBytes } from 'node:crypto';
import type { Actor, ConversationRef, MessageRef } from '../chat/chat-event.js';
import type { Logger } from '../observability/create-logger.js';
import type { JobChanges, JobRecord, JobState, StorePort } from '../store/store-port.js';

/**
 * The durable record of one changing operation: what it is doing in Azure (its handle), which chat
 * message shows it, and how it ended. Written before Azure is asked to change anything and after
 * every step that matters, so a bot killed at any point can pick the job up again on start.
 */
export class JobHandle {
  constructor(
    private record: JobRecord,
    private readonly store: StorePort,
    private readonly log: Logger,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get current(): JobRecord {
    return this.record;
  }

  /** Saves what a restart needs to continue (resource names, Azure operation URLs). */
  saveHandle(handle: unknown): Promise<void> {
    return this.change({ handle });
  }

  /** Remembers the message that shows this job, so a restart keeps updating the same one. */
  async showIn(message: MessageRef): Promise<void> {
    // A job that ended before its first message went out (its result is that message) has nothing to resume.
    if (this.record.state !== 'running') return;
    if (this.record.messages.some((m) => m.messageId === message.messageId)) return;
    await this.change({ messages: [...this.record.messages, message] });
  }

  finish(state: Exclude<JobState, 'running'>, result: unknown): Promise<void> {
    return this.change({ state, result });
  }

  private async change(changes: JobChanges): Promise<void> {
    const updated = await this.store.updateJob(
      this.record.id,
      { version: this.record.version, states: ['running'] },
      changes,
    );
    if (!updated) {
      // Only the process running a job writes it; losing means another owner took over (a replica).
      this.log.warn({ jobId: this.record.id }, 'job changed under us; this process stops writing it');
      throw new Error(`Job ${this.record.id} is no longer owned by this process.`);
    }
    this.record = updated;
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

export class JobJournal {
  constructor(
    private readonly store: StorePort,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  async start(job: NewJob, id = `job-${randomBytes(4).toString('hex')}`): Promise<JobHandle> {
    const at = this.now();
    const record: JobRecord = {
      ...job,
      id,
      state: 'running',
      handle: null,
      messages: [],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await this.store.insertJob(record);
    return new JobHandle(record, this.store, this.log);
  }

  /** Jobs a previous process left running: the ones to resume on start. */
  async unfinished(): Promise<JobHandle[]> {
    const running = await this.store.listJobs({ states: ['running'] });
    return running.map((record) => new JobHandle(record, this.store, this.log));
  }
}
