import { afterAll, describe, expect, it } from 'vitest';
import {
  buttonsStillPossible,
  drillsOnlyInIsolatedNetworks,
  isolatedTestNetworkId,
  oneAzureOperationPerPlan,
  oneChangePerApp,
  reportsAreTrue,
} from '../support/dr-model-invariants.js';
import type {
  ActiveApproval,
  OfferedButton,
  RunningJob,
  SimJob,
  SimTask,
  StoredReport,
  StoreView,
} from '../support/dr-model-observe.js';
import { DrModelHarness } from '../support/dr-model-property.js';

/**
 * Issue 18, "what must be true": fast-check's model runner drives random interleavings of
 * `dr drill` (into every network of the demo estate, isolated or not), `dr cleanup`, `dr done`,
 * `failover`, `commit`, `reprotect`, `failback` typed by alice, bob and carol for shop and crm,
 * Approve and Reject clicks, Done clicks, 31-minute clock jumps that expire requests, and bot
 * restarts, against one real bot (Teams activities over HTTP, the embedded simulator, SQLite).
 * After every step: one change per app in the bot, one Azure operation per plan, reports true to
 * the second, drills only into isolated networks, and (settled) no card offering a dead button.
 * The invariants are in test/support/dr-model-invariants.ts; more runs: `npm run test:load`.
 *
 * DR_MODEL_RUNS_FAST changes the number of runs; DR_MODEL_SEED (+ DR_MODEL_PATH) replays a
 * failure; DR_MODEL_VERBOSE=1 prints every run's steps; DR_MODEL_CENSUS=1 goes on after violations
 * and lists every rule that fails, with evidence.
 */
const runs = Number(process.env.DR_MODEL_RUNS_FAST ?? 200);
const census = process.env.DR_MODEL_CENSUS === '1';

describe('DR safety rules under random interleavings (issue 18)', () => {
  const harness = new DrModelHarness();
  afterAll(() => harness.close());

  it(`hold after every step of ${runs} random runs`, { timeout: 240_000 }, async () => {
    await harness.run({ numRuns: runs, timeLimitMs: 180_000, census });
    console.log(`DR model: ${harness.statsText()}`);
    if (harness.found.size > 0) throw new Error(harness.censusText());
    // Not vacuous: the runs got drills to Azure and their reports checked against its jobs.
    if (runs >= 100) {
      expect(harness.stats?.testFailovers.size, harness.statsText()).toBeGreaterThan(0);
      expect(harness.stats?.reports, harness.statsText()).toBeGreaterThan(0);
    }
  });
});

/**
 * The invariants themselves, on hand-made observations: each catches what it must and lets pass
 * what the rules allow, so a green model run means the rules held, not that a check was blind.
 */
describe('the DR model invariants', () => {
  const store = (changes: Partial<StoreView>): StoreView => ({
    activeApprovals: [],
    runningJobs: [],
    sharedDrillJobNames: [],
    newReports: [],
    approvalStates: new Map(),
    ...changes,
  });
  const approval = (id: string, commandText: string, state = 'requested'): ActiveApproval => ({
    id,
    commandId: commandText.startsWith('dr drill') ? 'dr.drill' : 'dr.failover.planned',
    commandText,
    state,
    app: commandText.split(' ').at(commandText.startsWith('dr ') ? 2 : 1),
  });
  const job = (
    id: string,
    commandId: string,
    app: string,
    held: string[],
    approvalId: string | null = null,
  ): RunningJob => ({
    id,
    commandId,
    commandText: `${commandId} ${app}`,
    approvalId,
    app,
    siteRecoveryJobs: held,
  });
  const task = (
    kind: string,
    startMs: number,
    endMs: number | undefined,
    extra: Partial<SimTask> = {},
  ): SimTask => ({
    friendlyName: kind,
    state: endMs === undefined ? 'NotStarted' : 'Succeeded',
    startMs,
    ...(endMs === undefined ? {} : { endMs }),
    step: { kind },
    ...extra,
  });
  const simJob = (
    name: string,
    plan: string,
    scenario: string,
    state: string,
    extra: Partial<SimJob> = {},
  ): SimJob => ({
    name,
    scenarioName: scenario,
    state,
    stateDescription: state,
    startMs: 1_000_000,
    planKey: `/subscriptions/s/resourcegroups/rg/providers/microsoft.recoveryservices/vaults/v/replicationrecoveryplans/${plan}`,
    tasks: [],
    ...extra,
  });

  it('one change per app: two requests, or two cleanups, are one too many; a cleanup beside its drill is not', () => {
    expect(
      oneChangePerApp(
        store({ activeApprovals: [approval('a1', 'dr drill shop'), approval('a2', 'dr drill shop')] }),
      ),
    ).toHaveLength(1);
    expect(
      oneChangePerApp(
        store({ activeApprovals: [approval('a1', 'dr drill shop'), approval('a2', 'dr drill crm')] }),
      ),
    ).toEqual([]);
    const drill = job('j1', 'dr.drill', 'shop', ['tfo-1'], 'a1');
    expect(
      oneChangePerApp(
        store({ runningJobs: [drill], activeApprovals: [approval('a1', 'dr drill shop', 'executing')] }),
      ),
    ).toEqual([]);
    expect(
      oneChangePerApp(store({ runningJobs: [drill, job('j2', 'dr.cleanup', 'shop', ['clean-1'])] })),
    ).toEqual([]);
    expect(
      oneChangePerApp(
        store({
          runningJobs: [drill, job('j2', 'dr.cleanup', 'shop', ['c1']), job('j3', 'dr.cleanup', 'shop', [])],
        }),
      ),
    ).toHaveLength(1);
    expect(
      oneChangePerApp(store({ runningJobs: [drill], activeApprovals: [approval('a9', 'failover shop')] })),
    ).toHaveLength(1);
  });

  it('one change per app: no two jobs follow one Azure job, now or ever for drills', () => {
    const twins = store({
      runningJobs: [job('j1', 'dr.drill', 'shop', ['tfo-1']), job('j2', 'dr.drill', 'crm', ['tfo-1'])],
    });
    expect(oneChangePerApp(twins).join()).toContain('all follow Site Recovery job tfo-1');
    expect(oneChangePerApp(store({ sharedDrillJobNames: [{ name: 'tfo-1', jobs: 'j1, j2' }] }))).toHaveLength(
      1,
    );
  });

  it('one Azure operation per plan: a test failover waiting for its cleanup is in flight', () => {
    const waiting = simJob('t1', 'shop', 'TestFailover', 'Suspended', {
      stateDescription: 'WaitingForStopTestFailover',
    });
    expect(
      oneAzureOperationPerPlan([waiting, simJob('p1', 'shop', 'PlannedFailover', 'InProgress')]),
    ).toHaveLength(1);
    expect(oneAzureOperationPerPlan([waiting, simJob('p1', 'crm', 'PlannedFailover', 'InProgress')])).toEqual(
      [],
    );
    expect(
      oneAzureOperationPerPlan([
        simJob('t1', 'shop', 'TestFailover', 'Succeeded'),
        simJob('c1', 'shop', 'TestFailoverCleanup', 'InProgress'),
      ]),
    ).toEqual([]);
  });

  it('drills only into the isolated network, whatever the casing of its id', () => {
    const into = (networkId: string) => [
      simJob('t1', 'shop', 'TestFailover', 'Succeeded', { work: { scenario: 'TestFailover', networkId } }),
    ];
    expect(drillsOnlyInIsolatedNetworks(into(isolatedTestNetworkId.toUpperCase()))).toEqual([]);
    expect(
      drillsOnlyInIsolatedNetworks(into(isolatedTestNetworkId.replace('vnet-dr-test', 'vnet-shop-prod'))),
    ).toHaveLength(1);
    expect(
      drillsOnlyInIsolatedNetworks(into(isolatedTestNetworkId.replace('vnet-dr-test', 'vnet-dr-shared'))),
    ).toHaveLength(1);
  });

  describe('reports true to the second', () => {
    // A test failover of shop: groups end 130 s and 300 s in, the manual step is confirmed at 900 s.
    const tfo = simJob('tfo-1', 'shop', 'TestFailover', 'Succeeded', {
      tasks: [
        task('check', 1_000_000, 1_030_000),
        task('group', 1_030_000, 1_130_000),
        task('group', 1_130_000, 1_300_000),
        task('action', 1_300_000, 1_900_000, { step: { kind: 'action', manual: true } }),
      ],
    });
    const report = (
      body: Record<string, unknown>,
      id = 'r1',
      /** The test failover the report's drill job holds; null: it holds none. */
      own: string | null = 'tfo-1',
    ): StoredReport => ({
      id,
      drillJobId: 'j1',
      body: { siteRecoveryJob: 'tfo-1', ...body },
      drillJobsTestFailover: own ?? undefined,
    });
    const check = (reports: StoredReport[]) => reportsAreTrue(reports, [tfo], new Map());
    const exact = { vmsRunningSeconds: 300, serviceRestoredSeconds: 900 };

    it("passes the figures of Azure's tasks to the second, and nothing a second off", () => {
      expect(check([report(exact)])).toEqual([]);
      expect(check([report({ ...exact, startedAt: new Date(1_000_000).toISOString() })])).toEqual([]);
      expect(check([report({ ...exact, vmsRunningSeconds: 301 })])).toHaveLength(1);
      expect(check([report({ ...exact, serviceRestoredSeconds: 899.6 })])).toHaveLength(1);
      expect(check([report({ ...exact, startedAt: new Date(1_001_000).toISOString() })])).toHaveLength(1);
    });

    it('refuses a negative, a wrong, or a missing figure', () => {
      expect(check([report({ ...exact, vmsRunningSeconds: -2 })])).toHaveLength(1);
      expect(check([report({ ...exact, serviceRestoredSeconds: 300 })])).toHaveLength(1);
      expect(check([report({ vmsRunningSeconds: 300 })]).join()).toContain('no serviceRestoredSeconds');
      expect(check([report({ ...exact, vmsRunningAt: new Date(1_290_000).toISOString() })])).toHaveLength(1);
    });

    it("refuses a report of another drill job's test failover, and a second report of one", () => {
      expect(check([report(exact, 'r1', 'tfo-other')]).join()).toContain('not bound');
      expect(check([report(exact, 'r1', null)]).join()).toContain('not bound');
      expect(check([report(exact, 'r1'), report(exact, 'r2')]).join()).toContain('already has report r1');
    });
  });

  it('no dead buttons: decisions only on open requests, Done only at the waiting step', () => {
    const button = (verb: string, data: Record<string, string>, card = ''): OfferedButton => ({
      messageId: 'm1',
      conversationId: 'c1',
      verb,
      data,
      card,
    });
    const states = new Map([
      ['apr-open', 'requested'],
      ['apr-done', 'succeeded'],
    ]);
    const waiting = simJob('t1', 'shop', 'TestFailover', 'Suspended', {
      stateDescription: 'WaitingForManualAction',
      nextTask: 0,
      tasks: [
        task('action', 1_000_000, undefined, {
          friendlyName: 'Confirm DNS cutover',
          step: { kind: 'action', manual: true },
        }),
      ],
    });
    const done = button(
      'run',
      { command: 'dr done shop' },
      'shop: manual step waiting\nConfirm DNS cutover. Point...',
    );
    expect(
      buttonsStillPossible([button('approval.approve', { approvalId: 'apr-open' })], states, []),
    ).toEqual([]);
    expect(
      buttonsStillPossible([button('approval.view', { approvalId: 'apr-done' })], states, []),
    ).toHaveLength(1);
    expect(buttonsStillPossible([done], states, [waiting])).toEqual([]);
    expect(
      buttonsStillPossible([done], states, [
        { ...waiting, state: 'Succeeded', stateDescription: 'Completed' },
      ]),
    ).toHaveLength(1);
    expect(buttonsStillPossible([button('run', { command: 'commit shop' })], states, [])).toEqual([]);
  });
});
