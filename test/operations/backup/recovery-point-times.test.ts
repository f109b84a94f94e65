import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPointTime, resolvePointTime } from '../../../src/commands/point-time.js';
import { startTestBot, type TestBot } from '../../support/start-test-bot.js';

const subscription = '00000000-0000-0000-0000-000000000001';
const item =
  `/subscriptions/${subscription}/resourceGroups/rg-bcdr-weu/providers/Microsoft.RecoveryServices/vaults/rsv-prod-weu` +
  '/backupFabrics/Azure/protectionContainers/iaasvmcontainer;iaasvmcontainerv2;rg-shop-prod;vm-web-01' +
  '/protectedItems/vm;iaasvmcontainerv2;rg-shop-prod;vm-web-01';

interface Point {
  name: string;
  time: number;
}

/**
 * Issue 22 item 4, end to end: `recovery points` reaches every point by the command each page
 * names, and the restores take `yesterday 18:00`, `2h ago`, `today 06:00` and `2026-12-07 18:00`.
 * Nothing here depends on the time of day: expectations are computed from the points Azure holds
 * and the bot's clock read before and after each command (a point exactly at the boundary may be
 * either), so the 22:30 UTC backups and midnight cannot make it flaky.
 */
describe('recovery points: pages and times', () => {
  let bot: TestBot;
  let points: Point[];
  beforeAll(async () => {
    bot = await startTestBot();
    const listed = await bot.arm<{ value: { name: string; properties: { recoveryPointTime: string } }[] }>(
      `${item}/recoveryPoints`,
      '2023-06-01',
    );
    points = listed.value
      .map((p) => ({ name: p.name, time: Date.parse(p.properties.recoveryPointTime) }))
      .sort((a, b) => b.time - a.time);
  });
  afterAll(async () => bot?.stop());

  const now = () => new Date(Date.now() + bot.clockOffsetMs());
  /** Copyable commands in an answer, as the client shows them (backticks or typographic quotes). */
  const commandsIn = (text: string) =>
    [...text.matchAll(/[`“]((?:recovery points|restore) [^`”]+)[`”]/g)].map((m) => m[1] ?? '');
  const idsIn = (text: string) => [...text.matchAll(/^(\d{14})$/gm)].map((m) => m[1] ?? '');

  /** The points the words may name: the newest at or before them, at the clock before and after. */
  function expectedFor(words: string, before: Date, after: Date): string[] {
    const time = readPointTime(words);
    if (!time) throw new Error(`not a time: ${words}`);
    return [before, after].map((clock) => {
      const at = resolvePointTime(time, clock).at.getTime();
      return points.find((p) => p.time <= at)?.name ?? 'none';
    });
  }

  it('pages through every point: the note names the command for the rest, none twice', async () => {
    expect(points.length).toBeGreaterThan(20);
    let command: string | undefined = 'recovery points vm-web-01';
    const seen: string[] = [];
    for (let pages = 0; command && pages < 10; pages += 1) {
      const text = await bot.ask(command, (t) => t.startsWith('Recovery points of vm-web-01'));
      expect(text).toContain(`${points.length} point(s)`);
      seen.push(...idsIn(text));
      command = commandsIn(text).find(
        (c) => c.startsWith('recovery points') && /older point/.test(text) && c.includes(`page ${pages + 2}`),
      );
    }
    expect(seen).toEqual(points.map((p) => p.name));
  });

  it('narrows to a window with since and until, and pages inside it', async () => {
    const until = '10d ago';
    const before = now();
    const text = await bot.ask(`recovery points vm-web-01 until ${until}`, (t) => t.includes('vm-web-01'));
    const after = now();
    const ids = idsIn(text);
    const edge = (clock: Date) => clock.getTime() - 10 * 86_400_000;
    const surely = points.filter((p) => p.time <= edge(before)).map((p) => p.name);
    const maybe = points.filter((p) => p.time <= edge(after)).map((p) => p.name);
    expect(ids.length).toBeGreaterThan(0);
    expect([surely.slice(0, 20), maybe.slice(0, 20)]).toContainEqual(ids);
    const since = await bot.ask('recovery points vm-web-01 since 3d', (t) => t.includes('vm-web-01'));
    expect(idsIn(since).length).toBeGreaterThanOrEqual(2);
    expect(idsIn(since).length).toBeLessThanOrEqual(4);
    expect(idsIn(since)).toEqual(points.slice(0, idsIn(since).length).map((p) => p.name));
  });

  it.each([['yesterday 18:00'], ['2h ago'], ['2 days ago'], ['today 06:00'], ['yesterday']])(
    'restores from %s: the newest point at or before it, named with its time and consistency',
    async (words) => {
      const before = now();
      const text = await bot.ask(`restore vm-web-01 from ${words} disks --dry-run`, (t) =>
        /Dry run|Time in the future/.test(t),
      );
      const after = now();
      // `today 06:00` before 06:00 UTC is later than now: said so, with the newest point to copy.
      if (text.includes('Time in the future')) {
        expect(words).toBe('today 06:00');
        expect(text).toContain(`restore vm-web-01 from ${points[0]?.name} disks --dry-run`);
        return;
      }
      const chosen = /Point id\n(\d{14})/.exec(text)?.[1];
      expect(expectedFor(words, before, after)).toContain(chosen);
      expect(text).toMatch(/Chosen as\nthe newest at or before \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
      expect(text).toMatch(/Consistency\n(application|file-system|crash)-consistent/);
      expect(text).toMatch(/Recovery point\n\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(/);
    },
  );

  it('restores from a date and time written out, and a file restore takes the same words', async () => {
    const third = points[2];
    if (!third) throw new Error('too few points');
    // One minute after the third point, as a person reads it off the list.
    const written = new Date(third.time + 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const text = await bot.ask(`restore vm-web-01 from ${written} disks --dry-run`, (t) =>
      t.includes('Dry run'),
    );
    expect(/Point id\n(\d{14})/.exec(text)?.[1]).toBe(third.name);
    expect(text).toContain(`the newest at or before ${written} UTC`);
    const before = now();
    const files = await bot.ask('restore files vm-web-01 from yesterday 18:00', (t) =>
      t.includes('File restore'),
    );
    const after = now();
    expect(expectedFor('yesterday 18:00', before, after)).toContain(/Point id\n(\d{14})/.exec(files)?.[1]);
    expect(files).toContain('Chosen as');
  });

  it('answers a time no point matches with the nearest points, as commands that work', async () => {
    const old = await bot.ask('restore vm-web-01 from 2020-01-01 18:00 disks --dry-run', (t) =>
      t.includes('No recovery point that old'),
    );
    const oldest = points.at(-1)?.name;
    const offered = commandsIn(old).filter((c) => c.startsWith('restore'));
    expect(offered[0]).toBe(`restore vm-web-01 from ${oldest} disks --dry-run`);
    const retried = await bot.ask(offered[0] ?? '', (t) => t.includes('Dry run'));
    expect(retried).toContain(`Point id\n${oldest}`);

    const future = await bot.ask(
      'restore vm-web-01 from 2099-01-01 00:00 as new vm-web-01-x --dry-run',
      (t) => t.includes('Time in the future'),
    );
    expect(commandsIn(future)).toContain(
      `restore vm-web-01 from ${points[0]?.name} as new vm-web-01-x --dry-run`,
    );
  });

  it('says which page is the last when asked for one past the end', async () => {
    const text = await bot.ask('recovery points vm-web-01 page 9', (t) => t.includes('vm-web-01'));
    const pages = Math.ceil(points.length / 20);
    expect(text).toContain(`No page 9`);
    expect(commandsIn(text)).toContain(`recovery points vm-web-01 page ${pages}`);
  });
});
