import { ArmError } from '../core/arm-error.js';

/**
 * DiskRP's naming rule for disks and snapshots: 1-80 letters, digits, `_`, `-` and `.`, starting
 * with a letter or digit and ending with a letter, digit or `_`. Azure answers a bad name with
 * `InvalidParameter: The value of parameter snapshot.name is invalid.`
 */
const diskNamePattern = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

export function assertDiskResourceName(name: string, kind: 'disk' | 'snapshot'): void {
  if (!diskNamePattern.test(name)) {
    throw ArmError.invalidParameter(`The value of parameter ${kind}.name is invalid.`, `${kind}.name`);
  }
}
