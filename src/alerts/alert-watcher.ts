import type { AzurePort } from '../azure/azure-port.js';
import type { ChatPort } from '../chat/chat-port.js';
import type { Logger } from '../observability/create-logger.js';
import type { StorePort } from '../store/store-port.js';
import type { WatchSettings } from './alert-kinds.js';
import { type DeliveryOutcome, deliverAlerts } from './deliver-alerts.js';
import type { WatchResult } from './finding.js';
import { readWatchSnapshot } from './read-watch-snapshot.js';
import { type ReconcileOutcome, reconcileAlerts } from './reconcile-alerts.js';
import { watchBackupJobs, watchMissedBackups, watchUnprotectedVms } from './watch-backups.js';
import { watchFileRestores } from './watch-file-restores.js';
import { watchDrillAge, watchDrillCleanup, watchReplicationHealth, watchRpo } from './watch-site-recovery.js';

export interface AlertWatcherOptions {
  azure: AzurePort;
  store: StorePort;
  chat: ChatPort;
  log: Logger;
  settings: WatchSettings;
  now: () => Date;
  /** This process, for the lease (one replica polls at a time). */
  owner: string;
  /** How long a poll's lease lasts: a few poll intervals, so a dead poller is replaced soon. */
  leaseMs: number;
}

export type PollOutcome =
  | {
      polled: false;
      reason: 'no subscriptions' | 'another replica polls' | 'a poll is running' | 'backing off';
    }
  | ({ polled: true; unreadable: string[] } & ReconcileOutcome & DeliveryOutcome);

/** Skipped polls after a poll Azure did not fully answer (throttling, an outage): 1, 2, 4, 8 at most. */
const MAX_BACKOFF_POLLS = 8;

/**
 * One poll of every watcher: read Azure once (list calls), judge, reconcile the alerts, deliver
 * them. Nobody subscribed: no poll, no ARM call. Polls do not overlap; after a poll that could not
 * read everything, the next ones are skipped, doubling up to 8, so a throttled subscription gets
 * room (the SDK itself already waits out each 429's Retry-After).
 */
export class AlertWatcher {
  private running = false;
  private failedPolls = 0;
  private skip = 0;

  constructor(private readonly options: AlertWatcherOptions) {}

  async poll(): Promise<PollOutcome> {
    if (this.running) return { polled: false, reason: 'a poll is running' };
    if (this.skip > 0) {
      this.skip -= 1;
      return { polled: false, reason: 'backing off' };
    }
    this.running = true;
    try {
      return await this.pollOnce();
    } finally {
      this.running = false;
    }
  }

  private async pollOnce(): Promise<PollOutcome> {
    const { azure, store, chat, log, settings, owner, leaseMs } = this.options;
    const now = this.options.now();
    if ((await store.alerts.listSubscriptions()).length === 0)
      return { polled: false, reason: 'no subscriptions' };
    const until = new Date(now.getTime() + leaseMs);
    if (!(await store.alerts.claimLease('alert-watchers', owner, until, now)))
      return { polled: false, reason: 'another replica polls' };
    const snapshot = await readWatchSnapshot(azure, store, settings, now);
    const unreadable = snapshot.failures.map((failure) => failure.what);
    this.noteFailures(snapshot.failures);
    const results = [
      watchBackupJobs(snapshot),
      watchMissedBackups(snapshot, settings),
      watchUnprotectedVms(snapshot),
      watchReplicationHealth(snapshot),
      watchRpo(snapshot, settings),
      watchDrillAge(snapshot, settings),
      watchDrillCleanup(snapshot, settings),
      watchFileRestores(snapshot, settings),
    ].filter((result): result is WatchResult => result !== undefined);
    const reconciled = await reconcileAlerts(store.alerts, results, now);
    const delivered = await deliverAlerts(store.alerts, chat, log, now);
    if (reconciled.opened + reconciled.resolved + delivered.posted > 0)
      log.info({ ...reconciled, ...delivered }, 'alerts changed');
    return { polled: true, unreadable, ...reconciled, ...delivered };
  }

  private noteFailures(failures: { what: string; error: unknown }[]): void {
    if (failures.length === 0) {
      this.failedPolls = 0;
      return;
    }
    this.failedPolls += 1;
    this.skip = Math.min(MAX_BACKOFF_POLLS, 2 ** (this.failedPolls - 1));
    this.options.log.warn(
      { unreadable: failures.map((f) => f.what), err: failures[0]?.error, skipPolls: this.skip },
      'the alert watchers could not read everything from Azure; what they could not read is judged next time',
    );
  }
}
