import type { BackupJobInfo } from '../azure/backup-port.js';
import { stateWord } from '../chat/domain-words.js';
import { joinSentences } from '../chat/join-sentences.js';
import { formatTime } from '../operations/format-values.js';
import type { WatchSettings } from './alert-kinds.js';
import { type Finding, judgesAll, runButton, type WatchResult } from './finding.js';
import { appsByVm, vmSubjects, type WatchSnapshot } from './read-watch-snapshot.js';

const finished = new Set(['Completed', 'CompletedWithWarnings', 'Failed']);

/**
 * Backup job failed (or completed with warnings): per VM, its newest finished backup job decides.
 * Failed ones since the last success count as occurrences ("still failing, 3rd time"); a later
 * successful job resolves it. A VM without a finished job in the lookback is not judged.
 */
export function watchBackupJobs(snapshot: WatchSnapshot): WatchResult | undefined {
  if (!snapshot.backupJobs) return undefined;
  const apps = appsByVm(snapshot);
  const groups = new Map(
    (snapshot.protectedVms ?? []).map((vm) => [vm.vmName.toLowerCase(), resourceGroupOf(vm.vmId)]),
  );
  const byVm = new Map<string, BackupJobInfo[]>();
  for (const job of snapshot.backupJobs) {
    if (!finished.has(job.status)) continue;
    const name = job.entity.toLowerCase();
    byVm.set(name, [...(byVm.get(name) ?? []), job]);
  }
  const findings: Finding[] = [];
  for (const [name, jobs] of byVm) {
    jobs.sort((a, b) => (b.startTime?.getTime() ?? 0) - (a.startTime?.getTime() ?? 0));
    const latest = jobs[0];
    if (!latest || latest.status === 'Completed') continue;
    const lastSuccess = jobs.findIndex((job) => job.status === 'Completed');
    const bad = lastSuccess === -1 ? jobs : jobs.slice(0, lastSuccess);
    findings.push(backupJobFinding(latest, bad, vmSubjects({ name, resourceGroup: groups.get(name) }, apps)));
  }
  const judged = new Set([...byVm.keys()].map((name) => `backup-failed:${name}`));
  return { kind: 'backup-failed', findings, judges: (key) => judged.has(key) };
}

function backupJobFinding(latest: BackupJobInfo, bad: BackupJobInfo[], subjects: string[]): Finding {
  const failed = latest.status === 'Failed';
  const error = latest.errors[0];
  const vmName = latest.entity;
  return {
    kind: 'backup-failed',
    key: `backup-failed:${vmName.toLowerCase()}`,
    subjects,
    title: `Backup ${failed ? 'failed' : 'completed with warnings'}: ${vmName}`,
    tone: failed ? 'attention' : 'warning',
    summary: error
      ? joinSentences(error.message, error.recommendations[0])
      : `The backup job of ${vmName} ended ${stateWord(latest.status)}.`,
    facts: [
      { label: 'VM', value: vmName },
      { label: 'Vault', value: latest.vault.name },
      { label: 'Job', value: latest.id },
      { label: 'Started', value: formatTime(latest.startTime) },
      ...(error ? [{ label: 'Error code', value: error.code }] : []),
    ],
    actions: [
      runButton('Retry backup', `backup ${vmName}`, 'positive'),
      runButton('Show status', `status ${vmName}`),
    ],
    resolution: `A later backup of ${vmName} completed.`,
    occurrenceIds: bad.map((job) => job.id),
  };
}

/** No new recovery point for longer than the policy allows. */
export function watchMissedBackups(
  snapshot: WatchSnapshot,
  settings: WatchSettings,
): WatchResult | undefined {
  if (!snapshot.protectedVms) return undefined;
  const apps = appsByVm(snapshot);
  const limitMs = settings.missedBackupHours * 3_600_000;
  const findings: Finding[] = [];
  for (const vm of snapshot.protectedVms) {
    if (!/^Protect(ed|ionError)$/.test(vm.protectionState)) continue;
    const last = vm.lastRecoveryPoint;
    if (!last || snapshot.now.getTime() - last.getTime() <= limitMs) continue;
    const hours = Math.floor((snapshot.now.getTime() - last.getTime()) / 3_600_000);
    findings.push({
      kind: 'backup-missed',
      key: `backup-missed:${vm.vmName.toLowerCase()}`,
      subjects: vmSubjects({ name: vm.vmName, resourceGroup: resourceGroupOf(vm.vmId) }, apps),
      title: `No backup for ${hours} h: ${vm.vmName}`,
      tone: 'attention',
      summary: `The newest recovery point of ${vm.vmName} is from ${formatTime(last)}; its policy allows ${settings.missedBackupHours} h.`,
      facts: [
        { label: 'VM', value: vm.vmName },
        { label: 'Newest recovery point', value: formatTime(last) },
        {
          label: 'Last backup',
          value: `${vm.lastBackupStatus ?? 'unknown'} at ${formatTime(vm.lastBackupTime)}`,
        },
        { label: 'Policy', value: vm.policyName ?? 'unknown' },
      ],
      actions: [
        runButton('Back up now', `backup ${vm.vmName}`, 'positive'),
        runButton('Show status', `status ${vm.vmName}`),
      ],
      resolution: `${vm.vmName} has a new recovery point.`,
    });
  }
  return { kind: 'backup-missed', findings, judges: judgesAll('backup-missed') };
}

/**
 * VMs with no backup at all. Copies Site Recovery makes (`{vm}-test` drill VMs, failed-over VMs)
 * are not new VMs and are left out.
 */
export function watchUnprotectedVms(snapshot: WatchSnapshot): WatchResult | undefined {
  const { vms, protectedVms } = snapshot;
  if (!vms || !protectedVms) return undefined;
  if (snapshot.replicatedVms === undefined) return undefined;
  const apps = appsByVm(snapshot);
  const protectedIds = new Set(protectedVms.map((vm) => vm.vmId.toLowerCase()));
  const replicated = new Map(
    snapshot.replicatedVms.map((item) => [item.vmName.toLowerCase(), item.vmId.toLowerCase()]),
  );
  const findings: Finding[] = [];
  for (const vm of vms) {
    const name = vm.name.toLowerCase();
    if (protectedIds.has(vm.id.toLowerCase())) continue;
    const base = name.replace(/-test$/, '');
    const sourceId = replicated.get(base);
    if (sourceId !== undefined && (name !== base || sourceId !== vm.id.toLowerCase())) continue;
    findings.push({
      kind: 'unprotected',
      key: `unprotected:${vm.id.toLowerCase()}`,
      subjects: vmSubjects(vm, apps),
      title: `Not backed up: ${vm.name}`,
      tone: 'warning',
      summary: `${vm.name} (${vm.resourceGroup}, ${vm.location}) has no backup in any vault the bot watches.`,
      facts: [
        { label: 'VM', value: vm.name },
        { label: 'Resource group', value: vm.resourceGroup },
        { label: 'Power state', value: vm.powerState },
      ],
      actions: [
        runButton('Enable backup', `enable backup ${vm.name}`, 'positive'),
        runButton('Show status', `status ${vm.name}`),
      ],
      resolution: `${vm.name} is protected by Azure Backup now (its first backup may still be pending), or no longer exists.`,
    });
  }
  return { kind: 'unprotected', findings, judges: judgesAll('unprotected') };
}

/** `/subscriptions/s/resourceGroups/{rg}/...` -> rg. */
export function resourceGroupOf(id: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
}
