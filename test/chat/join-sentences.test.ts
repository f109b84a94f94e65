import { describe, expect, it } from 'vitest';
import { joinSentences } from '../../src/chat/join-sentences.js';

describe('joinSentences', () => {
  it('ends each part as a sentence before the next, and leaves blanks out', () => {
    expect(joinSentences('VM Agent unable to communicate with Azure Backup', 'Wait for a few minutes.')).toBe(
      'VM Agent unable to communicate with Azure Backup. Wait for a few minutes.',
    );
    expect(joinSentences('Not done: expired at 19:39 UTC', undefined, ' ', 'Deletes 2 snapshots.')).toBe(
      'Not done: expired at 19:39 UTC. Deletes 2 snapshots.',
    );
    expect(joinSentences('Done!', 'Next (see “help”).', 'Last')).toBe('Done! Next (see “help”). Last');
  });
});
