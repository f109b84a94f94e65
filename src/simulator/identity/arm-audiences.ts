/**
 * The audiences Azure Resource Manager accepts in a token, exactly as ARM lists them in its
 * InvalidAuthenticationTokenAudience message ("It should exactly match with one of the allowed
 * audiences ...").
 */
export const armAudiences = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
] as const;

export function isArmAudience(audience: unknown): boolean {
  return typeof audience === 'string' && (armAudiences as readonly string[]).includes(audience);
}
