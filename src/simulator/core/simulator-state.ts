import type { BackupState } from '../backup/backup-state.js';
import type { ComputeState } from '../compute/compute-state.js';
import type { NetworkState } from '../network/network-state.js';
import type { SiteRecoveryState } from '../siterecovery/site-recovery-state.js';

/**
 * Everything the simulator remembers, as one JSON document: persisted after every change and
 * reloaded on start, so that both the bot and the simulator can restart mid-operation. Each
 * resource provider owns one slice (`compute`, `backup`, `siteRecovery`, `network`). Version 3 added
 * `backup`, version 4 `siteRecovery`, version 5 `network`; an older file is kept aside and the simulator starts from the estate, a
 * file it cannot read is refused with a message saying to delete it (create-state-store.ts).
 * Secrets never enter it: the simulator keeps no tokens and no request headers.
 */
export const stateVersion = 5;

export interface SubscriptionRecord {
  subscriptionId: string;
  displayName: string;
}

export interface ResourceGroupRecord {
  id: string;
  subscriptionId: string;
  name: string;
  location: string;
  tags: Record<string, string>;
}

export type OperationResult = 'Succeeded' | 'Failed' | 'Canceled';

/**
 * A long-running operation. Its progress is lazy: it is InProgress until the simulated clock passes
 * `endMs`, and its effects are applied by the first request that sees it due (settle-operations.ts).
 * No timers, so restarts of either side need nothing special.
 */
export interface OperationRecord {
  id: string;
  /** Resource provider namespace whose `locations/{loc}/operations/{id}` serves its status. */
  namespace: string;
  subscriptionId: string;
  location: string;
  /** Key into the provider's completion handlers, e.g. `snapshot.create`. */
  kind: string;
  method: string;
  resourceId: string;
  apiVersion: string;
  startMs: number;
  endMs: number;
  /** Decided when the operation starts (injected faults); applied when it ends. */
  result: OperationResult;
  error?: { code: string; message: string };
  /** Provider data the completion needs (JSON), e.g. the changes of a VM update. */
  payload?: Record<string, unknown>;
  settled: boolean;
}

export interface FaultMatch {
  method?: string;
  /** Case-insensitive substring of the decoded request path. */
  pathContains?: string;
  /** e.g. `Microsoft.Compute/snapshots` (case-insensitive). */
  resourceType?: string;
}

export type FaultRule =
  | {
      id: string;
      kind: 'throttle';
      match: FaultMatch;
      remaining: number;
      retryAfterSeconds: number;
      scope: 'subscription' | 'resource';
      /** The share of matching requests hit (0-1]; absent: every one. */
      probability?: number;
    }
  | {
      id: string;
      kind: 'error';
      match: FaultMatch;
      remaining: number;
      status: 500 | 503;
      retryAfterSeconds?: number;
      /** The share of matching requests hit (0-1]; absent: every one. */
      probability?: number;
    }
  | {
      id: string;
      kind: 'fail-operation';
      match: FaultMatch;
      remaining: number;
      code: string;
      message: string;
    }
  | { id: string; kind: 'latency'; match: FaultMatch; remaining: number; delayMs: number }
  | {
      id: string;
      kind: 'fail-job';
      match: FaultMatch;
      remaining: number;
      code?: string;
      message?: string;
      /** The job task at whose end the job fails; default its first task. */
      task?: string;
    }
  | {
      id: string;
      kind: 'fail-scheduled-backup';
      /** VM name, matched case-insensitively; consumed by that VM's scheduled runs, not by requests. */
      vm: string;
      remaining: number;
      outcome: 'Failed' | 'CompletedWithWarnings';
      code?: string;
      message?: string;
    }
  | { id: string; kind: 'skip-scheduled-backup'; vm: string; remaining: number }
  | {
      id: string;
      kind: 'replication-lag';
      vm: string;
      /** Always -1: the lag lasts until the rule is removed. */
      remaining: number;
      /** Simulated time the rule was added: the VM's replication uploads nothing from then on. */
      sinceMs: number;
    };

/** Fault kinds that requests match (the others are consumed by time-driven work or read by renders). */
export type RequestFaultRule = Extract<FaultRule, { match: FaultMatch }>;

export interface SimulatorState {
  version: typeof stateVersion;
  /** Simulated time (ms since epoch) when the state was last saved; the clock resumes from it. */
  /** Simulated time minus real time (see create-sim-clock.ts). */
  clockOffsetMs: number;
  subscriptions: Record<string, SubscriptionRecord>;
  resourceGroups: Record<string, ResourceGroupRecord>;
  operations: Record<string, OperationRecord>;
  faults: FaultRule[];
  compute: ComputeState;
  backup: BackupState;
  siteRecovery: SiteRecoveryState;
  network: NetworkState;
}

export function resourceGroupKey(subscriptionId: string, resourceGroupName: string): string {
  return `${subscriptionId}/${resourceGroupName}`.toLowerCase();
}
