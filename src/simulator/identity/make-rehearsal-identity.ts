import { randomBytes, randomUUID } from 'node:crypto';
import type { EstateIdentity } from './identity-schema.js';

/**
 * The standalone simulator's sign-in for teams that rehearse their own runbooks with Azure's clients
 * (`SIMULATOR_SIGN_IN=on npm run simulator`): one principal, Contributor on everything, made at each
 * start with a fresh secret, so no credential ever sits in the repository. Its values go to a file
 * only the user can read (`simulator-sign-in.env`), never to the log.
 */
export interface RehearsalSignIn {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export function makeRehearsalIdentity(): { identity: EstateIdentity; signIn: RehearsalSignIn } {
  const signIn: RehearsalSignIn = {
    tenantId: randomUUID(),
    clientId: randomUUID(),
    clientSecret: randomBytes(24).toString('base64url'),
  };
  return {
    signIn,
    identity: {
      tenantId: signIn.tenantId,
      principals: [
        {
          name: 'runbook-rehearsal',
          clientId: signIn.clientId,
          objectId: randomUUID(),
          clientSecret: signIn.clientSecret,
        },
      ],
      roleDefinitions: [],
      roleAssignments: [{ principal: 'runbook-rehearsal', role: 'Contributor', scope: '/' }],
    },
  };
}

/** The file a shell sources (`. data/simulator-sign-in.env`): the standard variables Azure's clients read. */
export function renderSignInFile(signIn: RehearsalSignIn, authorityHost: string, caFile: string): string {
  return [
    "# The Azure simulator's rehearsal principal (Contributor), made by `npm run simulator` at its start.",
    '# A new secret each start; it signs in to this simulator only. Source it: . <this file>',
    `export AZURE_TENANT_ID=${signIn.tenantId}`,
    `export AZURE_CLIENT_ID=${signIn.clientId}`,
    `export AZURE_CLIENT_SECRET=${signIn.clientSecret}`,
    `export AZURE_AUTHORITY_HOST=${authorityHost}`,
    `export REQUESTS_CA_BUNDLE=${caFile}`,
    `export NODE_EXTRA_CA_CERTS=${caFile}`,
    '',
  ].join('\n');
}
