import { describe, expect, it } from 'vitest';
import { buildConditionalUpdate } from '../../src/store/build-conditional-update.js';

describe('buildConditionalUpdate', () => {
  const options = {
    table: 'approvals',
    sets: [
      ['state', 'executing'],
      ['job_id', 'j-1'],
    ] as const,
    id: 'a-1',
    version: 3,
    updatedAt: 1_000,
  };

  it('writes one UPDATE ... WHERE version ... RETURNING with SQLite placeholders', () => {
    expect(buildConditionalUpdate({ ...options, states: ['requested', 'approved'] })).toEqual({
      sql:
        'UPDATE approvals SET state = ?, job_id = ?, version = version + 1, updated_at = ? ' +
        'WHERE id = ? AND version = ? AND state IN (?, ?) RETURNING *',
      params: ['executing', 'j-1', 1_000, 'a-1', 3, 'requested', 'approved'],
    });
  });

  it('numbers placeholders for PostgreSQL and omits the state test when no states are given', () => {
    const { sql, params } = buildConditionalUpdate({ ...options, placeholder: (n) => `$${n}` });
    expect(sql).toBe(
      'UPDATE approvals SET state = $1, job_id = $2, version = version + 1, updated_at = $3 ' +
        'WHERE id = $4 AND version = $5 RETURNING *',
    );
    expect(params).toEqual(['executing', 'j-1', 1_000, 'a-1', 3]);
  });
});
