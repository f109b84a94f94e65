import { describe, expect, it } from 'vitest';
import type { SiteRecoveryJob, SiteRecoveryTask } from '../../../src/azure/site-recovery-port.js';
import { formatTimeToSecond } from '../../../src/operations/format-values.js';
import { measureDrillRto } from '../../../src/operations/site-recovery/measure-drill-rto.js';

/**
 * The two RTO figures from a test failover job's task times, and what the report says instead of a
 * figure when Azure's times do not give one. Times carry milliseconds, as Azure's do.
 */
const start = Date.parse('2026-12-04T19:19:59.600Z');
const at = (seconds: number) => new Date(start + seconds * 1000);
const task = (friendlyName: string, from: number, to?: number, extra: Partial<SiteRecoveryTask> = {}) => ({
  name: 'Task',
  friendlyName,
  state: to === undefined ? 'InProgress' : 'Succeeded',
  group: false,
  startTime: at(from),
  ...(to === undefined ? {} : { endTime: at(to) }),
  errors: [],
  ...extra,
});
const manual = { instructions: 'Point shop.contoso.com at the recovered web tier.' };

/** `null`: a job Azure gave no start time. */
function job(tasks: SiteRecoveryTask[], startTime: Date | null = at(0)): SiteRecoveryJob {
  return {
    vault: { id: 'v', subscriptionId: 's', resourceGroup: 'rg', name: 'rsv' },
    name: 'job-1',
    scenario: 'TestFailover',
    state: 'Suspended',
    stateDescription: 'WaitingForStopTestFailover',
    allowedActions: [],
    ...(startTime ? { startTime } : {}),
    tasks,
    errors: [],
  };
}

const shop = [
  task('Prerequisites check', 0, 0.5),
  task('Group 1: Start virtual machines (vm-sql-01)', 0.5, 2.9, { group: true }),
  task('Group 2: Start virtual machines (vm-web-01)', 2.9, 14.8, { group: true }),
  task('Group 2: Post-steps: Confirm DNS cutover', 14.8, 61.3, { manual }),
];

describe('measureDrillRto', () => {
  it('measures both figures in whole seconds of the times as shown (cut, not rounded)', () => {
    const rto = measureDrillRto(job(shop));
    // 19:19:59.6 -> 19:20:14.4 is shown 19:19:59 -> 19:20:14: 15 s, though only 14.8 s passed.
    expect(rto.vmsRunningAt).toEqual(at(14.8));
    expect(rto.vmsRunningSeconds).toBe(15);
    expect(rto.serviceRestoredAt).toEqual(at(61.3));
    expect(rto.serviceRestoredSeconds).toBe(61);
    expect(rto.serviceRestoredStep).toBe('Group 2: Post-steps: Confirm DNS cutover');
    expect(rto.missing).toEqual([]);
  });

  it('never ends "service restored" before the VMs run, wherever the manual step is', () => {
    const early = [
      task('Prerequisites check', 0, 0.5),
      task('Group 1: Start virtual machines (vm-sql-01)', 0.5, 2.9, { group: true }),
      task('Group 1: Post-steps: Confirm SQL is up', 2.9, 9.2, { manual }),
      task('Group 2: Start virtual machines (vm-web-01)', 9.2, 30.4, { group: true }),
    ];
    const rto = measureDrillRto(job(early));
    expect(rto.vmsRunningSeconds).toBe(31);
    expect(rto.serviceRestoredSeconds).toBe(31);
    expect(rto.serviceRestoredStep).toBe('Group 2: Start virtual machines (vm-web-01)');
  });

  it('ends "service restored" at the last task when the plan has no manual step', () => {
    const rto = measureDrillRto(job(shop.slice(0, 3)));
    expect(rto.serviceRestoredSeconds).toBe(15);
    expect(rto.serviceRestoredStep).toBe('Group 2: Start virtual machines (vm-web-01)');
  });

  it('names what is missing instead of a figure: a step never confirmed, a group that failed', () => {
    const waiting = [
      ...shop.slice(0, 3),
      task('Group 2: Post-steps: Confirm DNS cutover', 14.8, undefined, { manual, state: 'Suspended' }),
    ];
    expect(measureDrillRto(job(waiting))).toMatchObject({
      vmsRunningSeconds: 15,
      missing: [
        'RTO "service restored": the manual step "Group 2: Post-steps: Confirm DNS cutover" was never confirmed (waiting).',
      ],
    });
    const failed = [shop[0], shop[1], { ...shop[2], state: 'Failed' }] as SiteRecoveryTask[];
    const rto = measureDrillRto(job(failed));
    expect(rto.vmsRunningSeconds).toBeUndefined();
    expect(rto.serviceRestoredSeconds).toBeUndefined();
    expect(rto.missing).toEqual([
      'RTO "VMs running": "Group 2: Start virtual machines (vm-web-01)" did not finish (failed).',
      'RTO "service restored": "Group 2: Start virtual machines (vm-web-01)" did not finish (failed).',
    ]);
  });

  it('never gives a negative figure, and nothing without the job or its start', () => {
    const backwards = measureDrillRto(job(shop, at(100)));
    expect(backwards.vmsRunningSeconds).toBeUndefined();
    expect(backwards.serviceRestoredSeconds).toBeUndefined();
    expect(backwards.missing[0]).toMatch(/RTO "VMs running": Azure's end of .* is before the job's start/);
    expect(measureDrillRto(job(shop, null)).missing).toEqual([
      'RTO "VMs running": Azure gave no start time for test failover job job-1.',
      'RTO "service restored": Azure gave no start time for test failover job job-1.',
    ]);
    expect(measureDrillRto(undefined, 'the job is not known').missing).toEqual([
      'RTO "VMs running": the job is not known.',
      'RTO "service restored": the job is not known.',
    ]);
  });
});

describe('formatTimeToSecond', () => {
  it('shows UTC and the zone to the second, with daylight saving', () => {
    expect(formatTimeToSecond(new Date('2026-12-04T19:20:14.900Z'), 'Europe/Amsterdam')).toBe(
      '2026-12-04 19:20:14 UTC (20:20:14 Europe/Amsterdam)',
    );
    expect(formatTimeToSecond(new Date('2026-07-04T19:20:14Z'), 'Europe/Amsterdam')).toBe(
      '2026-07-04 19:20:14 UTC (21:20:14 Europe/Amsterdam)',
    );
  });

  it('gives the zone its own date when it differs, and plain UTC without a zone', () => {
    expect(formatTimeToSecond(new Date('2026-12-04T23:20:14Z'), 'Asia/Tokyo')).toBe(
      '2026-12-04 23:20:14 UTC (2026-12-05 08:20:14 Asia/Tokyo)',
    );
    expect(formatTimeToSecond(new Date('2026-12-04T23:20:14Z'))).toBe('2026-12-04 23:20:14 UTC');
    expect(formatTimeToSecond(new Date('2026-12-04T23:20:14Z'), 'UTC', { withDate: false })).toBe(
      '23:20:14 UTC',
    );
    expect(formatTimeToSecond(undefined)).toBe('unknown');
  });
});
