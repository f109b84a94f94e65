import { backupErrors } from './backup-errors.js';

/**
 * Azure Backup's `$filter`: clauses `name eq 'value'` joined by `and`, e.g.
 * `backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'`. Names are matched case-insensitively
 * against the ones the list supports; anything else is Azure's invalid-input error.
 */
export function readODataFilter(filter: string | null, supported: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  if (filter === null || filter.trim() === '') return values;
  for (const clause of filter.trim().split(/\s+and\s+/i)) {
    const match = /^\s*(\w+)\s+eq\s+'([^']*)'\s*$/i.exec(clause);
    const name = supported.find((candidate) => candidate.toLowerCase() === match?.[1]?.toLowerCase());
    if (!match || name === undefined) {
      throw backupErrors.invalidInput(
        `The $filter clause "${clause.trim()}" is not supported; use ${supported.map((s) => `${s} eq '...'`).join(', ')} joined by "and".`,
      );
    }
    values.set(name, match[2] ?? '');
  }
  return values;
}

/**
 * A filter time: `2016-01-01 10:30:00 AM` (the form Azure's own tools send, UTC) or ISO 8601.
 * Refused with the invalid-input error otherwise.
 */
export function readFilterTime(name: string, value: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(AM|PM)?$/i.exec(
    value.trim(),
  );
  if (local) {
    const [, year, month, day, hour, minute, second, half] = local;
    let hours = Number(hour);
    if (half?.toUpperCase() === 'AM' && hours === 12) hours = 0;
    if (half?.toUpperCase() === 'PM' && hours < 12) hours += 12;
    return Date.UTC(Number(year), Number(month) - 1, Number(day), hours, Number(minute), Number(second));
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw backupErrors.invalidInput(`The $filter value '${value}' of ${name} is not a date and time.`);
  }
  return parsed;
}
