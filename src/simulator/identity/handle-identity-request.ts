import { ArmError } from '../core/arm-error.js';
import type { SimulatorRequest, SimulatorResponse } from '../simulator-types.js';
import type { Directory } from './create-directory.js';
import type { SigningKey } from './create-signing-key.js';
import { entraError, entraJson } from './entra-response.js';
import { handleManagedIdentityRequest } from './handle-managed-identity-request.js';
import { handleTokenRequest } from './handle-token-request.js';
import { instanceDiscovery, jsonWebKeySet, openIdConfiguration } from './render-authority-documents.js';
import { renderCloudMetadata } from './render-cloud-metadata.js';
import { resolveTenant } from './resolve-tenant.js';

/**
 * The sign-in side of the simulator, on the same handler as ARM (so on its HTTPS port, and in
 * process): an Entra ID authority per tenant path (`/{tenant}/v2.0/.well-known/openid-configuration`,
 * the v1 and AD FS ones, `/{tenant}/oauth2/v2.0/token` and `/oauth2/token`, `/{tenant}/discovery/v2.0/keys`),
 * `/common/discovery/instance`, the Instance Metadata Service's managed-identity endpoint and ARM's
 * cloud metadata (`/metadata/endpoints`). None of these needs a token.
 */
export interface IdentityEnvironment {
  directory(): Directory;
  signingKey(): Promise<SigningKey>;
  /** Real clock in ms: tokens live in real time. */
  now(): number;
}

/** First path segments that are ARM's or the admin API's, never a tenant. */
const notTenants = new Set(['subscriptions', 'providers', 'tenants', '_simulator']);

/** Whether a request path is one of the endpoints above (so not ARM's). */
export function isIdentityPath(pathname: string): boolean {
  const [first = '', second = '', third = ''] = lowerSegments(pathname);
  if (first === 'metadata') return second === 'identity' || second === 'endpoints';
  if (notTenants.has(first) || first === '') return false;
  return (
    second === 'oauth2' ||
    second === 'discovery' ||
    second === '.well-known' ||
    (second === 'v2.0' && third === '.well-known')
  );
}

export async function handleIdentityRequest(
  request: SimulatorRequest,
  env: IdentityEnvironment,
): Promise<SimulatorResponse> {
  const url = new URL(request.url);
  const path = lowerSegments(url.pathname).join('/');
  const directory = env.directory();
  const nowMs = env.now();
  if (path === 'metadata/endpoints') return cloudMetadata(url);
  if (path === 'metadata/identity/oauth2/token') {
    return handleManagedIdentityRequest({ request, url, directory, signingKey: env.signingKey, nowMs });
  }
  const [tenantSegment = '', ...rest] = url.pathname.split('/').filter((s) => s !== '');
  const endpoint = rest.join('/').toLowerCase();
  if (tenantSegment.toLowerCase() === 'common' && endpoint === 'discovery/instance') {
    const body = instanceDiscovery(url.searchParams.get('authorization_endpoint') ?? '');
    if (body) return entraJson(200, body);
    return entraError(400, 'invalid_instance', 50049, 'Unknown or invalid instance.', { nowMs });
  }
  const tenant = resolveTenant(tenantSegment, directory);
  if (!tenant) {
    return entraError(
      400,
      endpoint.endsWith('token') ? 'invalid_request' : 'invalid_tenant',
      90002,
      `Tenant '${tenantSegment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      { nowMs },
    );
  }
  const token = (version: '1.0' | '2.0') =>
    handleTokenRequest({
      request,
      origin: url.origin,
      tenant,
      version,
      directory,
      signingKey: () => env.signingKey(),
      nowMs,
    });
  switch (endpoint) {
    case 'v2.0/.well-known/openid-configuration':
      return entraJson(200, openIdConfiguration(url.origin, tenant, '2.0'));
    case '.well-known/openid-configuration':
      return entraJson(200, openIdConfiguration(url.origin, tenant, '1.0'));
    case 'discovery/v2.0/keys':
    case 'discovery/keys':
      return entraJson(200, jsonWebKeySet(await env.signingKey()));
    case 'oauth2/v2.0/token':
      return token(tenant.adfs ? '1.0' : '2.0');
    case 'oauth2/token':
      return token('1.0');
    default:
      return entraError(
        404,
        'invalid_request',
        900561,
        `The simulator's authority does not serve ${request.method.toUpperCase()} ${url.pathname}. See src/simulator/README.md.`,
        { nowMs },
      );
  }
}

function cloudMetadata(url: URL): SimulatorResponse {
  try {
    return entraJson(200, renderCloudMetadata(url));
  } catch (error) {
    if (!(error instanceof ArmError)) throw error;
    return {
      status: error.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(error.toBody()),
    };
  }
}

function lowerSegments(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.toLowerCase());
}
