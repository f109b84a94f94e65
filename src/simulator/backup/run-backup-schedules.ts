import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type { PolicyRecord, ProtectedItemRecord } from './backup-state.js';
import { recoveryPointsOfItem, removeExpiredPoints } from './recovery-point-index.js';
import { scheduledStartMs, slotAfter, slotAtOrBefore } from './schedule-slots.js';
import { type DueRun, runScheduledBackup, type ScheduleBatch } from './start-scheduled-backup.js';

/**
 * Azure Backup's policies run by themselves: every protected item (Protected, or IRPending before
 * its first backup) gets a scheduled Backup job each day at its policy's time plus a few minutes
 * (schedule-slots.ts). Lazily: before each request the runs whose start the clock has passed since
 * the item's `scheduledThroughMs` are created, in the order they started, so a clock jump of three
 * days gives three runs per VM at once, and a request with nothing due only compares numbers.
 * Runs older than the policy's retention (at least 30 days) when caught up leave nothing: their
 * points would have expired already, and catching up ten years must stay cheap.
 */
const dayMs = 86_400_000;
const minHorizonDays = 30;

export function runBackupSchedules(state: SimulatorState, nowMs: number, speed: number): boolean {
  const changed = fillScheduledThrough(state);
  const runs: DueRun[] = [];
  for (const item of Object.values(state.backup.protectedItems)) {
    const policy = scheduledPolicyOf(state, item);
    if (policy) runs.push(...dueRuns(item, policy, nowMs));
  }
  if (runs.length === 0) return changed;
  runs.sort((a, b) => a.startMs - b.startMs || a.item.id.localeCompare(b.item.id));
  const batch = startBatch(state, nowMs, speed);
  for (const run of runs) {
    run.item.scheduledThroughMs = run.slotMs;
    runScheduledBackup(state, batch, run);
  }
  removeExpiredPoints(state, nowMs);
  return true;
}

/** The policy whose schedule runs for this item, if it is protected (not stopped, not in error). */
function scheduledPolicyOf(state: SimulatorState, item: ProtectedItemRecord): PolicyRecord | undefined {
  if (item.protectionState !== 'Protected' && item.protectionState !== 'IRPending') return undefined;
  return item.policyKey ? ownValue(state.backup.policies, item.policyKey) : undefined;
}

/** The item's runs that started by `nowMs` and are not done yet; runs past the horizon are passed over. */
function dueRuns(item: ProtectedItemRecord, policy: PolicyRecord, nowMs: number): DueRun[] {
  const horizonMs = nowMs - Math.max(policy.dailyRetentionDays, minHorizonDays) * dayMs;
  let slotMs = item.scheduledThroughMs ?? nowMs;
  if (slotMs < horizonMs - dayMs) {
    slotMs = slotAtOrBefore(policy.scheduleTimeUtc, horizonMs - dayMs);
    item.scheduledThroughMs = slotMs;
  }
  const runs: DueRun[] = [];
  for (;;) {
    const next = slotAfter(policy.scheduleTimeUtc, slotMs);
    if (next > nowMs) return runs;
    const startMs = scheduledStartMs(item.id, next);
    if (startMs > nowMs) return runs;
    if (startMs >= horizonMs) runs.push({ item, policy, slotMs: next, startMs });
    else item.scheduledThroughMs = next;
    slotMs = next;
  }
}

/**
 * Items of a state file written before the policies ran by themselves (and new items): their
 * schedule continues after their last scheduled job, or after their creation.
 */
function fillScheduledThrough(state: SimulatorState): boolean {
  const missing = Object.values(state.backup.protectedItems).filter(
    (item) => item.scheduledThroughMs === undefined,
  );
  if (missing.length === 0) return false;
  const lastScheduled = new Map<string, number>();
  for (const job of Object.values(state.backup.jobs)) {
    if (job.operation !== 'Backup' || job.isUserTriggered || !job.itemKey) continue;
    lastScheduled.set(job.itemKey, Math.max(lastScheduled.get(job.itemKey) ?? job.startMs, job.startMs));
  }
  for (const item of missing) {
    const policy = item.policyKey ? ownValue(state.backup.policies, item.policyKey) : undefined;
    const lastMs = lastScheduled.get(resourceKey(item.id)) ?? item.createdMs;
    item.scheduledThroughMs = policy ? slotAtOrBefore(policy.scheduleTimeUtc, lastMs) : lastMs;
  }
  return true;
}

/** What the runs of one catch-up share: each item's newest recovery point and latest backup end. */
function startBatch(state: SimulatorState, nowMs: number, speed: number): ScheduleBatch {
  const batch: ScheduleBatch = { nowMs, speed, newestPoint: new Map(), backupEndMs: new Map() };
  for (const item of Object.values(state.backup.protectedItems)) {
    const newest = recoveryPointsOfItem(state, resourceKey(item.id))[0];
    if (newest) batch.newestPoint.set(newest.itemKey, newest);
  }
  for (const job of Object.values(state.backup.jobs)) {
    if (job.operation !== 'Backup' || !job.itemKey) continue;
    batch.backupEndMs.set(job.itemKey, Math.max(batch.backupEndMs.get(job.itemKey) ?? job.endMs, job.endMs));
  }
  return batch;
}
