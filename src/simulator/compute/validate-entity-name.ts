import { ArmError } from '../core/arm-error.js';

/**
 * ComputeRP's naming rule for its own entities (restore point collections, restore points, ...):
 * Azure answers a bad name with `InvalidParameter`, "The entity name 'restorePointCollectionName' is
 * invalid according to its validation rule: ^[^_\W][\w-._]{0,79}(?<![-.])$." (.NET's `\w`: letters,
 * digits and `_` of any script). So 1-80 characters, no `/` or `\`, not starting with `_` and not
 * ending with `-` or `.`.
 */
const computeEntityRule = String.raw`^[^_\W][\w-._]{0,79}(?<![-.])$`;
const computeEntityPattern = /^[\p{L}\p{Nd}][\p{L}\p{Nd}_.-]{0,79}(?<![-.])$/u;

export function assertComputeEntityName(name: string, parameter: string): void {
  if (!computeEntityPattern.test(name)) {
    throw ArmError.invalidParameter(
      `The entity name '${parameter}' is invalid according to its validation rule: ${computeEntityRule}.`,
      parameter,
    );
  }
}
