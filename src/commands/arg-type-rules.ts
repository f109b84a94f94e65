import type { ArgType } from './command-spec.js';

/** What users read about each argument type: in messages, help and the README. */
export interface ArgTypeRule {
  /** For "needs a VM name". */
  noun: string;
  /** What is allowed, for "not a valid VM name: use ...". Empty when anything goes. */
  allowed: string;
  placeholder: string;
  /**
   * Words people put before a value ("snapshot vm vm-web-01", "cancel job j-1"), dropped right
   * after the command words when a value follows.
   */
  leadNouns: readonly string[];
}

const NAME_RULE_80 =
  '1-80 letters, digits, `_`, `-` or `.`, starting with a letter or digit and ending with a letter, digit or `_`';
const ID_RULE = '1-64 letters, digits, `-`, `_` or `.`, starting with a letter or digit';

export const ARG_TYPE_RULES: Record<ArgType, ArgTypeRule> = {
  vm: {
    noun: 'a VM name',
    allowed:
      '1-64 letters, digits, `-`, `_` or `.` (no `..`), starting with a letter or digit and ending with a letter, digit or `_`; `<rg>/<vm>` picks one of two same-named VMs',
    placeholder: '<vm>',
    leadNouns: ['vm', 'machine', 'server', 'virtual machine'],
  },
  app: {
    noun: 'an app (recovery plan) name',
    allowed: '1-64 letters, digits, `-` or `_`, starting with a letter or digit',
    placeholder: '<app>',
    leadNouns: ['app', 'plan', 'recovery plan', 'application'],
  },
  resourceGroup: {
    noun: 'a resource group name',
    allowed: '1-90 letters, digits, `-`, `_`, `.`, `(` or `)`, not ending with `.`',
    placeholder: '<rg>',
    leadNouns: ['rg', 'resource group', 'group'],
  },
  duration: {
    noun: 'a duration',
    allowed: 'a number and a unit: `30m`, `12h`, `7d` or `2w`',
    placeholder: '<duration>',
    leadNouns: [],
  },
  snapshotName: {
    noun: 'a snapshot name',
    allowed: NAME_RULE_80,
    placeholder: '<name>',
    leadNouns: ['snapshot'],
  },
  snapshotSet: {
    noun: 'a snapshot set id',
    allowed: NAME_RULE_80,
    placeholder: '<set>',
    leadNouns: ['set', 'snapshot set'],
  },
  jobId: { noun: 'a job id', allowed: ID_RULE, placeholder: '<job>', leadNouns: ['job'] },
  reportId: { noun: 'a report id', allowed: ID_RULE, placeholder: '<id>', leadNouns: ['report'] },
  count: { noun: 'a number', allowed: 'a whole number from 1 to 200', placeholder: 'n', leadNouns: ['last'] },
  recoveryPoint: {
    noun: 'a recovery point',
    allowed:
      '`latest`, a time (`yesterday 18:00`, `2h ago`, `today 06:00`, `2026-12-07 18:00`, in UTC unless it names an offset) or a recovery point id',
    placeholder: '<rp>',
    leadNouns: [],
  },
  time: {
    noun: 'a time',
    allowed:
      '`7d` or `2h ago` (that long ago), `yesterday 18:00`, `today 06:00`, `18:00` or `2026-12-07 18:00` (UTC)',
    placeholder: '<time>',
    leadNouns: [],
  },
  vnet: {
    noun: 'a virtual network name',
    allowed:
      '2-64 letters, digits, `-`, `_` or `.`, starting with a letter or digit and ending with a letter, digit or `_`',
    placeholder: '<vnet>',
    leadNouns: ['network', 'vnet'],
  },
  subnet: { noun: 'a subnet name', allowed: NAME_RULE_80, placeholder: '<subnet>', leadNouns: ['subnet'] },
  policyName: {
    noun: 'a backup policy name',
    allowed: '1-150 letters, digits, `-` or `_`, starting with a letter',
    placeholder: '<policy>',
    leadNouns: ['policy'],
  },
  text: { noun: 'some text', allowed: 'up to 500 characters', placeholder: '"..."', leadNouns: [] },
  topic: { noun: 'a command', allowed: '', placeholder: '<cmd>', leadNouns: [] },
  enum: { noun: 'a choice', allowed: '', placeholder: '<choice>', leadNouns: [] },
  flag: { noun: 'a flag', allowed: '', placeholder: '', leadNouns: [] },
};
