import { X509Certificate } from 'node:crypto';
import type { Principal } from './create-directory.js';
import { decodeJwt, verifyJwtSignature } from './json-web-token.js';

/**
 * Checks a client assertion as Entra does for certificate credentials: a JWT naming the client as
 * `iss` and `sub`, for a token endpoint (`aud`), within its lifetime, signed (RS256 or PS256) by a
 * certificate registered on the principal, found by its `x5t` (SHA-1) or `x5t#S256` thumbprint. A
 * certificate registered by thumbprint only must come in the assertion's `x5c` header.
 * Returns the Entra error to answer, or undefined when the assertion holds.
 */
export interface AssertionProblem {
  aadsts: number;
  message: string;
}

/** Allowance for clocks that disagree, for the assertion's `nbf` and `exp`. */
const clockSkewSeconds = 300;

export function verifyClientAssertion(
  assertion: string,
  principal: Principal,
  nowMs: number,
): AssertionProblem | undefined {
  const jwt = decodeJwt(assertion);
  if (!jwt) return { aadsts: 50027, message: 'JWT token is invalid or malformed.' };
  const sha256 = thumbprintHex(jwt.header['x5t#S256']);
  const sha1 = thumbprintHex(jwt.header.x5t);
  const used = sha256 ?? sha1;
  if (!used)
    return {
      aadsts: 50027,
      message: 'Invalid JWT token. No certificate thumbprint specified in token header.',
    };
  const registered = principal.certificates.find((c) => (sha256 ? c.sha256 === sha256 : c.sha1 === sha1));
  const publicKey =
    registered?.publicKey ?? (registered ? keyFromChain(jwt.header.x5c, registered.sha1) : undefined);
  if (!publicKey) {
    return {
      aadsts: 700027,
      message: `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${used}']`,
    };
  }
  if (!verifyJwtSignature(jwt, publicKey)) {
    return {
      aadsts: 700027,
      message: `Client assertion contains an invalid signature. [Reason - Key was found, but use of the key to verify the signature failed., Thumbprint of key used by client: '${used}']`,
    };
  }
  const { iss, sub, aud, exp, nbf } = jwt.payload;
  if (iss !== principal.clientId || sub !== principal.clientId) {
    return {
      aadsts: 700021,
      message: "Client assertion application identifier doesn't match 'client_id' parameter.",
    };
  }
  if (typeof aud !== 'string' || !/\/oauth2\/(v2\.0\/)?token\/?$/.test(aud)) {
    return {
      aadsts: 50027,
      message: `Invalid JWT token. The audience '${String(aud)}' is not a token endpoint of this authority.`,
    };
  }
  const now = Math.floor(nowMs / 1000);
  if (
    typeof exp !== 'number' ||
    exp + clockSkewSeconds < now ||
    (typeof nbf === 'number' && nbf - clockSkewSeconds > now)
  ) {
    return {
      aadsts: 700024,
      message: `Client assertion is not within its valid time range. Current time: ${new Date(nowMs).toISOString()}, expiry time of assertion ${typeof exp === 'number' ? new Date(exp * 1000).toISOString() : 'none'}.`,
    };
  }
  return undefined;
}

/** A thumbprint header's hex; MSAL for Python pads its base64url with `=`. */
function thumbprintHex(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[\w-]+=*$/.test(value)) return undefined;
  return Buffer.from(value, 'base64url').toString('hex').toUpperCase();
}

/** The key of the chain's first certificate (standard base64 DER) when its thumbprint is the registered one. */
function keyFromChain(x5c: unknown, sha1: string) {
  const first = Array.isArray(x5c) ? x5c[0] : undefined;
  if (typeof first !== 'string') return undefined;
  try {
    const certificate = new X509Certificate(Buffer.from(first, 'base64'));
    return certificate.fingerprint.replace(/:/g, '') === sha1 ? certificate.publicKey : undefined;
  } catch {
    // Not a certificate: no key.
    return undefined;
  }
}
