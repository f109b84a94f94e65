import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../../cards/render-adaptive-card.js';
import type { SiteRecoveryJob } from '../../../src/azure/site-recovery-port.js';
import { failedDrillView } from '../../../src/operations/site-recovery/dr-drill.js';
import { checkSentActivity, takeSentCardProblems } from '../../support/check-sent-cards.js';

const vault = {
  id: '/subscriptions/sub/resourceGroups/rg-bcdr-neu/providers/Microsoft.RecoveryServices/vaults/rsv-dr-neu',
  subscriptionId: 'sub',
  resourceGroup: 'rg-bcdr-neu',
  name: 'rsv-dr-neu',
};

function testFailoverJob(state: string, errors: SiteRecoveryJob['errors'] = []): SiteRecoveryJob {
  const start = new Date('2026-12-08T03:00:00Z');
  return {
    vault,
    name: 'a1b2c3d4-job',
    scenario: 'TestFailover',
    state,
    stateDescription: state === 'Succeeded' ? 'Completed' : 'Failed',
    allowedActions: [],
    startTime: start,
    endTime: new Date(start.getTime() + 95_000),
    tasks: [
      {
        name: 'group-1',
        friendlyName: 'Group 1: Start',
        state: state === 'Failed' ? 'Failed' : 'Succeeded',
        startTime: start,
        endTime: new Date(start.getTime() + 95_000),
        group: true,
        errors,
      },
    ],
    errors: [],
  };
}

/**
 * A drill whose test failover came up but whose plan no longer waits for cleanup was reported as
 * "DR drill of crm failed: ... The job ended succeeded." It failed nothing: someone ended it
 * outside the bot. The card says so, and the check of every sent card finds nothing to read wrong.
 */
describe('a drill that did not come up waiting for cleanup', () => {
  it('says a succeeded test failover ended outside the bot, not that the drill failed', () => {
    const view = failedDrillView('crm', testFailoverJob('Succeeded'));
    expect(view.title).toBe('DR drill of crm: ended outside the bot');
    expect(`${view.summary} ${view.notes?.join(' ')}`).not.toMatch(/failed|ended succeeded/);
    expect(view.notes?.join(' ')).toContain('dr status crm');
    checkSentActivity({
      attachments: [
        { contentType: 'application/vnd.microsoft.card.adaptive', content: renderAdaptiveCard(view) },
      ],
    });
    expect(takeSentCardProblems()).toEqual([]);
  });

  it('still names the failed step and Azure’s reason when the test failover failed', () => {
    const view = failedDrillView(
      'crm',
      testFailoverJob('Failed', [
        { code: '28031', message: 'Quota exceeded', recommendedAction: 'Raise the quota.' },
      ]),
    );
    expect(view.title).toBe('DR drill of crm failed');
    expect(view.summary).toContain('Group 1: Start');
    expect(view.summary).toContain('28031');
  });
});
