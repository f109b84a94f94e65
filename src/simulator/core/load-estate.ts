import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { findIdentityProblems } from '../identity/find-identity-problems.js';
import { findNetworkReferenceProblems } from '../network/check-network-references.js';
import { type Estate, estateSchema } from './estate-schema.js';

/**
 * Reads and validates an estate file. Every problem is reported with the file and the JSON path of
 * the bad field (`subscriptions[0].resourceGroups[1].virtualMachines[0].osDisk.usedGB: ...`), so that
 * a hand-edited or generated estate can be fixed without guessing.
 */
export async function loadEstate(estatePath: string): Promise<Estate> {
  let text: string;
  try {
    text = await readFile(estatePath, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the simulator estate file ${estatePath}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`The simulator estate file ${estatePath} is not valid JSON: ${(error as Error).message}`);
  }
  return parseEstate(json, estatePath);
}

export function parseEstate(json: unknown, source: string): Estate {
  const parsed = estateSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Invalid simulator estate ${source}:\n${formatIssues(parsed.error.issues)}`);
  }
  const problems = findReferenceProblems(parsed.data);
  if (problems.length > 0) {
    throw new Error(`Invalid simulator estate ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return parsed.data;
}

function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`).join('\n');
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** Cross-references zod cannot see: unique names, and VMs/groups named by later sections exist. */
function findReferenceProblems(estate: Estate): string[] {
  const problems: string[] = [];
  const vms = new Set<string>();
  const groups = new Set<string>();
  estate.subscriptions.forEach((subscription, s) => {
    const seenGroups = new Set<string>();
    subscription.resourceGroups.forEach((group, g) => {
      const where = `subscriptions[${s}].resourceGroups[${g}]`;
      if (seenGroups.has(group.name.toLowerCase()))
        problems.push(`${where}.name: duplicate resource group '${group.name}'`);
      seenGroups.add(group.name.toLowerCase());
      groups.add(`${subscription.subscriptionId}/${group.name}`.toLowerCase());
      problems.push(...findDuplicateResourceNames(group, where));
      for (const vm of group.virtualMachines) vms.add(`${group.name}/${vm.name}`.toLowerCase());
    });
  });
  const known: KnownNames = { vms, groups, problems };
  problems.push(...findNetworkReferenceProblems(estate));
  estate.backup?.vaults.forEach((vault, v) => {
    checkBackupVault(vault, `backup.vaults[${v}]`, known);
  });
  estate.siteRecovery?.vaults.forEach((vault, v) => {
    checkSiteRecoveryVault(vault, `siteRecovery.vaults[${v}]`, known);
  });
  if (estate.identity) {
    const subscriptionIds = estate.subscriptions.map((subscription) => subscription.subscriptionId);
    problems.push(...findIdentityProblems(estate.identity, subscriptionIds));
  }
  return problems;
}

interface KnownNames {
  vms: Set<string>;
  groups: Set<string>;
  problems: string[];
}

function checkVm(ref: string, where: string, known: KnownNames): void {
  if (!known.vms.has(ref.toLowerCase())) known.problems.push(`${where}: no VM '${ref}' in the estate`);
}

function checkGroup(subscriptionId: string, group: string, where: string, known: KnownNames): void {
  if (!known.groups.has(`${subscriptionId}/${group}`.toLowerCase())) {
    known.problems.push(`${where}: no resource group '${group}' in subscription ${subscriptionId}`);
  }
}

function checkBackupVault(
  vault: NonNullable<Estate['backup']>['vaults'][number],
  where: string,
  known: KnownNames,
): void {
  checkGroup(vault.subscriptionId, vault.resourceGroup, `${where}.resourceGroup`, known);
  const policies = new Set(vault.policies.map((p) => p.name));
  vault.protectedVms.forEach((item, i) => {
    checkVm(item.vm, `${where}.protectedVms[${i}].vm`, known);
    if (!policies.has(item.policy))
      known.problems.push(`${where}.protectedVms[${i}].policy: no policy '${item.policy}' in the vault`);
  });
}

function checkSiteRecoveryVault(
  vault: NonNullable<Estate['siteRecovery']>['vaults'][number],
  where: string,
  known: KnownNames,
): void {
  checkGroup(vault.subscriptionId, vault.resourceGroup, `${where}.resourceGroup`, known);
  vault.replicatedVms.forEach((item, i) => {
    checkVm(item.vm, `${where}.replicatedVms[${i}].vm`, known);
  });
  const replicated = new Set(vault.replicatedVms.map((item) => item.vm.toLowerCase()));
  vault.recoveryPlans.forEach((plan, p) => {
    plan.bootGroups.forEach((group, g) => {
      group.vms.forEach((ref, i) => {
        if (!replicated.has(ref.toLowerCase())) {
          known.problems.push(
            `${where}.recoveryPlans[${p}].bootGroups[${g}].vms[${i}]: '${ref}' is not replicated by the vault`,
          );
        }
      });
    });
  });
}

function findDuplicateResourceNames(
  group: Estate['subscriptions'][number]['resourceGroups'][number],
  where: string,
): string[] {
  const problems: string[] = [];
  const vmNames = new Set<string>();
  const diskNames = new Set<string>();
  const addDisk = (diskName: string, path: string) => {
    if (diskNames.has(diskName.toLowerCase())) problems.push(`${path}: duplicate disk name '${diskName}'`);
    diskNames.add(diskName.toLowerCase());
  };
  group.virtualMachines.forEach((vm, i) => {
    if (vmNames.has(vm.name.toLowerCase()))
      problems.push(`${where}.virtualMachines[${i}].name: duplicate VM '${vm.name}'`);
    vmNames.add(vm.name.toLowerCase());
    addDisk(vm.osDisk.name ?? defaultOsDiskName(vm.name), `${where}.virtualMachines[${i}].osDisk`);
    const luns = new Set<number>();
    vm.dataDisks.forEach((disk, d) => {
      if (luns.has(disk.lun))
        problems.push(`${where}.virtualMachines[${i}].dataDisks[${d}].lun: duplicate lun ${disk.lun}`);
      luns.add(disk.lun);
      addDisk(
        disk.name ?? defaultDataDiskName(vm.name, disk.lun),
        `${where}.virtualMachines[${i}].dataDisks[${d}]`,
      );
    });
  });
  group.disks.forEach((disk, d) => {
    addDisk(disk.name, `${where}.disks[${d}].name`);
  });
  return problems;
}

export function defaultOsDiskName(vmName: string): string {
  return `${vmName}-osdisk`;
}

export function defaultDataDiskName(vmName: string, lun: number): string {
  return `${vmName}-datadisk-${lun}`;
}
