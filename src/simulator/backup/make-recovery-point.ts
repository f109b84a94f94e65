import { resourceKey } from '../core/resource-id.js';
import { numericId } from './backup-ids.js';
import { recoveryPointId } from './backup-names.js';
import type {
  ProtectedItemRecord,
  RecoveryPointRecord,
  RecoveryPointType,
  RecoveryPointVm,
} from './backup-state.js';

const dayMs = 86_400_000;

/** A recovery point of `item` taken at `timeMs`; its name is a 14-digit number derived from `seed`. */
export function makeRecoveryPoint(input: {
  item: ProtectedItemRecord;
  seed: string;
  timeMs: number;
  type: RecoveryPointType;
  expiryMs: number;
  instantRestoreDays: number;
  policyName?: string;
  vm: RecoveryPointVm;
}): RecoveryPointRecord {
  const name = numericId(`recovery-point:${input.seed}`, 14);
  return {
    id: recoveryPointId(input.item.id, name),
    name,
    itemKey: resourceKey(input.item.id),
    timeMs: input.timeMs,
    type: input.type,
    expiryMs: input.expiryMs,
    instantExpiryMs: input.timeMs + input.instantRestoreDays * dayMs,
    ...(input.policyName ? { policyName: input.policyName } : {}),
    vm: input.vm,
  };
}

/** Windows VMs get application-consistent points, Linux file-system-consistent, stopped VMs crash-consistent. */
export function recoveryPointTypeOf(osType: 'Linux' | 'Windows', running: boolean): RecoveryPointType {
  if (!running) return 'CrashConsistent';
  return osType === 'Windows' ? 'AppConsistent' : 'FileSystemConsistent';
}
