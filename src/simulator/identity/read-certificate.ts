import { createHash, type KeyObject, X509Certificate } from 'node:crypto';

/**
 * A certificate registered on a principal, as Entra keeps it: its SHA-1 thumbprint (what `x5t`
 * names), its SHA-256 thumbprint (`x5t#S256`) and public key when the PEM was given.
 */
export interface RegisteredCertificate {
  sha1: string;
  sha256?: string;
  publicKey?: KeyObject;
}

/** Reads one PEM certificate; throws with the reason when it is not one. */
export function readCertificate(pem: string): Required<RegisteredCertificate> {
  const certificate = new X509Certificate(pem);
  return {
    sha1: createHash('sha1').update(certificate.raw).digest('hex').toUpperCase(),
    sha256: createHash('sha256').update(certificate.raw).digest('hex').toUpperCase(),
    publicKey: certificate.publicKey,
  };
}

/** The problem with a PEM certificate, or undefined when it reads. */
export function certificateProblem(pem: string): string | undefined {
  try {
    readCertificate(pem);
    return undefined;
  } catch (error) {
    return `not a valid PEM certificate (${(error as Error).message})`;
  }
}
