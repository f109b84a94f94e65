import { createHash } from 'node:crypto';
import type { JobErrorRecord } from './backup-state.js';

/**
 * The errors backup and restore jobs report in `errorDetails[]`. Codes and messages are Azure's
 * (Microsoft's Azure VM backup troubleshooting guide); recommendations paraphrase its advice.
 */
export const jobErrors = {
  guestAgentUnavailable: (): JobErrorRecord => ({
    code: 'UserErrorGuestAgentStatusUnavailable',
    message: 'VM Agent unable to communicate with Azure Backup',
    recommendations: [
      'Ensure the VM agent is installed, running and up to date, and that the VM can reach Azure, then retry the operation.',
    ],
  }),
  vmNotInDesirableState: (): JobErrorRecord => ({
    code: 'UserErrorVmNotInDesirableState',
    message: 'VM is not in a state that allows backups.',
    recommendations: [
      'The VM is in a failed state. For a successful backup the VM should be running, stopped or stopped (deallocated); fix the VM and retry.',
    ],
  }),
  crashConsistentFallback: (): JobErrorRecord => ({
    code: 'UserErrorVssWriterTimeout',
    message:
      'An application-consistent snapshot could not be taken because a VSS writer timed out; a crash-consistent recovery point was created instead.',
    recommendations: [
      'Check the VSS writers of the VM (vssadmin list writers) and restart the ones in a failed state.',
    ],
  }),
  fsFreezeFallback: (): JobErrorRecord => ({
    code: 'UserErrorFsFreezeFailed',
    message:
      'Failed to freeze one or more mount-points of the VM to take a file-system consistent snapshot; a crash-consistent recovery point was created instead.',
    recommendations: [
      'Unmount the devices whose file-system state was not cleaned, check them with fsck, mount them again and retry the backup.',
    ],
  }),
  instantRpNotFound: (): JobErrorRecord => ({
    code: 'UserErrorInstantRpNotFound',
    message:
      'Restore failed because the snapshot of the VM was not found. The snapshot could have been deleted, please check.',
    recommendations: ['Restore the VM from a different recovery point.'],
  }),
  fromFault: (code: string, message: string): JobErrorRecord => ({
    code,
    message,
    recommendations: [
      'Wait for a few minutes and then try the operation again. If the issue persists, please contact Microsoft support.',
    ],
  }),
};

/**
 * `AzureIaaSVMErrorInfo.errorCode` is a number in the API; Azure's numbers are not documented, so
 * the simulator derives a stable one from the code, which it reports as `errorTitle`.
 */
export function numericErrorCode(code: string): number {
  return 100000 + (Number.parseInt(createHash('sha256').update(code).digest('hex').slice(0, 8), 16) % 900000);
}
