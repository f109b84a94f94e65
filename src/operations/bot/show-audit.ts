import type { View } from '../../chat/view.js';
import { parseDuration } from '../../commands/parse-duration.js';
import type { Policy } from '../../config/policy.js';
import type { AuditEntry, StorePort } from '../../store/store-port.js';
import { formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';

const defaultCount = 20;
/** Entries read per page, and at most, when looking for those of a person, an app or VM, or a request. */
const pageSize = 500;
const maxSearched = 10_000;

/**
 * `audit [n] [<who or what>] [since <duration>]`: the newest audit entries (admins), of one person,
 * about one app or VM, or of one request (reference, approval, job or ARM request id), in a period.
 * Longer periods: `npm run audit:export`.
 */
export const showAudit: Operation = async ({ command, store, now, policy }) => {
  const count = typeof command.args.n === 'number' ? command.args.n : defaultCount;
  const about = typeof command.args.about === 'string' ? command.args.about : undefined;
  const period = typeof command.args.since === 'string' ? parseDuration(command.args.since) : undefined;
  const since = period ? new Date(now().getTime() - period.milliseconds) : undefined;
  const found = about
    ? await searchAudit(store, (entry) => concerns(policy, entry, about), { count, since })
    : { entries: await store.listAudit({ limit: count, since }), searchedAll: true };
  const { entries } = found;
  const scope = [about ? ` of ${about}` : '', period ? ` in the last ${period.text}` : ''].join('');
  const view: View = {
    kind: 'audit-list',
    title:
      entries.length === 0
        ? `Audit: no entries${scope}`
        : `Audit: the last ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${scope}`,
    tone: 'neutral',
    tables:
      entries.length === 0
        ? undefined
        : [
            {
              columns: ['Time', 'Who', 'What', 'Command', 'Outcome', 'Ref'],
              rows: entries.map((e) => [
                formatTime(e.at),
                `${e.actor.displayName} (${e.platform})`,
                `${e.kind}${e.origin === 'typed' ? '' : `, ${e.origin}`}`,
                e.commandText ?? e.commandId ?? '-',
                e.outcome,
                e.correlationId,
              ]),
            },
          ],
    notes: [
      ...(found.searchedAll
        ? []
        : [`Searched the newest ${maxSearched} entries; for older ones, export a period.`]),
      'Export a period as JSON Lines: `npm run audit:export -- --since 7d`.',
    ],
  };
  return view;
};

/**
 * The newest `count` entries that `matches`, newest first, read a page at a time back to `since`,
 * at most `maxSearched` entries in all (`searchedAll` false when that stopped it).
 */
async function searchAudit(
  store: StorePort,
  matches: (entry: AuditEntry) => boolean,
  options: { count: number; since?: Date },
): Promise<{ entries: AuditEntry[]; searchedAll: boolean }> {
  const entries: AuditEntry[] = [];
  let before: number | undefined;
  for (let searched = 0; searched < maxSearched; searched += pageSize) {
    const page = await store.listAudit({ limit: pageSize, since: options.since, before });
    for (const entry of page) {
      if (!matches(entry)) continue;
      entries.push(entry);
      if (entries.length === options.count) return { entries, searchedAll: true };
    }
    if (page.length < pageSize) return { entries, searchedAll: true };
    before = page.at(-1)?.sequence;
  }
  return { entries, searchedAll: false };
}

/**
 * Whether an entry concerns `about`: done by that person (their policy name, or their name as the
 * platform gave it), one of that request's (reference, approval, job or ARM request id), or about
 * that app or VM (a word of its command, or the last part of the Azure resource it changed).
 */
function concerns(policy: Policy, entry: AuditEntry, about: string): boolean {
  const wanted = about.toLowerCase();
  const same = (value: string | undefined) => value?.toLowerCase() === wanted;
  if (same(entry.actor.displayName) || same(policy.memberFor(entry.actor)?.name)) return true;
  if ([entry.correlationId, entry.approvalId, entry.jobId, entry.armRequestId].some(same)) return true;
  const words = (entry.commandText ?? '').toLowerCase().split(/\s+/);
  if (words.some((word) => word === wanted || word.endsWith(`/${wanted}`))) return true;
  const path = (entry.detail as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' && path.toLowerCase().split('/').includes(wanted);
}
