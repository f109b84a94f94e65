import type { Actor } from '../chat/chat-event.js';
import { UserFacingError } from '../chat/user-facing-error.js';
import type { ParsedCommand } from '../commands/parse-command.js';
import { formatTimeToSecond } from '../operations/format-values.js';
import type { ChangeClaim } from '../store/change-claim-port.js';
import type { StorePort } from '../store/store-port.js';

/**
 * One change at a time per app and per VM (DESIGN.md, "Rules that hold across operations"). Every
 * changing command goes through here: checked when typed (`conflictFor`), taken when the request is
 * made or the job starts (`claim`, all or nothing), checked again when the request is decided and
 * just before Azure is asked (`claim` again: it is idempotent for its holder), and released when the
 * request or job ends. A claim whose holder has ended (a process killed between the end and the
 * release) is stale and is taken over, so nothing stays blocked for ever.
 */
interface ScopeRule {
  /** `app` and `cleanup` are keyed by the app's name, `vm` by the VM's name. */
  kind: 'app' | 'cleanup' | 'vm';
  /** The command argument that names it. */
  arg: string;
  /** `hold` takes the scope; `check` only refuses while a holder of it is in flight. */
  mode: 'hold' | 'check';
  /** Commands whose hold this one may run beside without taking the scope (a drill's cleanup). */
  sharesWith?: string[];
}

/**
 * A change to an app takes the app, and waits for a drill's cleanup still in flight: the cleanup
 * runs beside its drill's job without taking the app, so once that job ends the app scope is free
 * while the cleanup (which still changes the plan's test VMs) runs on.
 */
const holdApp: ScopeRule[] = [
  { kind: 'app', arg: 'app', mode: 'hold' },
  { kind: 'cleanup', arg: 'app', mode: 'check' },
];

/** What each changing command needs to itself; commands not listed change nothing exclusive. */
const scopeRules: Record<string, ScopeRule[]> = {
  'dr.drill': holdApp,
  // A drill in flight waits for its cleanup: the cleanup runs beside it, but only one at a time.
  'dr.cleanup': [
    { kind: 'app', arg: 'app', mode: 'hold', sharesWith: ['dr.drill'] },
    { kind: 'cleanup', arg: 'app', mode: 'hold' },
  ],
  'dr.failover.planned': holdApp,
  'dr.failover.unplanned': holdApp,
  'dr.failover.cancel': holdApp,
  'dr.commit': holdApp,
  'dr.reprotect': holdApp,
  'dr.failback': holdApp,
  'restore.replace': [{ kind: 'vm', arg: 'vm', mode: 'hold' }],
  'disks.from-snapshot': [{ kind: 'vm', arg: 'for', mode: 'hold' }],
  // A snapshot set changes no disk, but one taken while the disks are being replaced is of neither.
  'snapshot.create': [{ kind: 'vm', arg: 'vm', mode: 'check' }],
};

/** Who holds a scope, and where their change stands, as the refusal says it. */
export interface ChangeConflict {
  claim: ChangeClaim;
  /** "waiting for approval", "approved, about to run", "running as job-1a2b3c4d". */
  standing: string;
  approvalId?: string;
  jobId?: string;
}

export interface ClaimHolder {
  id: string;
  commandId: string;
  commandText: string;
  requester: Actor;
}

/** A holder whose record is not written yet (a request is claimed just before it is stored). */
const unwrittenGraceMs = 2 * 60_000;
/** A claim changes hands under concurrent takes and releases; after this many, something is wrong. */
const maxAttempts = 10;

export class ChangeGate {
  constructor(
    private readonly store: StorePort,
    private readonly now: () => Date,
  ) {}

  /** The scope keys `command` touches (`app:shop`), with how; empty for most commands. */
  scopesOf(command: Pick<ParsedCommand, 'id' | 'args'>): { scope: string; rule: ScopeRule }[] {
    return (scopeRules[command.id] ?? []).flatMap((rule) => {
      const value = command.args[rule.arg];
      if (value === undefined || value === '') return [];
      const name = String(value).toLowerCase();
      // `rg/vm` names one of same-named VMs; one change at a time is kept per name, which also
      // covers a VM and its failover copy.
      const key = rule.kind === 'vm' ? name.slice(name.lastIndexOf('/') + 1) : name;
      return [{ scope: `${rule.kind}:${key}`, rule }];
    });
  }

  /** What stands in the way of `command` now, without taking anything (the typed-time check). */
  async conflictFor(command: ParsedCommand, holderId?: string): Promise<ChangeConflict | undefined> {
    for (const { scope, rule } of this.scopesOf(command)) {
      const claim = await this.store.claims.get(scope);
      if (!claim || claim.holder === holderId) continue;
      const conflict = await this.inFlight(claim);
      if (conflict && !sharesWith(rule, conflict)) return conflict;
    }
    return undefined;
  }

  /**
   * Takes every scope `command` holds for `holder`, all or none; idempotent for its holder. Returns
   * the conflict when another request or job in flight holds one of them.
   */
  async claim(
    command: Pick<ParsedCommand, 'id' | 'args'>,
    holder: ClaimHolder,
  ): Promise<ChangeConflict | undefined> {
    const scopes = this.scopesOf(command);
    // A holder checking again (after a restart, just before Azure is asked) passed the checks when
    // it took its scopes: a drill's own cleanup running beside it must not refuse the drill.
    const rechecking = await this.holdsAny(scopes, holder.id);
    const taken: string[] = [];
    for (const { scope, rule } of scopes) {
      if (rule.mode === 'check' && rechecking) continue;
      const outcome = await this.takeScope(scope, holder, rule);
      if (outcome === 'taken') taken.push(scope);
      else if (outcome !== 'free' && outcome !== 'held') {
        // All or none: give back what this call took, never what the holder held before it.
        for (const mine of taken) await this.store.claims.release(holder.id, mine);
        return outcome;
      }
    }
    return undefined;
  }

  private async holdsAny(scopes: { scope: string; rule: ScopeRule }[], holderId: string): Promise<boolean> {
    for (const { scope, rule } of scopes)
      if (rule.mode === 'hold' && (await this.store.claims.get(scope))?.holder === holderId) return true;
    return false;
  }

  /** One more scope for a holder (a drill's own cleanup at its time limit); false when held by another. */
  async claimScope(scope: string, holder: ClaimHolder): Promise<boolean> {
    const outcome = await this.takeScope(scope, holder, { kind: 'cleanup', arg: '', mode: 'hold' });
    return outcome === 'taken' || outcome === 'held' || outcome === 'free';
  }

  /** Ends what a request or job held (it ended). */
  async release(holderId: string): Promise<void> {
    await this.store.claims.release(holderId);
  }

  /**
   * `taken` (held by `holder` from now), `held` (by `holder` already), `free` (nothing to hold), or
   * who is in the way.
   */
  private async takeScope(
    scope: string,
    holder: ClaimHolder,
    rule: ScopeRule,
  ): Promise<'taken' | 'held' | 'free' | ChangeConflict> {
    const before = rule.mode === 'hold' ? await this.store.claims.get(scope) : undefined;
    if (before?.holder === holder.id) return 'held';
    const wanted: ChangeClaim = { scope, ...holderFields(holder), createdAt: this.now() };
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const current =
        rule.mode === 'hold' ? await this.store.claims.take(wanted) : await this.store.claims.get(scope);
      if (!current) return 'free';
      if (current.holder === holder.id) return rule.mode === 'hold' ? 'taken' : 'free';
      if (current.holder === '') continue;
      const conflict = await this.inFlight(current);
      if (conflict) return sharesWith(rule, conflict) ? 'free' : conflict;
      if (rule.mode === 'check') return 'free';
      if (await this.store.claims.replace(current.holder, wanted)) return 'taken';
    }
    throw new Error(`The claim on ${scope} kept changing under ${maxAttempts} attempts`);
  }

  /** The holder's change as it stands, or undefined when it has ended (the claim is stale). */
  private async inFlight(claim: ChangeClaim): Promise<ChangeConflict | undefined> {
    const young = this.now().getTime() - claim.createdAt.getTime() < unwrittenGraceMs;
    if (claim.holder.startsWith('apr-')) {
      const request = await this.store.getApproval(claim.holder);
      if (!request) return young ? { claim, standing: 'being requested' } : undefined;
      const base = { claim, approvalId: request.id };
      if (request.state === 'requested')
        return request.expiresAt > this.now() ? { ...base, standing: 'waiting for approval' } : undefined;
      // Approved and starting takes moments; one left there by a process that died is stale.
      const starting = this.now().getTime() - request.updatedAt.getTime() < unwrittenGraceMs;
      if (request.state === 'approved')
        return starting ? { ...base, standing: 'approved, about to run' } : undefined;
      if (request.state !== 'executing') return undefined;
      const job = request.jobId ? await this.store.getJob(request.jobId) : undefined;
      if (!job) return starting ? { ...base, standing: 'approved, starting' } : undefined;
      if (job.state !== 'running') return undefined;
      return { ...base, jobId: job.id, standing: `running as ${job.id}` };
    }
    const job = await this.store.getJob(claim.holder);
    if (!job) return young ? { claim, standing: 'starting' } : undefined;
    return job.state === 'running' ? { claim, jobId: job.id, standing: `running as ${job.id}` } : undefined;
  }
}

/** A cleanup runs beside its drill's job (the drill waits for it), not beside a drill still asked for. */
function sharesWith(rule: ScopeRule, conflict: ChangeConflict): boolean {
  return (rule.sharesWith?.includes(conflict.claim.commandId) ?? false) && conflict.jobId !== undefined;
}

function holderFields(holder: ClaimHolder): Omit<ChangeClaim, 'scope' | 'createdAt'> {
  return {
    holder: holder.id,
    commandId: holder.commandId,
    commandText: holder.commandText,
    requester: holder.requester,
  };
}

/** The refusal for a command that another change in flight stands in the way of, with the way out. */
export function describeConflict(conflict: ChangeConflict, wanted: { commandText: string }): UserFacingError {
  const { claim } = conflict;
  const [kind, name] = claim.scope.split(':') as [ScopeRule['kind'], string];
  const what = kind === 'vm' ? `VM ${name}` : name;
  const asked = `asked by ${claim.requester.displayName} at ${formatTimeToSecond(claim.createdAt)}`;
  if (kind === 'cleanup' && claim.commandId === 'dr.drill')
    return new UserFacingError(
      `The bot is already cleaning up the drill of ${name} itself: its time limit came (${conflict.jobId ?? 'the drill job'}).`,
      {
        title: 'Already cleaning up',
        nextStep: `Its report follows in the drill's thread; \`dr reports ${name}\` lists it.`,
      },
    );
  return new UserFacingError(
    `\`${wanted.commandText}\` cannot start: \`${claim.commandText}\` (${asked}) is ${conflict.standing}, and ${what} takes one change at a time.`,
    {
      title: `${what} is busy`,
      nextStep: wayOut(conflict, kind, name),
    },
  );
}

function wayOut(conflict: ChangeConflict, kind: ScopeRule['kind'], name: string): string {
  const { claim } = conflict;
  if (conflict.jobId) {
    const finish =
      claim.commandId === 'dr.drill' && kind !== 'cleanup'
        ? `Finish the drill with \`dr cleanup ${name} notes "..."\`, or wait`
        : 'Wait';
    return `${finish} for ${conflict.jobId} to end (\`job ${conflict.jobId}\` shows it), then ask again.`;
  }
  if (conflict.approvalId && conflict.standing === 'waiting for approval')
    return `${claim.requester.displayName} can cancel request ${conflict.approvalId} with the Cancel button on its card (an approver can reject it); \`approvals\` lists it. Then ask again.`;
  return 'It is starting right now; ask again in a minute (`jobs` shows it).';
}
