import { randomUUID } from 'node:crypto';
import type { SigningKey } from './create-signing-key.js';
import { signJwtRs256 } from './json-web-token.js';

/**
 * An access token as Entra issues it for an app (client credentials or a managed identity): a JWT
 * signed RS256 with the simulator's key, for the audience asked for, valid an hour. `iss` is the
 * issuer of the authority it was asked from (its openid configuration says the same), `ver` its
 * version; `appid`/`appidacr` (v1) and `azp`/`azpacr` (v2) name the client and how it proved itself.
 */
export const accessTokenLifetimeSeconds = 3600;

export interface AccessTokenRequest {
  key: SigningKey;
  issuer: string;
  version: '1.0' | '2.0';
  tenantId: string;
  clientId: string;
  objectId: string;
  audience: string;
  /** `1` a client secret, `2` a certificate, `0` none (managed identity). */
  credentialType: '0' | '1' | '2';
  nowMs: number;
}

export function issueAccessToken(request: AccessTokenRequest): { token: string; expiresOn: number } {
  const iat = Math.floor(request.nowMs / 1000);
  const exp = iat + accessTokenLifetimeSeconds;
  const claims = {
    aud: request.audience,
    iss: request.issuer,
    iat,
    nbf: iat,
    exp,
    appid: request.clientId,
    appidacr: request.credentialType,
    azp: request.clientId,
    azpacr: request.credentialType,
    idp: request.issuer,
    idtyp: 'app',
    oid: request.objectId,
    sub: request.objectId,
    tid: request.tenantId,
    uti: randomUUID().replace(/-/g, ''),
    ver: request.version,
  };
  return {
    token: signJwtRs256({ kid: request.key.kid, x5t: request.key.kid }, claims, request.key.privateKey),
    expiresOn: exp,
  };
}
