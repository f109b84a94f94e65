import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

/** Issue 22 item 7: a schedule that repeats an active one is refused, naming it and how to stop it. */
describe('duplicate drill schedules', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot?.stop());

  const answer = (text: string) =>
    bot.ask(text, (t) => /Drills of \w+ scheduled|Already scheduled|Cannot|I didn't/.test(t));

  it('refuses the same drill at the same times, however it is spelled, and names the one that exists', async () => {
    const created = await answer('schedule drill shop weekly on friday 14:00 UTC');
    expect(created).toContain('Drills of shop scheduled');
    const id = /sc-[0-9a-f]{6}/.exec(created)?.[0] ?? 'missing';

    for (const again of [
      'schedule drill shop weekly on friday 14:00 UTC',
      'schedule drill SHOP weekly on fri 2pm',
      'schedule a drill shop weekly on friday 14:00 Etc/UTC',
    ]) {
      const refused = await answer(again);
      expect(refused, again).toContain('Already scheduled');
      expect(refused, again).toContain(id);
      expect(refused, again).toContain('weekly on Friday at 14:00 UTC');
      expect(refused, again).toMatch(/next \d{4}-\d{2}-\d{2} 14:00 UTC/);
      expect(refused, again).toContain(`schedule delete ${id}`);
    }
    const list = await bot.ask('schedules', (t) => t.includes('Schedules'));
    expect(list).toContain('1 drill schedule(s)');
  });

  it('accepts other times or another app, and the same again once the first is stopped', async () => {
    expect(await answer('schedule drill shop weekly on friday 15:00 UTC')).toContain(
      'Drills of shop scheduled',
    );
    expect(await answer('schedule drill crm weekly on friday 14:00 UTC')).toContain(
      'Drills of crm scheduled',
    );
    const refused = await answer('schedule drill shop weekly on friday 15:00 UTC');
    const id = /sc-[0-9a-f]{6}/.exec(refused)?.[0] ?? 'missing';
    expect(await bot.ask(`schedule delete ${id}`, (t) => t.includes('stopped'))).toContain(
      `Schedule ${id} stopped`,
    );
    expect(await answer('schedule drill shop weekly on friday 15:00 UTC')).toContain(
      'Drills of shop scheduled',
    );
  });
});
