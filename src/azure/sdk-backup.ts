import type {
  AzureIaaSComputeVMProtectedItem,
  AzureIaaSVMJob,
  IaasVMRecoveryPoint,
  RecoveryServicesBackupClient,
} from '@azure/arm-recoveryservicesbackup';
import type { OperationOptions, StartJobOptions } from './azure-port.js';
import type {
  BackupItemRef,
  BackupJobInfo,
  BackupPort,
  FileRecoveryAccess,
  ProtectedVm,
  RecoveryPointInfo,
  RestoreDefaults,
  RestoreRequest,
  VaultRef,
} from './backup-port.js';
import { type AzureClientOptions, createBackupClient } from './create-compute-clients.js';
import {
  followItemOperation,
  jobIdOf,
  provisionFileRecovery,
  requestOperation,
  revokeFileRecovery,
  triggerRestore,
} from './sdk-backup-recovery.js';
import { callAzure } from './translate-azure-error.js';

const fabric = 'Azure';
const vmFilter = "backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'";

/**
 * Azure Backup through @azure/arm-recoveryservicesbackup. The on-demand backup is not an LRO in
 * the SDK: Azure answers 202 with an `Azure-AsyncOperation` URL whose last segment is the
 * operation id; its status carries the backup job's id, which is what the bot follows.
 */
export class SdkBackup implements BackupPort {
  private readonly clients = new Map<string, RecoveryServicesBackupClient>();
  /** Azure Backup updates a job's progress about once a minute; the simulator, faster. */
  readonly pollIntervalMs: number;

  constructor(
    readonly vaults: readonly VaultRef[],
    private readonly clientOptions: AzureClientOptions,
    readonly restoreDefaults: RestoreDefaults = { subnetIds: [] },
  ) {
    this.pollIntervalMs = clientOptions.pollIntervalInMs ?? 15_000;
  }

  private client(subscriptionId: string): RecoveryServicesBackupClient {
    let client = this.clients.get(subscriptionId);
    if (!client) {
      client = createBackupClient(subscriptionId, this.clientOptions);
      this.clients.set(subscriptionId, client);
    }
    return client;
  }

  async listProtectedVms(options?: OperationOptions): Promise<ProtectedVm[]> {
    const perVault = await Promise.all(
      this.vaults.map((vault) =>
        callAzure(async () => {
          const items: ProtectedVm[] = [];
          const pages = this.client(vault.subscriptionId).backupProtectedItems.list(
            vault.name,
            vault.resourceGroup,
            {
              filter: vmFilter,
              abortSignal: options?.abortSignal,
            },
          );
          for await (const resource of pages) {
            const item = toProtectedVm(vault, resource.name ?? '', resource.id ?? '', resource.properties);
            if (item) items.push(item);
          }
          return items;
        }),
      ),
    );
    return perVault.flat();
  }

  async listRecoveryPoints(item: BackupItemRef, options?: OperationOptions): Promise<RecoveryPointInfo[]> {
    const { vault } = item;
    return callAzure(async () => {
      const points: RecoveryPointInfo[] = [];
      const pages = this.client(vault.subscriptionId).recoveryPoints.list(
        vault.name,
        vault.resourceGroup,
        fabric,
        item.containerName,
        item.itemName,
        { abortSignal: options?.abortSignal },
      );
      for await (const resource of pages) {
        const properties = resource.properties as IaasVMRecoveryPoint | undefined;
        if (!properties?.recoveryPointTime) continue;
        points.push({
          name: resource.name ?? '',
          id: resource.id ?? '',
          time: new Date(properties.recoveryPointTime),
          type: properties.recoveryPointType ?? 'Unknown',
          tiers: (properties.recoveryPointTierDetails ?? [])
            .filter((tier) => tier.status === 'Valid' && tier.type)
            .map((tier) => String(tier.type)),
          fileRecoveryActive: properties.isInstantIlrSessionActive === true,
        });
      }
      return points.sort((a, b) => b.time.getTime() - a.time.getTime());
    });
  }

  async triggerBackup(item: BackupItemRef, keepUntil: Date, options?: OperationOptions): Promise<string> {
    const { vault } = item;
    const client = this.client(vault.subscriptionId);
    const operationUrl = await requestOperation(options, (requestOptions) =>
      client.backups.trigger(
        vault.name,
        vault.resourceGroup,
        fabric,
        item.containerName,
        item.itemName,
        { properties: { objectType: 'IaasVMBackupRequest', recoveryPointExpiryTimeInUTC: keepUntil } },
        requestOptions,
      ),
    );
    // The job id appears in the operation's status as soon as Azure has created the job.
    return followItemOperation(client, item, operationUrl, 1_000, jobIdOf, options);
  }

  async triggerRestore(
    item: BackupItemRef,
    point: { name: string; id: string },
    request: RestoreRequest,
    options?: StartJobOptions,
  ): Promise<string> {
    return triggerRestore(this.client(item.vault.subscriptionId), item, point, request, 1_000, options);
  }

  async provisionFileRecovery(
    item: BackupItemRef,
    pointName: string,
    options?: OperationOptions,
  ): Promise<FileRecoveryAccess> {
    const client = this.client(item.vault.subscriptionId);
    return provisionFileRecovery(client, item, pointName, this.pollIntervalMs, options);
  }

  async revokeFileRecovery(
    item: BackupItemRef,
    pointName: string,
    options?: OperationOptions,
  ): Promise<void> {
    const client = this.client(item.vault.subscriptionId);
    await revokeFileRecovery(client, item, pointName, this.pollIntervalMs, options);
  }

  async listJobs(
    vault: VaultRef,
    filter: { since: Date; operation?: string },
    options?: OperationOptions,
  ): Promise<BackupJobInfo[]> {
    return callAzure(async () => {
      const jobs: BackupJobInfo[] = [];
      const pages = this.client(vault.subscriptionId).backupJobs.list(vault.name, vault.resourceGroup, {
        filter: jobFilter(filter.since, filter.operation),
        abortSignal: options?.abortSignal,
      });
      for await (const resource of pages) {
        const job = toJobInfo(vault, resource.name ?? '', resource.properties as AzureIaaSVMJob);
        // Azure's filter has whole seconds: drop what started in the second before `since`.
        if ((job.startTime?.getTime() ?? 0) >= filter.since.getTime()) jobs.push(job);
      }
      return jobs.sort((a, b) => (b.startTime?.getTime() ?? 0) - (a.startTime?.getTime() ?? 0));
    });
  }

  async findJobs(
    vault: VaultRef,
    filter: { operation: string; vmName: string; since: Date; requestId?: string },
    options?: OperationOptions,
  ): Promise<BackupJobInfo[]> {
    const jobs = await this.listJobs(vault, { since: filter.since, operation: filter.operation }, options);
    const requestId = filter.requestId?.toLowerCase();
    return jobs.filter(
      (job) =>
        job.entity.toLowerCase() === filter.vmName.toLowerCase() &&
        (requestId === undefined || (job.activityId?.toLowerCase().startsWith(requestId) ?? false)),
    );
  }

  async getJob(vault: VaultRef, jobId: string, options?: OperationOptions): Promise<BackupJobInfo> {
    const resource = await callAzure(() =>
      this.client(vault.subscriptionId).jobDetails.get(vault.name, vault.resourceGroup, jobId, {
        abortSignal: options?.abortSignal,
      }),
    );
    return toJobInfo(vault, resource.name ?? jobId, resource.properties as AzureIaaSVMJob);
  }

  async cancelJob(vault: VaultRef, jobId: string, options?: OperationOptions): Promise<void> {
    await callAzure(() =>
      this.client(vault.subscriptionId).jobCancellations.trigger(vault.name, vault.resourceGroup, jobId, {
        abortSignal: options?.abortSignal,
      }),
    );
  }

  async listPolicies(vault: VaultRef, options?: OperationOptions): Promise<{ id: string; name: string }[]> {
    return callAzure(async () => {
      const policies: { id: string; name: string }[] = [];
      const pages = this.client(vault.subscriptionId).backupPolicies.list(vault.name, vault.resourceGroup, {
        filter: "backupManagementType eq 'AzureIaasVM'",
        abortSignal: options?.abortSignal,
      });
      for await (const policy of pages) policies.push({ id: policy.id ?? '', name: policy.name ?? '' });
      return policies;
    });
  }

  async enableProtection(
    vault: VaultRef,
    vm: { id: string; name: string; resourceGroup: string },
    policyId: string,
    options?: OperationOptions,
  ): Promise<void> {
    const suffix = `iaasvmcontainerv2;${vm.resourceGroup.toLowerCase()};${vm.name.toLowerCase()}`;
    await callAzure(() =>
      this.client(vault.subscriptionId).protectedItems.createOrUpdate(
        vault.name,
        vault.resourceGroup,
        fabric,
        `iaasvmcontainer;${suffix}`,
        `vm;${suffix}`,
        {
          properties: {
            protectedItemType: 'Microsoft.Compute/virtualMachines',
            sourceResourceId: vm.id,
            policyId,
          } as AzureIaaSComputeVMProtectedItem,
        },
        { abortSignal: options?.abortSignal },
      ),
    );
  }
}

/** backupJobs `$filter`: IaaS VM jobs started within 30 days of `since` (the most Azure PowerShell allows). */
function jobFilter(since: Date, operation: string | undefined): string {
  const until = new Date(since.getTime() + 30 * 86_400_000);
  const window = `startTime eq '${filterTime(since)}' and endTime eq '${filterTime(until)}'`;
  const type = "backupManagementType eq 'AzureIaasVM'";
  return operation ? `${window} and operation eq '${operation}' and ${type}` : `${window} and ${type}`;
}

/** `2026-12-01 10:00:00 PM` (UTC): the form Azure's own tools send. */
function filterTime(date: Date): string {
  const [day = '', time = ''] = date.toISOString().split(/[T.]/);
  const hours = date.getUTCHours();
  return `${day} ${String(hours % 12 || 12).padStart(2, '0')}${time.slice(2)} ${hours < 12 ? 'AM' : 'PM'}`;
}

function toJobInfo(vault: VaultRef, id: string, job: AzureIaaSVMJob): BackupJobInfo {
  return {
    id,
    vault,
    ...(job.activityId ? { activityId: job.activityId } : {}),
    operation: job.operation ?? '',
    status: job.status ?? 'Unknown',
    entity: job.entityFriendlyName ?? '',
    startTime: job.startTime ? new Date(job.startTime) : undefined,
    endTime: job.endTime ? new Date(job.endTime) : undefined,
    progressPercent: job.extendedInfo?.progressPercentage,
    tasks: (job.extendedInfo?.tasksList ?? []).map((task) => ({
      name: task.taskId ?? '',
      status: task.status ?? '',
      progressPercent: task.progressPercentage,
    })),
    errors: (job.errorDetails ?? []).map((error) => ({
      code: error.errorTitle ?? (error.errorCode !== undefined ? String(error.errorCode) : ''),
      message: error.errorString ?? '',
      recommendations: error.recommendations ?? [],
    })),
  };
}

function toProtectedVm(
  vault: VaultRef,
  name: string,
  id: string,
  properties: unknown,
): ProtectedVm | undefined {
  const item = properties as AzureIaaSComputeVMProtectedItem | undefined;
  const vmId = item?.virtualMachineId ?? item?.sourceResourceId;
  if (!item || !vmId) return undefined;
  const containerName = /\/protectionContainers\/([^/]+)\//i.exec(id)?.[1] ?? item.containerName ?? '';
  return {
    vault,
    containerName: decodeURIComponent(containerName),
    itemName: decodeURIComponent(name),
    vmId,
    vmName: item.friendlyName ?? vmId.split('/').pop() ?? '',
    protectionState: item.protectionState ?? item.protectionStatus ?? 'Unknown',
    healthStatus: item.healthStatus,
    lastBackupStatus: item.lastBackupStatus,
    lastBackupTime: item.lastBackupTime ? new Date(item.lastBackupTime) : undefined,
    lastRecoveryPoint: item.lastRecoveryPoint ? new Date(item.lastRecoveryPoint) : undefined,
    policyName: item.policyName,
  };
}
