import { ArmError } from '../core/arm-error.js';

/**
 * Azure Backup's errors. Codes and wording marked "Azure" come from the service (Microsoft's
 * troubleshooting docs and errors reported by SDK users); the others are the simulator's choice
 * where the service's exact answer is not documented (see README).
 */
export const backupErrors = {
  /** Azure. */
  itemNotFound: () =>
    new ArmError(
      404,
      'BMSUserErrorDataSourceObjectNotFound',
      'Item not found.\r\nSelected item might have been deleted. Please check if item is registered to the vault.',
    ),
  /** Azure's wording; the detail after it is the simulator's. */
  invalidInput: (detail: string) =>
    new ArmError(
      400,
      'BMSUserErrorInvalidInput',
      `Input provided for the call is invalid\r\nPlease check the required inputs. ${detail}`,
    ),
  /** Azure. */
  backupInProgress: () =>
    new ArmError(
      400,
      'UserErrorBackupOperationInProgress',
      'Unable to initiate backup as another backup operation is currently in progress',
    ),
  /** Azure (restore from a recovery point that no longer exists). */
  instantRpNotFound: () =>
    new ArmError(
      400,
      'UserErrorInstantRpNotFound',
      'Restore failed because the snapshot of the VM was not found. The snapshot could have been deleted, please check.',
    ),
  /** Azure's code; the wording names the restore case. */
  vmNotInDesirableState: (message: string) => new ArmError(400, 'UserErrorVmNotInDesirableState', message),
  /** Simulator's choice. */
  recoveryPointNotFound: (name: string, vmName: string) =>
    new ArmError(
      404,
      'RecoveryPointNotFound',
      `Recovery point '${name}' was not found for the backup item '${vmName}'. It may have expired or been deleted; list the recovery points of the item and pick another one.`,
    ),
  /** Simulator's choice. */
  policyNotFound: (name: string) =>
    new ArmError(404, 'BMSUserErrorPolicyNotFound', `Policy '${name}' was not found in the vault.`),
  /** Simulator's choice. */
  jobNotFound: (name: string) =>
    new ArmError(404, 'BMSUserErrorJobNotFound', `Job '${name}' was not found in the vault.`),
  /** Simulator's choice. */
  jobNotCancellable: (name: string, status: string) =>
    new ArmError(
      400,
      'BMSUserErrorJobNotCancellable',
      `Job '${name}' cannot be cancelled: only backup and restore jobs in progress can be (status ${status}).`,
    ),
  /** Simulator's choice, in the core's wording for operation ids. */
  operationNotFound: () => new ArmError(404, 'NotFound', 'The entity was not found in this Azure location.'),
};
