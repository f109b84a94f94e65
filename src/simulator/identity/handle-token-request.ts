import { timingSafeEqual } from 'node:crypto';
import type { SimulatorRequest, SimulatorResponse } from '../simulator-types.js';
import type { Directory, Principal } from './create-directory.js';
import type { SigningKey } from './create-signing-key.js';
import { entraError, entraJson } from './entra-response.js';
import { accessTokenLifetimeSeconds, issueAccessToken } from './issue-access-token.js';
import { type AuthorityTenant, issuerOf } from './resolve-tenant.js';
import { verifyClientAssertion } from './verify-client-assertion.js';

/**
 * Entra's token endpoint for apps: the client credentials grant, the client proving itself with its
 * secret (in the body or HTTP Basic) or a certificate-signed assertion, for `scope=<resource>/.default`
 * (v2.0) or `resource=<resource>` (v1 and AD FS). Tokens can be had for any resource, as Entra issues
 * them for any API an app asks for; only ARM's audiences get into ARM. Refusals carry Entra's AADSTS
 * codes and wording.
 */
export interface TokenEndpoint {
  request: SimulatorRequest;
  origin: string;
  tenant: AuthorityTenant;
  version: '1.0' | '2.0';
  directory: Directory;
  signingKey: () => Promise<SigningKey>;
  nowMs: number;
}

const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** OpenID Connect scopes MSAL may add; they name no resource. */
const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);

export async function handleTokenRequest(endpoint: TokenEndpoint): Promise<SimulatorResponse> {
  const { request, directory, nowMs } = endpoint;
  const correlationId = request.headers['client-request-id'];
  const fail = (status: number, error: string, aadsts: number, message: string) =>
    entraError(status, error, aadsts, message, { nowMs, ...(correlationId ? { correlationId } : {}) });
  const missing = (name: string) =>
    fail(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
  if (request.method.toUpperCase() !== 'POST')
    return fail(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
  const form = new URLSearchParams(request.body ?? '');
  const basic = readBasicAuth(request.headers.authorization);
  const grantType = form.get('grant_type');
  if (!grantType) return missing('grant_type');
  if (grantType !== 'client_credentials')
    return fail(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType}'. The simulator signs in apps with the client credentials grant only.`,
    );
  const clientId = form.get('client_id') ?? basic?.clientId;
  if (!clientId) return missing('client_id');
  const principal = directory.principalByClientId(clientId);
  if (!principal) {
    return fail(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${endpoint.tenant.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  const secret = form.get('client_secret') ?? basic?.secret;
  const assertion = form.get('client_assertion');
  let credentialType: '1' | '2';
  if (assertion) {
    if (form.get('client_assertion_type') !== assertionType) return missing('client_assertion_type');
    const problem = verifyClientAssertion(assertion, principal, nowMs);
    if (problem) return fail(401, 'invalid_client', problem.aadsts, problem.message);
    credentialType = '2';
  } else if (secret) {
    if (!secretMatches(principal, secret)) {
      return fail(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${principal.clientId}'.`,
      );
    }
    credentialType = '1';
  } else {
    return fail(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  const audience = audienceOf(form, endpoint.version);
  if (audience.problem !== undefined) {
    if (audience.problem === '') return missing(endpoint.version === '2.0' ? 'scope' : 'resource');
    return fail(400, 'invalid_scope', 1002012, audience.problem);
  }
  const key = await endpoint.signingKey();
  const issued = issueAccessToken({
    key,
    issuer: issuerOf(endpoint.origin, endpoint.tenant, endpoint.version),
    version: endpoint.version,
    tenantId: directory.tenantId,
    clientId: principal.clientId,
    objectId: principal.objectId,
    audience: audience.value,
    credentialType,
    nowMs,
  });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    expires_in: accessTokenLifetimeSeconds,
    ext_expires_in: accessTokenLifetimeSeconds,
    access_token: issued.token,
  };
  if (endpoint.version === '1.0') {
    Object.assign(body, {
      expires_on: String(issued.expiresOn),
      not_before: String(issued.expiresOn - accessTokenLifetimeSeconds),
      resource: audience.value,
    });
  }
  return entraJson(200, body, correlationId ? { correlationId } : {});
}

/** The token's audience: `<resource>/.default` (one resource), or v1's `resource`. */
function audienceOf(
  form: URLSearchParams,
  version: '1.0' | '2.0',
): { value: string; problem?: undefined } | { value?: undefined; problem: string } {
  const resource = form.get('resource');
  if (version === '1.0' && resource) return { value: resource };
  const scope = form.get('scope');
  if (!scope) return { problem: '' };
  const scopes = scope.split(' ').filter((entry) => entry !== '' && !oidcScopes.has(entry));
  const [only] = scopes;
  if (scopes.length !== 1 || !only?.endsWith('/.default')) {
    return {
      problem: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    };
  }
  return { value: only.slice(0, -'/.default'.length) };
}

function secretMatches(principal: Principal, secret: string): boolean {
  if (!principal.clientSecret) return false;
  const expected = Buffer.from(principal.clientSecret, 'utf8');
  const given = Buffer.from(secret, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function readBasicAuth(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    // A malformed escape: no usable credentials, answered as missing ones.
    return undefined;
  }
}
