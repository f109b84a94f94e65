import type { RequestAccess } from '../core/route-types.js';
import type { SimulatorRequest } from '../simulator-types.js';
import { authenticateArmRequest, type Caller } from './authenticate-arm-request.js';
import { authorizeArmRequest } from './authorize-arm-request.js';
import type { Directory } from './create-directory.js';
import type { SigningKey } from './create-signing-key.js';

/**
 * What ARM's request pipeline asks of the directory, in two steps (handle-arm-request.ts): who is
 * calling (401 otherwise), then whether it may do this here (403 otherwise). Without an identity
 * section both steps let everything through and the caller is anonymous.
 */
export interface ArmIdentity {
  authenticate(request: SimulatorRequest, url: URL): Promise<Caller | undefined>;
  authorize(caller: Caller | undefined, method: string, segments: readonly string[]): void;
  /** What the providers' handlers may show the caller (subscription and tenant lists). */
  access(caller: Caller | undefined): RequestAccess;
}

export function createArmIdentity(options: {
  directory: () => Directory;
  signingKey: () => Promise<SigningKey>;
  /** Real clock in ms (the simulator's `now` option). */
  now: () => number;
}): ArmIdentity {
  return {
    async authenticate(request, url) {
      const directory = options.directory();
      if (!directory.signInRequired) return undefined;
      return authenticateArmRequest({
        authorization: request.headers.authorization,
        directory,
        signingKey: options.signingKey,
        nowMs: options.now(),
        authorityOrigin: url.origin,
      });
    },
    authorize(caller, method, segments) {
      if (caller) authorizeArmRequest(caller, options.directory(), method, segments);
    },
    access(caller) {
      const directory = options.directory();
      return {
        tenantId: directory.tenantId,
        canSee: (scope) => caller === undefined || directory.canSee(caller.objectId, scope),
      };
    },
  };
}
