import type { Actor } from '../chat/chat-event.js';

/**
 * One change at a time (DESIGN.md, "Rules that hold across operations"): a claim says that a scope
 * (`app:shop`, `cleanup:shop`, `vm:vm-sql-01`) is taken by one holder, an approval request or a job,
 * from the moment it is asked for until it ends. The primary key on `scope` is what makes two
 * replicas unable to both take one: the insert of the second finds the first.
 */
export interface ChangeClaim {
  scope: string;
  /** The approval request (`apr-...`) or job (`job-...`) that holds the scope. */
  holder: string;
  commandId: string;
  commandText: string;
  requester: Actor;
  createdAt: Date;
}

export interface ChangeClaimStorePort {
  /**
   * Takes the scope for `claim.holder` if nobody holds it; returns the claim that holds the scope
   * afterwards (the caller's own when it won, or the existing one, which may be stale).
   */
  take(claim: ChangeClaim): Promise<ChangeClaim>;
  /** Hands a stale claim to `claim.holder`, only if `staleHolder` still holds the scope. */
  replace(staleHolder: string, claim: ChangeClaim): Promise<boolean>;
  get(scope: string): Promise<ChangeClaim | undefined>;
  /** Ends every claim of a holder (its request or job ended); returns how many. */
  release(holder: string, scope?: string): Promise<number>;
  list(): Promise<ChangeClaim[]>;
}
