import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { SiteRecoveryJob, SiteRecoveryTask } from '../../../src/azure/site-recovery-port.js';
import type { MessageRef } from '../../../src/chat/chat-event.js';
import type { View } from '../../../src/chat/view.js';
import type { OperationContext } from '../../../src/operations/operation.js';
import {
  type AnnouncedEntry,
  updateManualStepCards,
} from '../../../src/operations/site-recovery/update-manual-step-cards.js';

/**
 * The manual-step cards against job states Azure shows, including what the end-to-end tests cannot
 * reach in the simulator: a job that ends while the step waits, a chat service that fails an
 * update, and a state saved before the card's ref was kept (`announced` as task names).
 */
const step = 'Group 3: Post-steps: Confirm DNS cutover';
const vault = { id: 'v', subscriptionId: 's', resourceGroup: 'rg-bcdr-neu', name: 'rsv-dr-neu' };
const ref: MessageRef = { platform: 'teams', conversationId: 'c1', messageId: 'm1', reference: {} };

function jobWith(task: Partial<SiteRecoveryTask>, job: Partial<SiteRecoveryJob> = {}): SiteRecoveryJob {
  return {
    vault,
    name: 'job-1',
    scenario: 'TestFailover',
    state: 'InProgress',
    stateDescription: 'InProgress',
    allowedActions: [],
    errors: [],
    tasks: [
      {
        name: 'ManualActionTask',
        friendlyName: step,
        state: 'Suspended',
        group: false,
        manual: { instructions: 'Point shop.contoso.com at the recovered web tier.' },
        errors: [],
        ...task,
      },
    ],
    ...job,
  };
}

/** A context whose chat records what is posted and updated (or refuses updates). */
function chat(options: { failUpdates?: boolean } = {}) {
  const posted: View[] = [];
  const updated: { message: MessageRef; view: View }[] = [];
  const context = {
    log: pino({ level: 'silent' }),
    post: async (view: View) => {
      posted.push(view);
      return ref;
    },
    update: async (message: MessageRef, view: View) => {
      if (options.failUpdates) throw new Error('503 from the connector');
      updated.push({ message, view });
    },
  } as unknown as OperationContext;
  return { context, posted, updated };
}

const waiting = jobWith({}, { state: 'Suspended', stateDescription: 'WaitingForManualAction' });
const endTime = new Date('2026-12-04T19:20:14.600Z');

describe('manual-step cards', () => {
  it('posts the waiting card once, bound to its job and step, and keeps its ref', async () => {
    const { context, posted } = chat();
    const state: { announced: AnnouncedEntry[] } = { announced: [] };
    let saves = 0;
    const save = async () => void saves++;
    await updateManualStepCards(context, 'shop', waiting, state, save);
    await updateManualStepCards(context, 'shop', waiting, state, save);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.actions?.[0]?.data).toEqual({ command: 'dr done shop', job: 'job-1', step });
    expect(state.announced).toEqual([{ task: step, message: ref }]);
    expect(saves).toBe(1);
  });

  it('turns it into who and when, once, without a button, whoever confirmed', async () => {
    const cases: [string | undefined, string][] = [
      ['done by bob via chat', 'Done by bob at 19:20:14 UTC.'],
      ['done by carol via chat: DNS switched', 'Done by carol at 19:20:14 UTC.'],
      [undefined, 'Confirmed in the Azure portal at 19:20:14 UTC.'],
      [
        'switched by the network team',
        'Confirmed outside the chat at 19:20:14 UTC: "switched by the network team".',
      ],
    ];
    for (const [observation, sentence] of cases) {
      const { context, updated } = chat();
      const state: { announced: AnnouncedEntry[] } = { announced: [{ task: step, message: ref }] };
      const done = jobWith({
        state: 'Succeeded',
        endTime,
        manual: { instructions: '', ...(observation ? { observation } : {}) },
      });
      await updateManualStepCards(context, 'shop', done, state, async () => undefined);
      await updateManualStepCards(context, 'shop', done, state, async () => undefined);
      expect(updated, String(observation)).toHaveLength(1);
      expect(updated[0]?.message).toBe(ref);
      expect(updated[0]?.view.summary).toBe(`${step}. ${sentence}`);
      expect(updated[0]?.view.actions ?? []).toEqual([]);
      expect(state.announced).toEqual([{ task: step, message: ref, settled: true }]);
    }
  });

  it('says the job ended while the step waited, without a button', async () => {
    const { context, updated } = chat();
    const state: { announced: AnnouncedEntry[] } = { announced: [{ task: step, message: ref }] };
    const cancelled = jobWith({ state: 'Cancelled' }, { state: 'Cancelled', endTime });
    await updateManualStepCards(context, 'shop', cancelled, state, async () => undefined);
    expect(updated[0]?.view.title).toBe('shop: manual step no longer waiting');
    expect(updated[0]?.view.summary).toContain('The Site Recovery job ended Cancelled at 19:20:14 UTC');
    expect(updated[0]?.view.actions ?? []).toEqual([]);
  });

  it('tries a card again at the next look when the chat service failed its update', async () => {
    const refusing = chat({ failUpdates: true });
    const state: { announced: AnnouncedEntry[] } = { announced: [{ task: step, message: ref }] };
    const done = jobWith({ state: 'Succeeded', endTime, manual: { instructions: '' } });
    await updateManualStepCards(refusing.context, 'shop', done, state, async () => undefined);
    expect(state.announced).toEqual([{ task: step, message: ref }]);
    const answering = chat();
    await updateManualStepCards(answering.context, 'shop', done, state, async () => undefined);
    expect(answering.updated).toHaveLength(1);
  });

  it('reads a state saved as task names: no second card, nothing to update', async () => {
    const { context, posted, updated } = chat();
    const state: { announced: AnnouncedEntry[] } = { announced: [step] };
    await updateManualStepCards(context, 'shop', waiting, state, async () => undefined);
    const done = jobWith({ state: 'Succeeded', endTime, manual: { instructions: '' } });
    await updateManualStepCards(context, 'shop', done, state, async () => undefined);
    expect(posted).toEqual([]);
    expect(updated).toEqual([]);
    expect(state.announced).toEqual([step]);
  });
});
