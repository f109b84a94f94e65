import type { ArgSpec, ArgType } from './command-spec.js';
import { DAY_MS, parseDuration } from './parse-duration.js';
import { formatPointTime, readPointTime } from './point-time.js';

export type ArgValue = string | number | boolean;
/** Which rule a value broke; the caller words it with the type's allowed values. */
export type InvalidReason = 'name' | 'zero' | 'too-big' | 'too-long';
export type Validation = { ok: true; value: ArgValue } | { ok: false; reason: InvalidReason };

/** Azure's naming rules, so a bad name is refused before anything is asked of Azure. */
const VM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9_]$|^[A-Za-z0-9]$/;
const NAME_80 = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9_])?$/;
const RESOURCE_GROUP = /^[\p{L}\p{N}._()-]{0,89}[\p{L}\p{N}_()-]$/u;
const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const VNET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9_]$/;
const POLICY_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,149}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const RECOVERY_POINT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;
const MAX_TEXT = 500;
const MAX_COUNT = 200;

const PATTERNS: Partial<Record<ArgType, RegExp>> = {
  snapshotName: NAME_80,
  snapshotSet: NAME_80,
  subnet: NAME_80,
  resourceGroup: RESOURCE_GROUP,
  app: APP_NAME,
  vnet: VNET_NAME,
  policyName: POLICY_NAME,
  jobId: ID,
  reportId: ID,
};

/** Checks one raw value against its argument's type and returns it in canonical form. */
export function validateArgValue(arg: ArgSpec, raw: string): Validation {
  const value = raw.trim();
  switch (arg.type) {
    case 'vm':
      return validateVm(value);
    case 'duration':
      return validateDuration(arg, value);
    case 'count':
      return validateCount(value);
    case 'recoveryPoint':
      return validateRecoveryPoint(value);
    case 'time':
      return validateTime(value);
    case 'enum':
      return validateEnum(arg, value);
    case 'flag':
      return ok(true);
    case 'text':
    case 'topic':
      return value.length <= MAX_TEXT ? ok(value) : bad('too-long');
    default:
      return validateByPattern(arg.type, value);
  }
}

function validateByPattern(type: ArgType, value: string): Validation {
  const pattern = PATTERNS[type];
  const cleaned = type === 'jobId' || type === 'reportId' ? value.replace(/^#/, '') : value;
  return pattern?.test(cleaned) ? ok(cleaned) : bad('name');
}

function validateDuration(arg: ArgSpec, value: string): Validation {
  const duration = parseDuration(value);
  if (!duration) return bad('name');
  if (duration.milliseconds === 0 && !arg.allowZero) return bad('zero');
  if (duration.milliseconds > (arg.maxDays ?? 365) * DAY_MS) return bad('too-big');
  return ok(duration.text);
}

function validateCount(value: string): Validation {
  if (!/^\d{1,6}$/.test(value)) return bad('name');
  const count = Number(value);
  return count >= 1 && count <= MAX_COUNT ? ok(count) : bad('too-big');
}

function validateRecoveryPoint(value: string): Validation {
  if (value.toLowerCase() === 'latest') return ok('latest');
  const time = readPointTime(value);
  if (ISO_TIME.test(value)) return time ? ok(value) : bad('name');
  // `yesterday 18:00`, `2h ago`, `today 06:00`: read against the clock when the command runs.
  if (time) return ok(formatPointTime(time));
  // Date-like but malformed ("2025-13-45T99") is a mistyped time, not an id.
  if (/^\d{4}-\d{2}-/.test(value)) return bad('name');
  return RECOVERY_POINT_ID.test(value) ? ok(value) : bad('name');
}

/** `since 7d` keeps its spelling; other times get one (`yesterday 18:00`, `2h ago`). */
function validateTime(value: string): Validation {
  const time = readPointTime(value);
  if (!time) return bad('name');
  return ok(parseDuration(value)?.text ?? formatPointTime(time));
}

function validateEnum(arg: ArgSpec, value: string): Validation {
  const wanted = compact(value);
  const match = arg.values?.find((candidate) => compact(candidate) === wanted);
  return match ? ok(match) : bad('name');
}

/** `app-consistent`, `appconsistent` and `App_Consistent` are the same choice. */
function compact(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '');
}

function ok(value: ArgValue): Validation {
  return { ok: true, value };
}

function bad(reason: InvalidReason): Validation {
  return { ok: false, reason };
}

/** A VM name, or `<resource group>/<vm>` to pick one of several VMs of the same name. */
function validateVm(value: string): Validation {
  const parts = value.split('/');
  const name = parts.at(-1) ?? '';
  const nameOk = VM_NAME.test(name) && !name.includes('..');
  if (parts.length === 1) return nameOk ? ok(value) : bad('name');
  const groupOk = parts.length === 2 && RESOURCE_GROUP.test(parts[0] ?? '');
  return nameOk && groupOk ? ok(value) : bad('name');
}
