import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';

/**
 * The simulator's token-signing key: RSA 2048, generated in memory when the simulator first needs
 * it and never written anywhere, so tokens from an earlier run are refused after a restart (sign in
 * again). Its public half is published as a JWKS, as Entra publishes its keys.
 */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The JWKS entry: `{kty, use, kid, x5t, n, e}`. */
  jwk: Record<string, unknown>;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await new Promise<{ privateKey: KeyObject; publicKey: KeyObject }>(
    (resolve, reject) => {
      generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) =>
        error ? reject(error) : resolve({ publicKey, privateKey }),
      );
    },
  );
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha1').update(der).digest('base64url');
  const { n, e } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, publicKey, jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n, e } };
}

/** One key per simulator, made on first use and shared by every caller after that. */
export function lazySigningKey(): () => Promise<SigningKey> {
  let pending: Promise<SigningKey> | undefined;
  return () => {
    pending ??= createSigningKey();
    return pending;
  };
}
