import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStore } from '../alerts/alert-test-kit.js';
import { cardText } from '../support/fake-bot-connector.js';
import type { SlackMessage } from '../support/fake-slack-api.js';
import { type SlackTestBot, slackText, startSlackTestBot } from '../support/slack-test-bot.js';
import type { User } from '../support/start-test-bot.js';

/**
 * Load and soak: LOAD_COMMANDS commands (default 1000) from 50 user
 * sessions, half on Teams and half on Slack, while the simulator throttles 20% of ARM calls (429)
 * and fails 2% with 500. Every command gets exactly one final answer, every snapshot job ends
 * once (none lost, none twice), and the heap comes back to its level.
 */
const total = Number(process.env.LOAD_COMMANDS ?? 1000);
const sessions = 50;
const people: User[] = ['alice', 'bob', 'carol', 'dave', 'erin'];
const reads = [
  'status vm-web-01',
  'vms',
  'dr status',
  'jobs',
  'recovery points vm-sql-01',
  'snapshots vm-api-01',
];
const vms = ['vm-web-01', 'vm-web-02', 'vm-api-01', 'vm-crm-02'];

/** Still working: a progress card, not an answer yet. */
const inProgress = (text: string) =>
  /^(Taking|Snapshot of .* running|Working)/.test(text) || /\b(running|in progress)\b.*%/.test(text);

describe('load: many people, a throttling Azure', () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot({
      SIMULATOR_SPEED: '3600',
      RATE_LIMIT_USER_PER_MINUTE: '10000',
      RATE_LIMIT_CHANNEL_PER_MINUTE: '10000',
    });
  });
  afterAll(async () => t?.stop());

  it(`answers each of ${total} commands once and loses no job`, async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    // vitest.load.config.ts runs this with --expose-gc: the heap figures mean something.
    expect(gc).toBeDefined();
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    for (const fault of [
      { kind: 'throttle', count: -1, probability: 0.2, retryAfterSeconds: 0 },
      { kind: 'error', count: -1, probability: 0.02, status: 500 },
    ])
      expect((await t.bot.simulatorAdmin('POST', 'faults', fault)).status).toBe(201);

    const sent: { platform: 'teams' | 'slack'; where: string; text: string; user: User }[] = [];
    const waves = Math.ceil(total / sessions);
    for (let wave = 0; wave < waves; wave += 1) {
      const batch = Array.from({ length: Math.min(sessions, total - wave * sessions) }, (_v, session) => {
        const n = wave * sessions + session;
        const user = people[session % people.length] as User;
        const text = n % 4 === 0 ? `snapshot ${vms[n % vms.length]}` : (reads[n % reads.length] as string);
        const platform: 'teams' | 'slack' = session % 2 === 0 ? 'teams' : 'slack';
        const where = platform === 'teams' ? `load-${n}` : `C0LOAD${n}`;
        sent.push({ platform, where, text, user });
        return platform === 'teams' ? t.bot.send(text, user, where) : t.slash(user, text, where);
      });
      await Promise.all(batch);
    }

    const answersOf = (command: (typeof sent)[number]): string[] => {
      if (command.platform === 'teams')
        return t.bot.connector.inConversation(command.where).map((m) => cardText(m.versions.at(-1)));
      const inThread = t.slack.messages.filter(
        (m: SlackMessage) => m.channel === command.where && m.threadTs,
      );
      const privately = t.slack.ephemerals.filter((e) => e.channel === command.where);
      return [
        ...inThread.map((m) => slackText(m.versions.at(-1))),
        ...privately.map((e) => slackText(e.args)),
      ];
    };
    const settled = () =>
      sent.every((command) => {
        const answers = answersOf(command);
        return answers.length >= 1 && !answers.some(inProgress);
      });
    const deadline = Date.now() + 300_000;
    while (!settled() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const wrong = sent
      .map((command) => ({ ...command, answers: answersOf(command) }))
      .filter((command) => command.answers.length !== 1 || command.answers.some(inProgress));
    expect(
      wrong.map(
        (w) =>
          `${w.platform} ${w.where} ${w.user}: ${w.text} -> ${w.answers.map((a) => a.slice(0, 80)).join(' | ')}`,
      ),
    ).toEqual([]);
    for (const command of sent.filter((c) => c.user === 'dave' && c.text.startsWith('snapshot vm-')))
      expect(answersOf(command)[0]).toMatch(/Not permitted/);

    const jobs = await withStore(t.bot, (store) => store.listJobs({ limit: 100_000 }));
    const snapshots = sent.filter((c) => c.text.startsWith('snapshot vm-') && c.user !== 'dave');
    expect(jobs.filter((job) => job.commandId === 'snapshot.create')).toHaveLength(snapshots.length);
    expect(jobs.filter((job) => job.state === 'running')).toEqual([]);
    // Each ended job said so once: its message count is one, its result recorded.
    for (const job of jobs) expect(job.result, job.id).toBeDefined();

    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
    gc?.();
    const grownMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    console.log(
      JSON.stringify({
        commands: sent.length,
        snapshots: snapshots.length,
        heapGrowthMiB: Math.round(grownMiB),
      }),
    );
    expect(grownMiB).toBeLessThan(96);
  });
});
