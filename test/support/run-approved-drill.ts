import { expect } from 'vitest';
import { cardText } from './fake-bot-connector.js';
import type { TestBot, User } from './start-test-bot.js';

/**
 * `dr drill <app>` asked by `requester` and approved by `approver`, followed until its drill VMs
 * run (its job then waits for the cleanup). Resolves with the conversation it was asked in.
 */
export async function runApprovedDrill(
  bot: TestBot,
  app: string,
  requester: User = 'alice',
  approver: User = 'bob',
): Promise<{ conversationId: string }> {
  const { conversationId } = await bot.send(`dr drill ${app}`, requester);
  const request = await bot.waitFor(conversationId, (t) => t.includes('Approval needed'));
  const approvalId = /apr-[0-9a-f]{8}/.exec(cardText(request.versions.at(-1)))?.[0] ?? '';
  expect(await bot.click('approval.approve', { approvalId }, approver)).toMatch(/Approved/);
  await bot.waitFor(conversationId, (t) => t.includes('Drill VMs are running'), 60_000);
  return { conversationId };
}
