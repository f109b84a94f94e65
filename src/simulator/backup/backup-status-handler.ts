import { ownValue } from '../core/own-property.js';
import { readString } from '../core/read-arm-body.js';
import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { backupErrors } from './backup-errors.js';
import { itemRefOf } from './backup-scope.js';
import { isRunning } from './job-lifecycle.js';

/**
 * POST /Subscriptions/{s}/providers/Microsoft.RecoveryServices/locations/{region}/backupStatus
 * `{resourceType: "VM", resourceId}`: whether and where a VM is backed up (REST spec's
 * BackupStatus_Get example). An unprotected VM: `{protectionStatus: "NotProtected"}`; one whose
 * protection is being configured: "Protecting".
 */
export function getBackupStatus(context: RouteContext): ArmResult {
  const body = context.readBody();
  const resourceId = readString(body.resourceId, 'resourceId');
  if (!resourceId) throw backupErrors.invalidInput("The request body needs 'resourceId', the VM's id.");
  const subscriptionId = (context.params.subscriptionId ?? '').toLowerCase();
  const item = Object.values(context.state.backup.protectedItems).find(
    (candidate) =>
      resourceKey(candidate.vmId) === resourceKey(resourceId) &&
      candidate.subscriptionId.toLowerCase() === subscriptionId,
  );
  const vault = item ? ownValue(context.state.backup.vaults, item.vaultKey) : undefined;
  if (!item || !vault) return { status: 200, body: { protectionStatus: 'NotProtected' } };
  const policy = item.policyKey ? ownValue(context.state.backup.policies, item.policyKey) : undefined;
  const itemKey = resourceKey(item.id);
  const configuring = Object.values(context.state.backup.jobs).some(
    (job) => job.itemKey === itemKey && job.operation === 'ConfigureBackup' && isRunning(job),
  );
  const ref = itemRefOf(item);
  return {
    status: 200,
    body: {
      protectionStatus: configuring ? 'Protecting' : 'Protected',
      vaultId: vault.id,
      fabricName: 'Azure',
      containerName: `iaasvmcontainer;iaasvmcontainerv2;${ref.resourceGroup};${ref.vmName}`,
      protectedItemName: `vm;iaasvmcontainerv2;${ref.resourceGroup};${ref.vmName}`,
      errorCode: 'Success',
      errorMessage: '',
      policyName: policy?.name ?? '',
      registrationStatus: 'Registered',
    },
  };
}
