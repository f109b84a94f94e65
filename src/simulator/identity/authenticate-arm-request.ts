import { ArmError } from '../core/arm-error.js';
import { armAudiences, isArmAudience } from './arm-audiences.js';
import type { Directory } from './create-directory.js';
import type { SigningKey } from './create-signing-key.js';
import { decodeJwt, verifyJwtSignature } from './json-web-token.js';

/**
 * ARM's authentication of a request: a bearer JWT signed by the simulator's key, for one of ARM's
 * audiences, within its lifetime, from the directory's tenant. Failures are ARM's 401 answers, with
 * its codes and wording and its `WWW-Authenticate: Bearer authorization_uri=..., error="invalid_token"`
 * challenge, whose authority is the simulator itself (it serves Entra's endpoints too).
 */
export interface Caller {
  objectId: string;
  clientId: string;
}

export interface ArmAuthentication {
  authorization: string | undefined;
  directory: Directory;
  signingKey: () => Promise<SigningKey>;
  /** Real time (tokens live in real time, whatever the simulated clock does). */
  nowMs: number;
  /** Origin of the authority to name in the challenge, e.g. https://127.0.0.1:4443. */
  authorityOrigin: string;
}

/** ARM's allowance for clocks that disagree, for a token's `nbf`. */
const clockSkewSeconds = 300;

export async function authenticateArmRequest(input: ArmAuthentication): Promise<Caller> {
  const fail = (code: string, message: string, description = message) =>
    new ArmError(401, code, message, {
      headers: {
        'www-authenticate': `Bearer authorization_uri="${input.authorityOrigin}/${input.directory.tenantId}", error="invalid_token", error_description="${description}"`,
        'x-ms-failure-cause': 'gateway',
      },
    });
  if (input.authorization === undefined || input.authorization.trim() === '') {
    throw fail(
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
      "The authentication failed because of missing 'Authorization' header.",
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(input.authorization);
  if (!match?.[1]) {
    throw fail(
      'AuthenticationFailedInvalidHeader',
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    );
  }
  const invalid = () => fail('InvalidAuthenticationToken', 'The access token is invalid.');
  const jwt = decodeJwt(match[1]);
  if (jwt?.header.alg !== 'RS256') throw invalid();
  const key = await input.signingKey();
  if (jwt.header.kid !== key.kid || !verifyJwtSignature(jwt, key.publicKey)) throw invalid();
  const { aud, exp, nbf, tid, oid, appid } = jwt.payload;
  if (typeof exp !== 'number' || typeof oid !== 'string' || typeof appid !== 'string') throw invalid();
  if (typeof tid !== 'string' || tid.toLowerCase() !== input.directory.tenantId.toLowerCase())
    throw invalid();
  const nowSeconds = Math.floor(input.nowMs / 1000);
  if (exp <= nowSeconds) {
    throw fail(
      'ExpiredAuthenticationToken',
      `The access token expiry UTC time '${formatArmTime(exp * 1000)}' is earlier than current UTC time '${formatArmTime(input.nowMs)}'.`,
      'The access token has expired.',
    );
  }
  if (typeof nbf === 'number' && nbf > nowSeconds + clockSkewSeconds)
    throw fail('InvalidAuthenticationToken', 'The access token is not yet valid.');
  if (!isArmAudience(aud)) {
    throw fail(
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${String(aud)}'. It should exactly match with one of the allowed audiences ${armAudiences.map((a) => `'${a}'`).join(',')}.`,
    );
  }
  return { objectId: oid, clientId: appid };
}

/** ARM's wording of times in these messages: `6/15/2026 8:22:51 AM`, UTC. */
function formatArmTime(ms: number): string {
  const date = new Date(ms);
  const hours = date.getUTCHours();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${hours % 12 || 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}
