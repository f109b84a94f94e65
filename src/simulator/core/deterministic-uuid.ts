import { createHash } from 'node:crypto';

/**
 * A UUID derived from a seed, so that resources built from the estate keep the same vmId/uniqueId
 * every time the estate is loaded (later resource providers refer to them).
 */
export function deterministicUuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  // Shape it as a version-5 style UUID: version nibble 5, variant bits 10.
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
