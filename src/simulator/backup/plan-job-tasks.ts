import type { JobTaskRecord, RecoveryPointVm } from './backup-state.js';

/**
 * How long Azure Backup's job tasks take, in simulated seconds (the clock compresses them by the
 * simulator speed, like every long-running operation):
 *  - backup: "Take Snapshot" 2 minutes plus 10 s per disk, then "Transfer data to vault" 10 minutes
 *    plus 10 s per GiB changed since the previous recovery point (the whole used size the first time);
 *  - restore: "Transfer data from vault" 5 minutes from the snapshot tier, 15 from the vault, plus
 *    3 s (snapshot) or 6 s (vault) per GiB used.
 */
export interface TaskPlan {
  taskId: string;
  seconds: number;
}

const gib = 1024 ** 3;
export const snapshotTask = 'Take Snapshot';
export const transferTask = 'Transfer data to vault';
export const restoreTask = 'Transfer data from vault';

export function backupTasks(vm: RecoveryPointVm, changedBytes: number): TaskPlan[] {
  return [
    { taskId: snapshotTask, seconds: 120 + 10 * vm.disks.length },
    { taskId: transferTask, seconds: 600 + Math.round((10 * changedBytes) / gib) },
  ];
}

export function restoreTasks(vm: RecoveryPointVm, fromSnapshot: boolean): TaskPlan[] {
  const usedGiB = vm.disks.reduce((sum, disk) => sum + disk.usedBytes, 0) / gib;
  const seconds = fromSnapshot ? 300 + 3 * usedGiB : 900 + 6 * usedGiB;
  return [{ taskId: restoreTask, seconds: Math.round(seconds) }];
}

/** Simulated seconds as clock milliseconds at this speed, rounded as core operations round them. */
export function elapsedMs(seconds: number, speed: number): number {
  return Math.max(0, Math.round((seconds * 1000) / speed));
}

/** Task start and end times from `startMs`, one after the other. */
export function scheduleTasks(startMs: number, plan: readonly TaskPlan[], speed: number): JobTaskRecord[] {
  let seconds = 0;
  return plan.map((task) => {
    const taskStart = startMs + elapsedMs(seconds, speed);
    seconds += task.seconds;
    return { taskId: task.taskId, startMs: taskStart, endMs: startMs + elapsedMs(seconds, speed) };
  });
}

export function totalSeconds(plan: readonly TaskPlan[], throughIndex = plan.length - 1): number {
  return plan.slice(0, throughIndex + 1).reduce((sum, task) => sum + task.seconds, 0);
}
