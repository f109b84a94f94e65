import type { AzurePort, OperationOptions, VmSummary } from '../azure/azure-port.js';
import type { BackupJobInfo, ProtectedVm } from '../azure/backup-port.js';
import type { RecoveryPlanInfo, ReplicatedVm } from '../azure/site-recovery-port.js';
import type { DrillReportRecord, JobRecord, StorePort } from '../store/store-port.js';
import type { WatchSettings } from './alert-kinds.js';

/** A read that failed: the watchers that need it judge nothing this poll. */
export interface ReadFailure {
  what: string;
  error: unknown;
}

/**
 * Everything one poll knows, read once and shared by every watcher: list calls only (one per
 * subscription or vault, plus pages), never one call per VM, so a poll of 500 VMs costs about as
 * many ARM requests as a poll of 5. A source that could not be read is undefined.
 */
export interface WatchSnapshot {
  now: Date;
  vms?: VmSummary[];
  protectedVms?: ProtectedVm[];
  /** Backup jobs of every vault that started within the lookback. */
  backupJobs?: BackupJobInfo[];
  replicatedVms?: ReplicatedVm[];
  plans?: RecoveryPlanInfo[];
  drillReports?: DrillReportRecord[];
  /** The bot's own file-restore jobs that are still open. */
  fileRestoreJobs?: JobRecord[];
  failures: ReadFailure[];
}

export async function readWatchSnapshot(
  azure: AzurePort,
  store: StorePort,
  settings: WatchSettings,
  now: Date,
  signal?: AbortSignal,
): Promise<WatchSnapshot> {
  const options: OperationOptions = { abortSignal: signal };
  const failures: ReadFailure[] = [];
  const read = <T>(what: string, work: () => Promise<T>): Promise<T | undefined> =>
    work().catch((error: unknown) => {
      failures.push({ what, error });
      return undefined;
    });
  const since = new Date(now.getTime() - settings.backupJobLookbackHours * 3_600_000);
  const backupVaults = azure.backup.vaults;
  const siteRecovery = azure.siteRecovery.vaults.length > 0;
  const [vms, protectedVms, backupJobs, replicatedVms, plans, drillReports, fileRestoreJobs] =
    await Promise.all([
      read('virtual machines', () => azure.listVms(options)),
      backupVaults.length > 0 ? read('protected VMs', () => azure.backup.listProtectedVms(options)) : [],
      read('backup jobs', async () =>
        (
          await Promise.all(
            backupVaults.map((vault) =>
              azure.backup.listJobs(vault, { since, operation: 'Backup' }, options),
            ),
          )
        ).flat(),
      ),
      siteRecovery ? read('replicated VMs', () => azure.siteRecovery.listReplicatedVms(options)) : [],
      siteRecovery ? read('recovery plans', () => azure.siteRecovery.listRecoveryPlans(options)) : [],
      read('drill reports', () => store.listDrillReports({ limit: 500 })),
      read('file-restore jobs', async () =>
        (await store.listJobs({ states: ['running'] })).filter((job) => job.commandId === 'restore.files'),
      ),
    ]);
  return {
    now,
    vms,
    protectedVms,
    backupJobs,
    replicatedVms,
    plans,
    drillReports,
    fileRestoreJobs,
    failures,
  };
}

/** The apps (recovery plans) each replicated VM belongs to, by lower-case VM name. */
export function appsByVm(snapshot: WatchSnapshot): Map<string, string[]> {
  const byItemId = new Map((snapshot.replicatedVms ?? []).map((item) => [item.id.toLowerCase(), item]));
  const apps = new Map<string, string[]>();
  for (const plan of snapshot.plans ?? []) {
    for (const id of plan.groups.flatMap((group) => group.itemIds)) {
      const item = byItemId.get(id.toLowerCase());
      if (!item) continue;
      const name = item.vmName.toLowerCase();
      apps.set(name, [...new Set([...(apps.get(name) ?? []), plan.name.toLowerCase()])]);
    }
  }
  return apps;
}

/** The subjects of a VM: its name, resource group and apps, lower case. */
export function vmSubjects(
  vm: { name: string; resourceGroup?: string },
  apps: Map<string, string[]>,
): string[] {
  const name = vm.name.toLowerCase();
  return [name, ...(vm.resourceGroup ? [vm.resourceGroup.toLowerCase()] : []), ...(apps.get(name) ?? [])];
}
