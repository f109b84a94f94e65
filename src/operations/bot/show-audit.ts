import type { View } from '../../chat/view.js';
import { formatTime } from '../format-values.js';
import type { Operation } from '../operation.js';

const defaultCount = 20;

/** `audit [n]`: the newest audit entries (admins). Longer periods: `npm run audit:export`. */
export const showAudit: Operation = async ({ command, store }) => {
  const count = typeof command.args.n === 'number' ? command.args.n : defaultCount;
  const entries = await store.listAudit({ limit: count });
  const view: View = {
    kind: 'audit-list',
    title: `Audit: the last ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`,
    tone: 'neutral',
    tables: [
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
    notes: ['Export a period as JSON Lines: `npm run audit:export -- --since 7d`.'],
  };
  return view;
};
