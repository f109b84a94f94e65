import { deterministicUuid } from '../core/deterministic-uuid.js';
import type { FaultRule, SimulatorState } from '../core/simulator-state.js';
import type { ReplicatedItemRecord } from './site-recovery-state.js';

/**
 * A `replication-lag` fault: from the simulated moment the rule is added, the VM's replication
 * uploads nothing. Azure keeps recalculating the RPO (`lastRpoCalculatedTime` stays current), so the
 * RPO grows with the clock from the estate's value, no newer recovery point appears, and the
 * item's replication health degrades: Warning above 30 minutes, Critical above 60 minutes, where
 * ASR raises its error 153007 "No crash consistent recovery point available for the VM in the last
 * 60 minutes." (Microsoft's A2A replication troubleshooting guide). ASR documents no code for the
 * warning stage; `RpoThresholdExceeded` is the simulator's. When the rule is removed, replication
 * catches up at once: the RPO is the estate's again, health Normal, and points resume from then on
 * (the lag leaves a gap in them).
 */
export const rpoWarningSeconds = 30 * 60;
export const rpoCriticalSeconds = 60 * 60;
const gapKeptMs = 25 * 3600 * 1000;

export interface ReplicationStatus {
  rpoSeconds: number;
  health: ReplicatedItemRecord['replicationHealth'];
  /** ASR `HealthError`s. */
  healthErrors: Record<string, unknown>[];
  /** When the replication stopped uploading (a lag), if it did. */
  stalledSinceMs?: number;
}

/** When the item's replication stopped uploading, if a lag rule names its VM and it replicates. */
export function stalledSinceOf(
  state: SimulatorState,
  item: ReplicatedItemRecord,
  nowMs: number,
): number | undefined {
  if (item.protectionState !== 'Protected') return undefined;
  const rule = lagRuleOf(state.faults, item.vmName);
  if (!rule) return undefined;
  // A reprotect after the rule was added restarts replication: the lag counts from then.
  const since = Math.max(rule.sinceMs, item.lastRpoCalculatedMs);
  return since <= nowMs ? since : undefined;
}

export function replicationStatusOf(
  state: SimulatorState,
  item: ReplicatedItemRecord,
  nowMs: number,
): ReplicationStatus {
  const since = stalledSinceOf(state, item, nowMs);
  if (since === undefined)
    return { rpoSeconds: item.rpoSeconds, health: item.replicationHealth, healthErrors: [] };
  const rpoSeconds = item.rpoSeconds + Math.floor((nowMs - since) / 1000);
  const crossedMs = (threshold: number) => since + Math.max(0, threshold - item.rpoSeconds) * 1000;
  if (rpoSeconds > rpoCriticalSeconds) {
    const error = healthError(item, 'Error', crossedMs(rpoCriticalSeconds), {
      code: '153007',
      message: 'No crash consistent recovery point available for the VM in the last 60 minutes.',
    });
    return { rpoSeconds, health: 'Critical', healthErrors: [error], stalledSinceMs: since };
  }
  if (rpoSeconds > rpoWarningSeconds) {
    const error = healthError(item, 'Warning', crossedMs(rpoWarningSeconds), {
      code: 'RpoThresholdExceeded',
      message:
        'The RPO of the virtual machine exceeds 30 minutes: its changes are not replicated to the recovery region as fast as they are written.',
    });
    return { rpoSeconds, health: 'Warning', healthErrors: [error], stalledSinceMs: since };
  }
  return { rpoSeconds, health: item.replicationHealth, healthErrors: [], stalledSinceMs: since };
}

/** The rule was removed at `nowMs`: replication catches up, leaving a gap in the recovery points. */
export function endReplicationLag(state: SimulatorState, rule: FaultRule, nowMs: number): void {
  if (rule.kind !== 'replication-lag') return;
  for (const item of Object.values(state.siteRecovery.replicatedItems)) {
    if (item.vmName.toLowerCase() !== rule.vm.toLowerCase() || lagRuleOf(state.faults, item.vmName)) continue;
    if (item.protectionState !== 'Protected') continue;
    const fromMs = Math.max(rule.sinceMs, item.lastRpoCalculatedMs);
    if (fromMs >= nowMs) continue;
    const kept = (item.replicationGaps ?? []).filter((gap) => gap.toMs > nowMs - gapKeptMs);
    item.replicationGaps = [...kept, { fromMs, toMs: nowMs }];
  }
}

function lagRuleOf(faults: readonly FaultRule[], vmName: string) {
  const wanted = vmName.toLowerCase();
  const rule = faults.find((r) => r.kind === 'replication-lag' && r.vm.toLowerCase() === wanted);
  return rule?.kind === 'replication-lag' ? rule : undefined;
}

function healthError(
  item: ReplicatedItemRecord,
  level: 'Warning' | 'Error',
  createdMs: number,
  error: { code: string; message: string },
): Record<string, unknown> {
  return {
    innerHealthErrors: [],
    errorLevel: level,
    errorCategory: 'Replication',
    errorCode: error.code,
    summaryMessage: error.message,
    errorMessage: error.message,
    possibleCauses:
      'A data change rate on the source virtual machine beyond the Site Recovery limits, or network problems that slow down or stop the upload of its changes to the cache storage account.',
    recommendedAction:
      "Check the data change rate of the VM's disks (Replicated items > VM > Events) against the Site Recovery limits, and the VM's outbound connectivity to the cache storage account and the Site Recovery endpoints. Replication catches up once the changes can be uploaded.",
    creationTimeUtc: new Date(createdMs).toISOString(),
    entityId: item.id,
    errorId: deterministicUuid(`asr-health:${item.id.toLowerCase()}:${error.code}:${createdMs}`),
    customerResolvability: 'Allowed',
  };
}
