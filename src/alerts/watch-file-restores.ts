import { formatTime } from '../operations/format-values.js';
import type { WatchSettings } from './alert-kinds.js';
import { type Finding, judgesAll, runButton, type WatchResult } from './finding.js';
import { appsByVm, vmSubjects, type WatchSnapshot } from './read-watch-snapshot.js';

interface OpenSession {
  plan?: { vm?: { name?: string; resourceGroup?: string } };
  expiresAt?: string;
}

/**
 * File-restore sessions the bot opened that are near their end: the channel hears it, so whoever
 * still copies files can finish (the requester also gets a private reminder). Read from the bot's
 * own jobs: no ARM call.
 */
export function watchFileRestores(snapshot: WatchSnapshot, settings: WatchSettings): WatchResult | undefined {
  if (!snapshot.fileRestoreJobs) return undefined;
  const apps = appsByVm(snapshot);
  const findings: Finding[] = [];
  for (const job of snapshot.fileRestoreJobs) {
    const session = (job.handle ?? {}) as OpenSession;
    const vm = session.plan?.vm;
    if (!session.expiresAt || !vm?.name) continue;
    const ends = new Date(session.expiresAt);
    const leftMs = ends.getTime() - snapshot.now.getTime();
    if (leftMs > settings.fileRestoreWarnMinutes * 60_000 || leftMs <= 0) continue;
    findings.push({
      kind: 'file-restore',
      key: `file-restore:${job.id}`,
      subjects: vmSubjects({ name: vm.name, resourceGroup: vm.resourceGroup }, apps),
      title: `File restore ends soon: ${vm.name}`,
      tone: 'warning',
      summary: `The file-restore session of ${vm.name} that ${job.requester.displayName} opened ends at ${formatTime(ends)} (in ${Math.ceil(leftMs / 60_000)} min); then the recovery point is unmounted.`,
      facts: [
        { label: 'VM', value: vm.name },
        { label: 'Opened by', value: job.requester.displayName },
        { label: 'Ends', value: formatTime(ends) },
        { label: 'Job', value: job.id },
      ],
      actions: [runButton('Close it now', `restore files ${vm.name} done`)],
      resolution: `The file-restore session of ${vm.name} is closed.`,
    });
  }
  return { kind: 'file-restore', findings, judges: judgesAll('file-restore') };
}
