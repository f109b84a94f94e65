import { createHash } from 'node:crypto';

/**
 * A decimal id of `digits` digits derived from a seed, shaped like Azure Backup's recovery point
 * names ("22244821112382") and protectedItemDataIds: deterministic for the estate, so that ids stay
 * the same every time the estate is loaded.
 */
export function numericId(seed: string, digits: number): string {
  const value = BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`);
  const span = 9n * 10n ** BigInt(digits - 1);
  return String(10n ** BigInt(digits - 1) + (value % span));
}

/** A number in [0, 1) derived from a seed, for deterministic jitter in the estate's history. */
export function unitFraction(seed: string): number {
  return Number.parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) / 2 ** 32;
}
