import type { Actor } from '../chat/chat-event.js';
import type { ChangeClaim, ChangeClaimStorePort } from './change-claim-port.js';
import { decodeJsonAs, encodeRequiredJson } from './json-codec.js';
import type { SqlRunner } from './sql-alert-store.js';
import { toMs } from './sqlite-rows.js';

interface ClaimRow {
  scope: string;
  holder: string;
  command_id: string;
  command_text: string;
  requester: string;
  created_at: number | string;
}

/** ChangeClaimStorePort in portable SQL (the same statements on SQLite and PostgreSQL). */
export class SqlChangeClaims implements ChangeClaimStorePort {
  constructor(private readonly sql: SqlRunner) {}

  async take(claim: ChangeClaim): Promise<ChangeClaim> {
    const row = claimToRow(claim);
    const inserted = await this.sql<ClaimRow>(
      'INSERT INTO change_claims (scope, holder, command_id, command_text, requester, created_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope) DO NOTHING RETURNING *',
      [row.scope, row.holder, row.command_id, row.command_text, row.requester, row.created_at],
    );
    const first = inserted[0];
    if (first) return rowToClaim(first);
    // Released between the insert and this read: the caller tries again and takes it then.
    return (await this.get(claim.scope)) ?? { ...claim, holder: '' };
  }

  async replace(staleHolder: string, claim: ChangeClaim): Promise<boolean> {
    const row = claimToRow(claim);
    const updated = await this.sql<ClaimRow>(
      'UPDATE change_claims SET holder = ?, command_id = ?, command_text = ?, requester = ?, created_at = ? ' +
        'WHERE scope = ? AND holder = ? RETURNING scope',
      [row.holder, row.command_id, row.command_text, row.requester, row.created_at, row.scope, staleHolder],
    );
    return updated.length > 0;
  }

  async get(scope: string): Promise<ChangeClaim | undefined> {
    const rows = await this.sql<ClaimRow>('SELECT * FROM change_claims WHERE scope = ?', [scope]);
    return rows[0] && rowToClaim(rows[0]);
  }

  async release(holder: string, scope?: string): Promise<number> {
    const rows =
      scope === undefined
        ? await this.sql<ClaimRow>('DELETE FROM change_claims WHERE holder = ? RETURNING scope', [holder])
        : await this.sql<ClaimRow>(
            'DELETE FROM change_claims WHERE holder = ? AND scope = ? RETURNING scope',
            [holder, scope],
          );
    return rows.length;
  }

  async list(): Promise<ChangeClaim[]> {
    const rows = await this.sql<ClaimRow>('SELECT * FROM change_claims ORDER BY created_at, scope', []);
    return rows.map(rowToClaim);
  }
}

function claimToRow(claim: ChangeClaim) {
  return {
    scope: claim.scope,
    holder: claim.holder,
    command_id: claim.commandId,
    command_text: claim.commandText,
    requester: encodeRequiredJson(claim.requester, 'requester'),
    created_at: toMs(claim.createdAt, 'createdAt'),
  };
}

function rowToClaim(row: ClaimRow): ChangeClaim {
  return {
    scope: row.scope,
    holder: row.holder,
    commandId: row.command_id,
    commandText: row.command_text,
    requester: decodeJsonAs<Actor>(row.requester, 'change_claims.requester'),
    // PostgreSQL returns BIGINT as a string.
    createdAt: new Date(Number(row.created_at)),
  };
}
