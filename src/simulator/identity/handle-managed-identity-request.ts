import type { SimulatorRequest, SimulatorResponse } from '../simulator-types.js';
import type { Directory } from './create-directory.js';
import type { SigningKey } from './create-signing-key.js';
import { entraJson } from './entra-response.js';
import { accessTokenLifetimeSeconds, issueAccessToken } from './issue-access-token.js';
import { issuerOf } from './resolve-tenant.js';

/**
 * The managed-identity endpoint of the Instance Metadata Service, as a VM sees it:
 * `GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=<resource>` with
 * `Metadata: true`. The identity is the principal named by `client_id`, `object_id` (or
 * `principal_id`), else the estate's first principal (the VM's system-assigned identity). Answers and
 * errors are IMDS's: string-valued token fields, `{error, error_description}` with status 400.
 */
export async function handleManagedIdentityRequest(input: {
  request: SimulatorRequest;
  url: URL;
  directory: Directory;
  signingKey: () => Promise<SigningKey>;
  nowMs: number;
}): Promise<SimulatorResponse> {
  const { request, url, directory } = input;
  const refuse = (description: string) =>
    entraJson(400, { error: 'invalid_request', error_description: description });
  if (request.method.toUpperCase() !== 'GET')
    return entraJson(405, { error: 'invalid_request', error_description: 'Only GET is supported.' });
  if (request.headers.metadata?.toLowerCase() !== 'true')
    return refuse('Required metadata header not specified');
  if (!url.searchParams.get('api-version')) return refuse("Required query variable 'api-version' is missing");
  const resource = url.searchParams.get('resource');
  if (!resource) return refuse("Required query variable 'resource' is missing");
  const wanted =
    url.searchParams.get('client_id') ??
    url.searchParams.get('object_id') ??
    url.searchParams.get('principal_id');
  const principal =
    wanted === null
      ? directory.principals[0]
      : (directory.principalByClientId(wanted) ?? directory.principalByObjectId(wanted));
  if (!principal) return refuse('Identity not found');
  const issued = issueAccessToken({
    key: await input.signingKey(),
    issuer: issuerOf(
      url.origin,
      { pathTenant: directory.tenantId, tenantId: directory.tenantId, adfs: false },
      '1.0',
    ),
    version: '1.0',
    tenantId: directory.tenantId,
    clientId: principal.clientId,
    objectId: principal.objectId,
    audience: resource,
    credentialType: '0',
    nowMs: input.nowMs,
  });
  const lifetime = String(accessTokenLifetimeSeconds);
  return entraJson(200, {
    access_token: issued.token,
    client_id: principal.clientId,
    expires_in: lifetime,
    expires_on: String(issued.expiresOn),
    ext_expires_in: lifetime,
    not_before: String(issued.expiresOn - accessTokenLifetimeSeconds),
    resource,
    token_type: 'Bearer',
  });
}
