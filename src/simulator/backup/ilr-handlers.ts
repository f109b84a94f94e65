import { resourceKey } from '../core/resource-id.js';
import type { ArmResult, RouteContext } from '../core/route-types.js';
import { acceptedOperation } from './backup-async.js';
import { backupErrors } from './backup-errors.js';
import { findRecoveryPoint, requireItem } from './backup-scope.js';
import { assertSameRecoveryPoint, readBackupProperties } from './read-backup-body.js';

/**
 * Item-level recovery (file restore). provisionInstantItemRecovery `{properties: {objectType:
 * "IaasVMILRRegistrationRequest", recoveryPointId, virtualMachineId, initiatorName?,
 * renewExistingRegistration?}}` answers 202 with the async headers; after 60 simulated seconds the
 * operation status carries `properties.recoveryTarget.clientScripts[]` and the recovery point shows
 * `isInstantIlrSessionActive: true` for 12 hours. revokeInstantItemRecovery (202) ends the session.
 */
export function provisionIlr(context: RouteContext): ArmResult {
  const { vault, item } = requireItem(context);
  const name = context.params.recoveryPointId ?? '';
  const point = findRecoveryPoint(context.state, item, name, context.nowMs);
  if (!point) throw backupErrors.instantRpNotFound();
  const properties = readBackupProperties(context, ['IaasVMILRRegistrationRequest']);
  assertSameRecoveryPoint(properties, name);
  return start(context, {
    vault,
    item,
    pointKey: resourceKey(point.id),
    kind: 'backup.provisionIlr',
    seconds: 60,
  });
}

export function revokeIlr(context: RouteContext): ArmResult {
  const { vault, item } = requireItem(context);
  const point = findRecoveryPoint(context.state, item, context.params.recoveryPointId ?? '', context.nowMs);
  if (!point) throw backupErrors.instantRpNotFound();
  return start(context, {
    vault,
    item,
    pointKey: resourceKey(point.id),
    kind: 'backup.revokeIlr',
    seconds: 20,
  });
}

function start(
  context: RouteContext,
  input: {
    vault: { subscriptionId: string; location: string };
    item: { id: string };
    pointKey: string;
    kind: string;
    seconds: number;
  },
): ArmResult {
  const operation = context.startOperation({
    namespace: 'Microsoft.RecoveryServices',
    kind: input.kind,
    subscriptionId: input.vault.subscriptionId,
    location: input.vault.location,
    resourceId: input.item.id,
    durationSeconds: input.seconds,
    payload: { recoveryPointKey: input.pointKey },
  });
  return acceptedOperation(context, operation, {
    statusPath: `${input.item.id}/operationsStatus/${operation.id}`,
    resultPath: `${input.item.id}/operationResults/${operation.id}`,
  });
}
