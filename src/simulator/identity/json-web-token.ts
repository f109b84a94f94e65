import { constants, createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * The JSON Web Token parts the simulator needs, on node:crypto alone: signing RS256 (its access
 * tokens), and reading and verifying RS256 or PS256 (client assertions: MSAL signs PS256 with an
 * `x5t#S256` thumbprint, older clients RS256 with `x5t`).
 */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function signJwtRs256(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKey: KeyObject,
): string {
  const signingInput = `${encodePart({ ...header, alg: 'RS256', typ: 'JWT' })}.${encodePart(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** The token's parts, or undefined when it is not a JWS in compact form with JSON header and payload. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (!header || !payload || !/^[\w-]*=*$/.test(signaturePart)) return undefined;
  return {
    header,
    payload,
    signingInput: `${headerPart}.${payloadPart}`,
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}

/** Whether the signature is valid for the key, under the header's `alg` (RS256 or PS256 only). */
export function verifyJwtSignature(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  const alg = jwt.header.alg;
  if (alg !== 'RS256' && alg !== 'PS256') return false;
  try {
    const verifier = createVerify('RSA-SHA256').update(jwt.signingInput);
    if (alg === 'RS256') return verifier.verify(publicKey, jwt.signature);
    return verifier.verify(
      {
        key: publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      },
      jwt.signature,
    );
  } catch {
    // A key of another type, or a malformed signature: not a valid signature.
    return false;
  }
}

function encodePart(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodePart(part: string): Record<string, unknown> | undefined {
  if (!/^[\w-]+=*$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    // Not JSON: not a JWT.
    return undefined;
  }
}
