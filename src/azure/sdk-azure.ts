import type { ComputeManagementClient, Disk } from '@azure/arm-compute';
import type { OperationState, PollerLike } from '@azure/core-lro';
import {
  type AzurePort,
  type CreateDiskRequest,
  type CreateRestorePointRequest,
  type CreateSnapshotRequest,
  type DiskInfo,
  type OperationOptions,
  parseResourceId,
  type RestorePointInfo,
  type SnapshotInfo,
  type VmDetails,
  type VmRef,
  type VmSummary,
} from './azure-port.js';
import type { BackupPort, RestoreDefaults, VaultRef } from './backup-port.js';
import { type AzureClientOptions, createComputeClient } from './create-compute-clients.js';
import {
  readRawUsage,
  toDiskInfo,
  toRestorePointInfo,
  toSnapshotInfo,
  toVmSummary,
} from './map-compute-models.js';
import type { NetworkPort } from './network-port.js';
import { SdkBackup } from './sdk-backup.js';
import { SdkNetwork } from './sdk-network.js';
import { SdkSiteRecovery } from './sdk-site-recovery.js';
import type { SiteRecoveryPort } from './site-recovery-port.js';
import { callAzure } from './translate-azure-error.js';

/** The one AzurePort: the official SDK clients, against real Azure or the simulator alike. */
export class SdkAzure implements AzurePort {
  private readonly computeClients = new Map<string, ComputeManagementClient>();

  readonly backup: BackupPort;
  readonly siteRecovery: SiteRecoveryPort;
  readonly network: NetworkPort;

  constructor(
    readonly subscriptionIds: readonly string[],
    private readonly clientOptions: AzureClientOptions,
    vaults: {
      backup?: readonly VaultRef[];
      restoreDefaults?: RestoreDefaults;
      siteRecovery?: readonly VaultRef[];
      drillCleanupAfterMs?: number;
    } = {},
  ) {
    this.backup = new SdkBackup(vaults.backup ?? [], clientOptions, vaults.restoreDefaults);
    this.siteRecovery = new SdkSiteRecovery(
      vaults.siteRecovery ?? [],
      clientOptions,
      vaults.drillCleanupAfterMs,
    );
    this.network = new SdkNetwork(subscriptionIds, clientOptions);
  }

  private compute(subscriptionId: string): ComputeManagementClient {
    let client = this.computeClients.get(subscriptionId);
    if (!client) {
      client = createComputeClient(subscriptionId, this.clientOptions);
      this.computeClients.set(subscriptionId, client);
    }
    return client;
  }

  private lroOptions(options?: OperationOptions) {
    return { abortSignal: options?.abortSignal, updateIntervalInMs: this.clientOptions.pollIntervalInMs };
  }

  async listVms(options?: OperationOptions): Promise<VmSummary[]> {
    const perSubscription = await Promise.all(
      this.subscriptionIds.map((subscriptionId) =>
        callAzure(async () => {
          const vms: VmSummary[] = [];
          const pages = this.compute(subscriptionId).virtualMachines.listAll({
            statusOnly: 'true',
            abortSignal: options?.abortSignal,
          });
          for await (const vm of pages) vms.push(toVmSummary(vm));
          return vms;
        }),
      ),
    );
    return perSubscription.flat();
  }

  async getVm(vm: VmRef, options?: OperationOptions): Promise<VmDetails> {
    const client = this.compute(vm.subscriptionId);
    const model = await callAzure(() =>
      client.virtualMachines.get(vm.resourceGroup, vm.name, {
        expand: 'instanceView',
        abortSignal: options?.abortSignal,
      }),
    );
    const attached: { id: string | undefined; role: 'os' | 'data'; lun: number | undefined }[] = [
      { id: model.storageProfile?.osDisk?.managedDisk?.id, role: 'os', lun: undefined },
      ...(model.storageProfile?.dataDisks ?? []).map((disk) => ({
        id: disk.managedDisk?.id,
        role: 'data' as const,
        lun: disk.lun,
      })),
    ];
    const wanted = attached.flatMap((disk) => (disk.id ? [{ ...disk, id: disk.id }] : []));
    const found = await this.listDisksById(
      vm.subscriptionId,
      wanted.map((disk) => disk.id),
      options,
    );
    const disks = wanted.flatMap((disk) => {
      const match = found.get(disk.id.toLowerCase());
      return match ? [toDiskInfo(match.disk, disk.role, disk.lun, match.usage)] : [];
    });
    return { ...toVmSummary(model), disks };
  }

  async deallocateVm(vm: VmRef, options?: OperationOptions): Promise<void> {
    const poller = this.compute(vm.subscriptionId).virtualMachines.deallocate(
      vm.resourceGroup,
      vm.name,
      this.lroOptions(options),
    );
    await awaitPoller(poller, options);
  }

  async startVm(vm: VmRef, options?: OperationOptions): Promise<void> {
    const poller = this.compute(vm.subscriptionId).virtualMachines.start(
      vm.resourceGroup,
      vm.name,
      this.lroOptions(options),
    );
    await awaitPoller(poller, options);
  }

  async listDisks(
    subscriptionId: string,
    resourceGroup: string,
    options?: OperationOptions,
  ): Promise<DiskInfo[]> {
    return callAzure(async () => {
      const rawById = new Map<string, unknown>();
      const disks: DiskInfo[] = [];
      const pages = this.compute(subscriptionId).disks.listByResourceGroup(resourceGroup, {
        abortSignal: options?.abortSignal,
        onResponse: (raw) => rememberRawItems(raw.parsedBody, rawById),
      });
      for await (const disk of pages) {
        const role = disk.osType ? 'os' : 'data';
        disks.push(
          toDiskInfo(disk, role, undefined, readRawUsage(rawById.get((disk.id ?? '').toLowerCase()))),
        );
      }
      return disks;
    });
  }

  /** One list call per resource group holding the disks, not one get per disk. */
  private async listDisksById(subscriptionId: string, ids: string[], options?: OperationOptions) {
    const groups = [...new Set(ids.map((id) => parseResourceId(id).resourceGroup.toLowerCase()))];
    const found = new Map<string, { disk: Disk; usage: ReturnType<typeof readRawUsage> }>();
    const rawById = new Map<string, unknown>();
    for (const group of groups) {
      await callAzure(async () => {
        const pages = this.compute(subscriptionId).disks.listByResourceGroup(group, {
          abortSignal: options?.abortSignal,
          onResponse: (raw) => rememberRawItems(raw.parsedBody, rawById),
        });
        for await (const disk of pages) {
          const key = (disk.id ?? '').toLowerCase();
          found.set(key, { disk, usage: readRawUsage(rawById.get(key)) });
        }
      });
    }
    return found;
  }

  async listSnapshots(subscriptionId: string, options?: OperationOptions): Promise<SnapshotInfo[]> {
    return callAzure(async () => {
      const rawById = new Map<string, unknown>();
      const snapshots: SnapshotInfo[] = [];
      const pages = this.compute(subscriptionId).snapshots.list({
        abortSignal: options?.abortSignal,
        onResponse: (raw) => rememberRawItems(raw.parsedBody, rawById),
      });
      for await (const snapshot of pages) {
        snapshots.push(
          toSnapshotInfo(snapshot, readRawUsage(rawById.get((snapshot.id ?? '').toLowerCase()))),
        );
      }
      return snapshots;
    });
  }

  async getSnapshot(id: string, options?: OperationOptions): Promise<SnapshotInfo> {
    const parts = parseResourceId(id);
    let raw: unknown;
    const snapshot = await callAzure(() =>
      this.compute(parts.subscriptionId).snapshots.get(parts.resourceGroup, parts.name, {
        abortSignal: options?.abortSignal,
        onResponse: (response) => {
          raw = response.parsedBody;
        },
      }),
    );
    return toSnapshotInfo(snapshot, readRawUsage(raw));
  }

  async createSnapshot(request: CreateSnapshotRequest, options?: OperationOptions): Promise<SnapshotInfo> {
    const poller = this.compute(request.subscriptionId).snapshots.createOrUpdate(
      request.resourceGroup,
      request.name,
      {
        location: request.location,
        creationData: { createOption: 'Copy', sourceResourceId: request.sourceDiskId },
        incremental: request.incremental,
        tags: request.tags,
      },
      this.lroOptions(options),
    );
    const created = await awaitPoller(poller, options);
    // The final GET of the poller goes through the SDK's deserializer, which drops the billed size.
    return this.getSnapshot(created.id ?? '', options);
  }

  async deleteSnapshot(id: string, options?: OperationOptions): Promise<void> {
    const parts = parseResourceId(id);
    const poller = this.compute(parts.subscriptionId).snapshots.delete(
      parts.resourceGroup,
      parts.name,
      this.lroOptions(options),
    );
    await awaitPoller(poller, options);
  }

  async createDiskFromSnapshot(request: CreateDiskRequest, options?: OperationOptions): Promise<DiskInfo> {
    const poller = this.compute(request.subscriptionId).disks.createOrUpdate(
      request.resourceGroup,
      request.name,
      {
        location: request.location,
        creationData: { createOption: 'Copy', sourceResourceId: request.sourceSnapshotId },
        tags: request.tags,
      },
      this.lroOptions(options),
    );
    const disk = await awaitPoller(poller, options);
    return toDiskInfo(disk, 'data', undefined, {});
  }

  async getDisk(id: string, options?: OperationOptions): Promise<DiskInfo> {
    const parts = parseResourceId(id);
    let raw: unknown;
    const disk = await callAzure(() =>
      this.compute(parts.subscriptionId).disks.get(parts.resourceGroup, parts.name, {
        abortSignal: options?.abortSignal,
        onResponse: (response) => {
          raw = response.parsedBody;
        },
      }),
    );
    return toDiskInfo(disk, 'data', undefined, readRawUsage(raw));
  }

  async deleteDisk(id: string, options?: OperationOptions): Promise<void> {
    const parts = parseResourceId(id);
    const poller = this.compute(parts.subscriptionId).disks.delete(
      parts.resourceGroup,
      parts.name,
      this.lroOptions(options),
    );
    await awaitPoller(poller, options);
  }

  async createRestorePoint(
    request: CreateRestorePointRequest,
    options?: OperationOptions,
  ): Promise<RestorePointInfo> {
    const client = this.compute(request.vm.subscriptionId);
    const collection = await callAzure(() =>
      client.restorePointCollections.createOrUpdate(
        request.vm.resourceGroup,
        request.collectionName,
        { location: request.location, source: { id: request.vm.id }, tags: request.tags },
        { abortSignal: options?.abortSignal },
      ),
    );
    const poller = client.restorePoints.create(
      request.vm.resourceGroup,
      request.collectionName,
      request.restorePointName,
      {},
      this.lroOptions(options),
    );
    const point = await awaitPoller(poller, options);
    return toRestorePointInfo(point, collection.id ?? '');
  }

  async getRestorePoint(vm: VmRef, collectionName: string, name: string, options?: OperationOptions) {
    const client = this.compute(vm.subscriptionId);
    const point = await callAzure(() =>
      client.restorePoints.get(vm.resourceGroup, collectionName, name, { abortSignal: options?.abortSignal }),
    );
    const collectionId = `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/restorePointCollections/${collectionName}`;
    return toRestorePointInfo(point, collectionId);
  }

  async deleteRestorePoint(
    vm: VmRef,
    collectionName: string,
    name: string,
    options?: OperationOptions,
  ): Promise<void> {
    const poller = this.compute(vm.subscriptionId).restorePoints.delete(
      vm.resourceGroup,
      collectionName,
      name,
      this.lroOptions(options),
    );
    await awaitPoller(poller, options);
  }
}

async function awaitPoller<T>(
  poller: PollerLike<OperationState<T>, T>,
  options?: OperationOptions,
): Promise<T> {
  return callAzure(async () => {
    if (options?.onPoll) poller.onProgress((state) => options.onPoll?.(state.status));
    return await poller;
  });
}

/** Keeps each item of a list page's raw body by lower-cased id, for fields the SDK does not model. */
function rememberRawItems(body: unknown, into: Map<string, unknown>): void {
  const items = (body as { value?: unknown[] } | undefined)?.value ?? [];
  for (const item of items) {
    const id = (item as { id?: unknown }).id;
    if (typeof id === 'string') into.set(id.toLowerCase(), item);
  }
}
