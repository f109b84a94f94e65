import type { SigningKey } from './create-signing-key.js';
import { type AuthorityTenant, issuerOf } from './resolve-tenant.js';

/**
 * The discovery documents an Entra authority serves, shaped as Entra's own (MSAL reads
 * `authorization_endpoint`, `token_endpoint`, `issuer` and `jwks_uri`, and checks that the issuer's
 * host is the authority's, so every URL here is on the origin the request came to).
 */
export function openIdConfiguration(
  origin: string,
  tenant: AuthorityTenant,
  version: '1.0' | '2.0',
): unknown {
  const base = `${origin}/${tenant.pathTenant}`;
  const v2 = version === '2.0' && !tenant.adfs;
  const oauth = v2 ? `${base}/oauth2/v2.0` : `${base}/oauth2`;
  const alias = tenant.pathTenant !== tenant.tenantId && !tenant.adfs;
  const issuer = alias
    ? issuerOf(origin, { ...tenant, tenantId: '{tenantid}' }, version)
    : issuerOf(origin, tenant, version);
  return {
    token_endpoint: `${oauth}/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: v2 ? `${base}/discovery/v2.0/keys` : `${base}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${oauth}/authorize`,
    device_authorization_endpoint: `${oauth}/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${oauth}/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'ver', 'appid', 'azp'],
    tenant_region_scope: null,
    cloud_instance_name: new URL(origin).host,
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}

/**
 * Entra's instance discovery (`/common/discovery/instance?api-version=1.1&authorization_endpoint=...`),
 * which MSAL asks about an authority host it does not know: the host is its own alias, and its tenant
 * discovery document is its v2.0 openid configuration. MSAL sends it to login.microsoftonline.com, so
 * it reaches the simulator only through an in-process or proxied transport.
 */
export function instanceDiscovery(authorizationEndpoint: string): unknown | undefined {
  let url: URL;
  try {
    url = new URL(authorizationEndpoint);
  } catch {
    return undefined;
  }
  const tenant = url.pathname.split('/').filter((segment) => segment !== '')[0];
  if (url.protocol !== 'https:' || !tenant) return undefined;
  return {
    tenant_discovery_endpoint: `${url.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: url.host, preferred_cache: url.host, aliases: [url.host] }],
  };
}

export function jsonWebKeySet(key: SigningKey): unknown {
  return { keys: [key.jwk] };
}
