import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { cardText } from '../support/fake-bot-connector.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/**
 * A graceful restart (SIGTERM, a deploy) in the middle of a long job: the job is not failed but
 * paused, in its own message, and the next start takes it up there. Here a file restore, which
 * stays open for hours and so always meets a deploy.
 */
describe('a long job across a graceful restart', () => {
  let first: TestBot | undefined;
  let second: RunningBot | undefined;
  afterAll(async () => {
    await second?.close();
    await first?.stop();
  });

  it('pauses an open file restore on shutdown and watches it again after the start', async () => {
    first = await startTestBot({}, { shutdownGraceMs: 200 });
    const { conversationId } = await first.send('restore files vm-web-01');
    const request = await first.waitFor(conversationId, (t) => t.includes('Approval needed'));
    const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(request.versions.at(-1)))?.[0] ?? '';
    expect(await first.click('approval.approve', { approvalId }, 'bob')).toMatch(/Approved/);
    const job = await first.waitFor(
      conversationId,
      (t) => t.includes('File restore from vm-web-01: open'),
      30_000,
    );

    const dataDir = first.dataDir;
    /** After a shutdown: the job still running and its approval still executing. */
    const expectPaused = async () => {
      const store = await SqliteStore.open({ file: join(dataDir, 'chatops.db') });
      const running = await store.listJobs({ states: ['running'] });
      const approval = await store.getApproval(approvalId);
      await store.close();
      expect(running.map((j) => j.commandId)).toEqual(['restore.files']);
      expect(approval?.state).toBe('executing');
    };
    /** A new start on the same data: the job is taken up in its message, with no failure posted. */
    const restartAndExpectOpen = async () => {
      second = await startBot(
        { PORT: '0', DATA_DIR: dataDir, SIMULATOR_SPEED: '3600', LOG_LEVEL: 'silent' },
        { shutdownGraceMs: 200 },
      );
      await expect
        .poll(() => cardText(job.versions.at(-1)), { timeout: 15_000 })
        .toContain('File restore from vm-web-01: open');
      const texts = first?.connector.inConversation(conversationId).map((m) => cardText(m.versions.at(-1)));
      // The same message throughout: no second "open" card, no failure posted.
      expect(texts?.filter((t) => t.startsWith('File restore from vm-web-01: open'))).toHaveLength(1);
      expect(texts?.filter((t) => /went wrong|interrupted|failed/i.test(t))).toEqual([]);
    };

    await first.bot.close();
    expect(cardText(job.versions.at(-1))).toContain('Paused: the bot is restarting');
    await expectPaused();
    await restartAndExpectOpen();

    // A second deploy while the resumed job runs: paused again, not failed, and the third start
    // takes it up once more.
    await second?.close();
    second = undefined;
    await expectPaused();
    await restartAndExpectOpen();
  });
});
