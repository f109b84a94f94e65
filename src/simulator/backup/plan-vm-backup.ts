import { ownValue } from '../core/own-property.js';
import { resourceKey } from '../core/resource-id.js';
import type { SimulatorState } from '../core/simulator-state.js';
import type {
  JobErrorRecord,
  ProtectedItemRecord,
  RecoveryPointRecord,
  RecoveryPointType,
  RecoveryPointVm,
} from './backup-state.js';
import { captureVm, changedBytesSince } from './capture-vm.js';
import { jobErrors } from './job-errors.js';
import { recoveryPointTypeOf } from './make-recovery-point.js';

/**
 * What a backup of `item` at `atMs` captures and moves (the blocks changed since `previous`, the
 * newest recovery point), the recovery point type it leaves (AppConsistent / FileSystemConsistent
 * when the VM runs, CrashConsistent when it does not), and whether the VM's state makes it fail. The
 * same for on-demand and scheduled backups.
 */
export interface VmBackupPlan {
  vm: RecoveryPointVm;
  transferBytes: number;
  type: RecoveryPointType;
  failure?: JobErrorRecord;
}

export function planVmBackup(
  state: SimulatorState,
  item: ProtectedItemRecord,
  atMs: number,
  previous: RecoveryPointRecord | undefined,
): VmBackupPlan {
  const vm = ownValue(state.compute.virtualMachines, resourceKey(item.vmId));
  const captured: RecoveryPointVm = vm
    ? captureVm(state.compute, vm)
    : (previous?.vm ?? emptyVm(item.osType));
  const failure: JobErrorRecord | undefined = !vm
    ? jobErrors.fromFault('UserErrorVmNotFound', 'The VM no longer exists.')
    : vm.provisioningState === 'Failed'
      ? jobErrors.vmNotInDesirableState()
      : undefined;
  return {
    vm: captured,
    transferBytes: changedBytesSince(captured, previous?.timeMs, atMs),
    type: recoveryPointTypeOf(item.osType, vm?.powerState === 'running' && !vm.transitionState),
    ...(failure ? { failure } : {}),
  };
}

function emptyVm(osType: 'Linux' | 'Windows'): RecoveryPointVm {
  return {
    size: '',
    osType,
    image: { publisher: '', offer: '', sku: '', version: '' },
    computerName: '',
    adminUsername: '',
    disks: [],
  };
}
