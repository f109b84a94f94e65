import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText } from '../../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

const day = 86_400;
const setIdOf = (text: string) => /vm-web-01-\d{8}-\d{6}-[0-9a-f]{4}/.exec(text)?.[0] ?? '';

/** Sets age, are pruned and deleted; dry runs show exactly what would go and change nothing. */
describe('snapshot set lifecycle', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  /** Asks as alice, approves as bob on the approval card, and returns the outcome card's text. */
  const approved = async (text: string) => {
    const { conversationId } = await bot.send(text, 'alice');
    const card = await bot.waitFor(conversationId, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(card.versions.at(-1)))?.[0] ?? '';
    expect(await bot.click('approval.approve', { approvalId }, 'bob')).toContain('Approved');
    // The outcome card, not the approval card (which also turns to "done").
    const outcome = await bot.waitFor(
      conversationId,
      (t) => /: done|failed|no longer holds/.test(t) && !t.includes('Requested by'),
    );
    return cardText(outcome.versions.at(-1));
  };

  // The list's note names the newest set again (the next step to copy): each set once, in order.
  const setsOfWeb01 = async () => [
    ...new Set(
      (await bot.ask('snapshots vm-web-01', (t) => t.includes('vm-web-01'))).match(
        /vm-web-01-\d{8}-\d{6}-[0-9a-f]{4}/g,
      ) ?? [],
    ),
  ];

  it('prunes the sets older than the cut-off, after a dry run that deletes nothing', async () => {
    const first = setIdOf(await bot.ask('snapshot vm-web-01 full', (t) => t.includes('created')));
    await bot.advanceClock(2 * day);
    const second = setIdOf(await bot.ask('snapshot vm-web-01', (t) => t.includes('created')));
    await bot.advanceClock(8 * day);
    const third = setIdOf(await bot.ask('snapshot vm-web-01', (t) => t.includes('created')));
    expect(new Set([first, second, third]).size).toBe(3);
    expect(await setsOfWeb01()).toEqual([third, second, first]);

    const plan = await bot.ask('snapshot prune vm-web-01 older-than 7d --dry-run', (t) =>
      t.includes('Dry run'),
    );
    expect(plan).toContain(`${first}-os`);
    expect(plan).toContain(`${second}-os`);
    expect(plan).not.toContain(third);
    expect(await setsOfWeb01()).toHaveLength(3);

    const done = await approved('snapshot prune vm-web-01 older-than 7d');
    expect(done).toContain('Deleted 2 of 2');
    expect(await setsOfWeb01()).toEqual([third]);
  });

  it('never prunes the newest set, however old', async () => {
    await bot.advanceClock(30 * day);
    const text = await bot.ask('snapshot prune vm-web-01 older-than 7d', (t) => t.includes('prune'));
    expect(text).toContain('Nothing to prune');
    expect(await setsOfWeb01()).toHaveLength(1);
  });

  it('deletes a whole set by its id, after a dry run', async () => {
    const [only] = await setsOfWeb01();
    expect(await bot.ask(`snapshot delete ${only} --dry-run`, (t) => t.includes('Dry run'))).toContain(
      `${only}-os`,
    );
    expect(await setsOfWeb01()).toHaveLength(1);
    expect(await approved(`snapshot delete ${only}`)).toContain('Deleted 1 of 1');
    expect(await setsOfWeb01()).toHaveLength(0);
  });

  it('refuses to delete what does not exist, suggesting the set meant', async () => {
    const real = setIdOf(await bot.ask('snapshot vm-web-01', (t) => t.includes('created')));
    const typo = `${real.slice(0, -1)}${real.endsWith('9') ? '8' : '9'}`;
    const text = await bot.ask(`snapshot delete ${typo}`, (t) => t.includes('Unknown snapshot'));
    expect(text).toContain(`Did you mean “${real}”`);
    expect(await setsOfWeb01()).toEqual([real]);
  });

  it('keeps two snapshot commands started together apart (a double click)', async () => {
    const before = await setsOfWeb01();
    const [a, b] = await Promise.all([
      bot.ask('snapshot vm-web-01', (t) => /created|failed/.test(t)),
      bot.ask('snapshot vm-web-01', (t) => /created|failed/.test(t)),
    ]);
    expect(a).toContain('created');
    expect(b).toContain('created');
    expect(setIdOf(a)).not.toBe(setIdOf(b));
    expect(await setsOfWeb01()).toHaveLength(before.length + 2);
  });

  it('takes a consistent restore point covering every disk', async () => {
    const text = await bot.ask('snapshot vm-sql-01 consistent', (t) =>
      /Restore point .* (created|failed)/.test(t),
    );
    expect(text).toContain('Restore point of vm-sql-01 created');
    expect(text).toContain('3 disk restore point(s)');
  });
});
