import type { Directory } from './create-directory.js';

/**
 * The tenant an authority path names: the directory's tenant id, one of Entra's aliases for "the
 * tenant of the app" (`common`, `organizations`) or `adfs`, the path Azure Stack's AD FS authority
 * uses (the Azure CLI signs in there without asking login.microsoftonline.com about the host, so it
 * works offline). All mean the one tenant the simulator has.
 */
export interface AuthorityTenant {
  /** As the path gave it, for the endpoints the documents list. */
  pathTenant: string;
  tenantId: string;
  adfs: boolean;
}

const aliases = new Set(['common', 'organizations', 'adfs']);

export function resolveTenant(segment: string, directory: Directory): AuthorityTenant | undefined {
  const lower = segment.toLowerCase();
  if (lower === directory.tenantId.toLowerCase())
    return { pathTenant: directory.tenantId, tenantId: directory.tenantId, adfs: false };
  if (aliases.has(lower)) return { pathTenant: lower, tenantId: directory.tenantId, adfs: lower === 'adfs' };
  return undefined;
}

/** The issuer of tokens from this authority, as its openid configuration states it. */
export function issuerOf(origin: string, tenant: AuthorityTenant, version: '1.0' | '2.0'): string {
  if (tenant.adfs) return `${origin}/adfs`;
  return version === '2.0' ? `${origin}/${tenant.tenantId}/v2.0` : `${origin}/${tenant.tenantId}/`;
}
