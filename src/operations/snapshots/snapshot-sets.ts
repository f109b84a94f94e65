import { randomBytes } from 'node:crypto';
import type { AzurePort, SnapshotInfo, VmRef } from '../../azure/azure-port.js';

/**
 * A snapshot set is the snapshots of all disks of one VM taken by one command. Its members carry
 * these tags, so a set can be found again from Azure alone (no local state needed after a restart).
 */
export const setTags = {
  set: 'chatops-set',
  vm: 'chatops-vm',
  disk: 'chatops-disk',
  role: 'chatops-disk-role',
  requestedBy: 'chatops-requested-by',
  expires: 'chatops-expires',
} as const;

export interface SnapshotSet {
  id: string;
  vmId: string;
  vmName: string;
  createdAt: Date | undefined;
  incremental: boolean;
  snapshots: SnapshotInfo[];
  billedGB: number | undefined;
  expires: Date | undefined;
}

/**
 * "vm-sql-01-20261124-071201-3f9a": readable and sortable; the random tail keeps two commands in the
 * same second (a double click) from sharing names, and so from rolling back each other's work.
 */
export function newSetId(vmName: string, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${vmName.slice(0, 50)}-${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Snapshot name: the set id and the disk's place on the VM (os, lun0, lun1...); at most 80 chars. */
export function snapshotName(setId: string, role: 'os' | 'data', lun: number | undefined): string {
  return `${setId}-${role === 'os' ? 'os' : `lun${lun ?? 0}`}`;
}

export function groupIntoSets(snapshots: SnapshotInfo[]): SnapshotSet[] {
  const bySet = new Map<string, SnapshotInfo[]>();
  for (const snapshot of snapshots) {
    const id = snapshot.tags[setTags.set];
    if (!id) continue;
    bySet.set(id, [...(bySet.get(id) ?? []), snapshot]);
  }
  return [...bySet.entries()]
    .map(([id, members]) => toSet(id, members))
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

function toSet(id: string, members: SnapshotInfo[]): SnapshotSet {
  const first = members[0];
  const times = members.map((s) => s.timeCreated?.getTime()).filter((t): t is number => t !== undefined);
  const billed = members.map((s) => s.billedGB);
  const expires = first?.tags[setTags.expires];
  const vmId = first?.tags[setTags.vm] ?? '';
  return {
    id,
    vmId,
    vmName: vmId.split('/').pop() ?? '',
    createdAt: times.length > 0 ? new Date(Math.min(...times)) : undefined,
    incremental: members.every((s) => s.incremental),
    snapshots: members.sort((a, b) => a.name.localeCompare(b.name)),
    billedGB: billed.every((b) => b !== undefined) ? billed.reduce((sum, b) => sum + (b ?? 0), 0) : undefined,
    expires: expires && !Number.isNaN(Date.parse(expires)) ? new Date(expires) : undefined,
  };
}

/** Every snapshot set of the VM, newest first. */
export async function listSetsOfVm(
  azure: AzurePort,
  vm: VmRef,
  signal?: AbortSignal,
): Promise<SnapshotSet[]> {
  const snapshots = await azure.listSnapshots(vm.subscriptionId, { abortSignal: signal });
  const vmId = vm.id.toLowerCase();
  return groupIntoSets(snapshots.filter((s) => s.tags[setTags.vm]?.toLowerCase() === vmId));
}

/** Every snapshot set in the managed subscriptions, newest first. */
export async function listAllSets(azure: AzurePort, signal?: AbortSignal): Promise<SnapshotSet[]> {
  const all = await Promise.all(
    azure.subscriptionIds.map((s) => azure.listSnapshots(s, { abortSignal: signal })),
  );
  return groupIntoSets(all.flat());
}
