/**
 * The Azure permissions the bot's identity needs, and nothing more: the one list behind the custom
 * role shipped in deploy/azure/recovery-chatops-bot-role.json (a test keeps the two equal), the
 * table in docs/real-azure.md, and the plain words a permission failure is told in. Each action is
 * what ARM checks for a request the bot sends (`by: 'request'`: read from the SDK calls in
 * src/azure/sdk-*.ts, and from every command run against the simulator, which checks them too), or
 * what only real Azure asks for (`by: 'azure'`: on the bot's behalf, per Microsoft's own lists named
 * with each, or at a URL the simulator spells otherwise). Names are Microsoft's spelling from the
 * resource provider operations lists.
 */

export const botRoleName = 'Recovery Chat-ops Bot';
export const botRoleFile = 'deploy/azure/recovery-chatops-bot-role.json';

export type Capability = 'snapshots' | 'vms' | 'backup' | 'site recovery' | 'network';

export interface BotRoleAction {
  action: string;
  capability: Capability;
  /** What the bot does with it, as a phrase after "may not": "create snapshots". */
  words: string;
  /**
   * `request`: ARM checks it on a request the bot sends (the simulator checks it too); `azure`: only
   * real Azure asks for it, on the bot's behalf or at a URL the simulator spells otherwise.
   */
  by: 'request' | 'azure';
  /** Why, when it is not obvious from the words (shown in docs/real-azure.md). */
  why?: string;
}

const backupItem = 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems';
const asr = 'Microsoft.RecoveryServices/vaults';

export const botRoleActions: readonly BotRoleAction[] = [
  // Snapshots, restore points and disks made from them.
  {
    action: 'Microsoft.Compute/snapshots/read',
    capability: 'snapshots',
    words: 'read snapshots',
    by: 'request',
  },
  {
    action: 'Microsoft.Compute/snapshots/write',
    capability: 'snapshots',
    words: 'create snapshots',
    by: 'request',
  },
  {
    action: 'Microsoft.Compute/snapshots/delete',
    capability: 'snapshots',
    words: 'delete snapshots',
    by: 'request',
    why: '`snapshot delete`, `snapshot prune`, and the rollback of a half-made set',
  },
  {
    action: 'Microsoft.Compute/disks/read',
    capability: 'snapshots',
    words: 'read managed disks',
    by: 'request',
  },
  {
    action: 'Microsoft.Compute/disks/write',
    capability: 'snapshots',
    words: 'create managed disks',
    by: 'request',
    why: '`disks from snapshot`',
  },
  {
    action: 'Microsoft.Compute/disks/delete',
    capability: 'snapshots',
    words: 'delete managed disks',
    by: 'request',
    why: 'only to roll back disks from a snapshot set that were not all made',
  },
  {
    action: 'Microsoft.Compute/restorePointCollections/write',
    capability: 'snapshots',
    words: 'create restore point collections',
    by: 'request',
    why: '`snapshot <vm> consistent`',
  },
  {
    action: 'Microsoft.Compute/restorePointCollections/restorePoints/read',
    capability: 'snapshots',
    words: 'read restore points',
    by: 'request',
  },
  {
    action: 'Microsoft.Compute/restorePointCollections/restorePoints/write',
    capability: 'snapshots',
    words: 'create restore points',
    by: 'request',
  },
  {
    action: 'Microsoft.Compute/restorePointCollections/restorePoints/delete',
    capability: 'snapshots',
    words: 'delete restore points',
    by: 'request',
    why: 'only to roll back a restore point that failed',
  },
  {
    action: 'Microsoft.Compute/locations/operations/read',
    capability: 'snapshots',
    words: "follow Compute's long-running operations",
    by: 'request',
    why: 'polls every Compute change to its end',
  },
  {
    action: 'Microsoft.Compute/locations/diskOperations/read',
    capability: 'snapshots',
    words: 'follow disk and snapshot operations',
    by: 'azure',
    why: 'real Azure follows disk and snapshot changes at .../locations/{region}/diskOperations/{id}',
  },
  // VMs.
  {
    action: 'Microsoft.Compute/virtualMachines/read',
    capability: 'vms',
    words: 'read virtual machines',
    by: 'request',
  },
  {
    action: 'Microsoft.Compute/virtualMachines/deallocate/action',
    capability: 'vms',
    words: 'stop (deallocate) virtual machines',
    by: 'request',
    why: '`restore ... replace` stops the VM first',
  },
  {
    action: 'Microsoft.Compute/virtualMachines/start/action',
    capability: 'vms',
    words: 'start virtual machines',
    by: 'request',
    why: '`restore ... replace` starts the VM again',
  },
  {
    action: 'Microsoft.Compute/virtualMachines/write',
    capability: 'vms',
    words: 'change virtual machines',
    by: 'azure',
    why: 'Azure Backup checks it on the VM for `enable backup` and every restore, and on the target group for `restore ... as new` (Microsoft: "Minimum role requirements for Azure VM backup")',
  },
  // Azure Backup, in the vaults of BACKUP_VAULT_IDS.
  {
    action: 'Microsoft.RecoveryServices/Vaults/backupProtectedItems/read',
    capability: 'backup',
    words: 'list the protected items of a vault',
    by: 'request',
  },
  {
    action: 'Microsoft.RecoveryServices/Vaults/backupPolicies/read',
    capability: 'backup',
    words: 'read backup policies',
    by: 'request',
    why: '`enable backup` picks the policy',
  },
  {
    action: `${backupItem}/write`,
    capability: 'backup',
    words: 'protect a VM with Azure Backup',
    by: 'request',
    why: '`enable backup`',
  },
  {
    action: `${backupItem}/backup/action`,
    capability: 'backup',
    words: 'take on-demand backups',
    by: 'request',
  },
  {
    action: `${backupItem}/operationsStatus/read`,
    capability: 'backup',
    words: "follow Azure Backup's operations",
    by: 'request',
  },
  {
    action: `${backupItem}/operationResults/read`,
    capability: 'backup',
    words: "read the results of Azure Backup's operations",
    by: 'request',
    why: "the SDK's restore and file-restore requests poll an operation's result",
  },
  {
    action: `${backupItem}/recoveryPoints/read`,
    capability: 'backup',
    words: 'read recovery points',
    by: 'request',
  },
  {
    action: `${backupItem}/recoveryPoints/restore/action`,
    capability: 'backup',
    words: 'restore from recovery points',
    by: 'request',
  },
  {
    action: `${backupItem}/recoveryPoints/provisionInstantItemRecovery/action`,
    capability: 'backup',
    words: 'mount recovery points for file restore',
    by: 'request',
  },
  {
    action: `${backupItem}/recoveryPoints/revokeInstantItemRecovery/action`,
    capability: 'backup',
    words: 'unmount recovery points after a file restore',
    by: 'request',
  },
  {
    action: 'Microsoft.RecoveryServices/Vaults/backupJobs/read',
    capability: 'backup',
    words: 'read backup jobs',
    by: 'request',
  },
  {
    action: 'Microsoft.RecoveryServices/Vaults/backupJobs/cancel/action',
    capability: 'backup',
    words: 'cancel backup jobs',
    by: 'request',
    why: '`cancel <job>`',
  },
  {
    action: 'Microsoft.Network/virtualNetworks/subnets/join/action',
    capability: 'backup',
    words: 'put a VM into a subnet',
    by: 'azure',
    why: 'Azure Backup checks it on the subnet of `restore ... as new` (Microsoft: "Minimum role requirements for Azure VM backup")',
  },
  {
    action: 'Microsoft.Storage/storageAccounts/write',
    capability: 'backup',
    words: 'stage a restore through a storage account',
    by: 'azure',
    why: 'Azure Backup checks it on RESTORE_STAGING_STORAGE_ACCOUNT_ID for restores of a new VM or disks (same source)',
  },
  {
    action: 'Microsoft.Resources/subscriptions/resourceGroups/write',
    capability: 'backup',
    words: 'restore into a resource group',
    by: 'azure',
    why: 'Azure Backup checks it on the target group of `restore ... as new` and `restore ... disks` (same source)',
  },
  // Site Recovery, in the vaults of SITE_RECOVERY_VAULT_IDS.
  {
    action: `${asr}/replicationProtectedItems/read`,
    capability: 'site recovery',
    words: 'read replicated items',
    by: 'request',
  },
  {
    action: `${asr}/replicationFabrics/replicationProtectionContainers/replicationProtectedItems/recoveryPoints/read`,
    capability: 'site recovery',
    words: 'read replication recovery points',
    by: 'request',
    why: '`dr drill <app> point app-consistent`',
  },
  {
    action: `${asr}/replicationRecoveryPlans/read`,
    capability: 'site recovery',
    words: 'read recovery plans',
    by: 'request',
  },
  {
    action: `${asr}/replicationRecoveryPlans/testFailover/action`,
    capability: 'site recovery',
    words: 'start test failovers (drills)',
    by: 'request',
  },
  {
    action: `${asr}/replicationRecoveryPlans/testFailoverCleanup/action`,
    capability: 'site recovery',
    words: 'clean up test failovers',
    by: 'request',
  },
  {
    action: `${asr}/replicationRecoveryPlans/plannedFailover/action`,
    capability: 'site recovery',
    words: 'start planned failovers',
    by: 'request',
    why: '`failover <app>` and `failback <app>`',
  },
  {
    action: `${asr}/replicationRecoveryPlans/unplannedFailover/action`,
    capability: 'site recovery',
    words: 'start unplanned failovers',
    by: 'request',
  },
  {
    action: `${asr}/replicationRecoveryPlans/failoverCommit/action`,
    capability: 'site recovery',
    words: 'commit failovers',
    by: 'request',
  },
  {
    action: `${asr}/replicationRecoveryPlans/failoverCancel/action`,
    capability: 'site recovery',
    words: 'cancel failovers',
    by: 'request',
  },
  {
    action: `${asr}/replicationRecoveryPlans/reProtect/action`,
    capability: 'site recovery',
    words: 'reprotect recovery plans',
    by: 'request',
  },
  {
    action: `${asr}/replicationJobs/read`,
    capability: 'site recovery',
    words: 'read Site Recovery jobs',
    by: 'request',
  },
  {
    action: `${asr}/replicationJobs/resume/action`,
    capability: 'site recovery',
    words: 'resume a plan waiting at its manual step',
    by: 'request',
    why: '`dr done <app>`',
  },
  {
    action: `${asr}/replicationOperationStatus/read`,
    capability: 'site recovery',
    words: "follow Site Recovery's operations",
    by: 'request',
  },
  // Network reads: the drill's isolation check.
  {
    action: 'Microsoft.Network/virtualNetworks/read',
    capability: 'network',
    words: 'read virtual networks',
    by: 'request',
    why: "the drill's isolation check (region, peerings), and `restore ... as new`",
  },
  {
    action: 'Microsoft.Network/networkInterfaces/read',
    capability: 'network',
    words: 'read network interfaces',
    by: 'request',
    why: "the drill's isolation check (which networks the protected VMs use)",
  },
];

/** The entry for an action, matched as ARM matches them: case-insensitively. */
export function botRoleActionOf(action: string): BotRoleAction | undefined {
  const wanted = action.toLowerCase();
  return botRoleActions.find((entry) => entry.action.toLowerCase() === wanted);
}

/**
 * An action in plain words: the bot's own words for its actions, else derived from the name
 * (`Microsoft.Foo/widgets/gadgets/write` -> "write widgets/gadgets (Microsoft.Foo)").
 */
export function actionInWords(action: string): string {
  const known = botRoleActionOf(action);
  if (known) return known.words;
  const [namespace = action, ...rest] = action.split('/');
  const verb = rest.at(-1) === 'action' ? `${rest.splice(-2, 2)[0] ?? 'act on'}` : (rest.pop() ?? 'use');
  return `${verb} ${rest.join('/') || 'resources'} (${namespace})`;
}
