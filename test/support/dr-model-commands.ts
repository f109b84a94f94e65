import fc from 'fast-check';
import { checkAfterStep, currentButtons, waitForQuiet } from './dr-model-check.js';
import type { OfferedButton } from './dr-model-observe.js';
import {
  clickButton,
  count,
  type DrWorld,
  note,
  restartBot,
  stepEnded,
  typeCommand,
} from './dr-model-world.js';
import type { User } from './start-test-bot.js';

/**
 * The steps of the DR model test as fast-check commands. The model is thin on purpose: what the
 * cards offer now (read from the real connector after each step), so that clicks go to buttons a
 * user could press. What is allowed is the bot's to decide; the invariants judge the outcome.
 */
export interface DrModel {
  approvals: OfferedButton[];
  doneButtons: OfferedButton[];
  /** Approval ids any card ever showed: a click on a stale card (an old client) uses one. */
  seenApprovals: string[];
  restarts: number;
}

type DrCommand = fc.AsyncCommand<DrModel, DrWorld>;

/** The buttons of an open request: Teams' shared card shows "Show my options" (approval.view). */
const decisionVerbs = new Set(['approval.view', 'approval.approve', 'approval.reject']);

/** The model as the world shows it now. */
export function modelOf(world: DrWorld): DrModel {
  const buttons = currentButtons(world);
  const approvals = uniqueBy(
    buttons.filter((b) => decisionVerbs.has(b.verb)),
    (b) => b.data.approvalId ?? '',
  );
  for (const button of approvals)
    if (!world.seenApprovals.includes(button.data.approvalId ?? ''))
      world.seenApprovals.push(button.data.approvalId ?? '');
  return {
    approvals,
    doneButtons: buttons.filter((b) => b.verb === 'run' && /^dr done /.test(b.data.command ?? '')),
    seenApprovals: [...world.seenApprovals],
    restarts: 0,
  };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

/** Every step ends the same way: the invariants, then the model read again. */
async function endStep(model: DrModel, world: DrWorld): Promise<void> {
  await checkAfterStep(world);
  stepEnded(world);
  const next = modelOf(world);
  model.approvals = next.approvals;
  model.doneButtons = next.doneButtons;
  model.seenApprovals = next.seenApprovals;
}

/** "dr drill shop network x" -> "dr drill"; "failover shop" -> "failover". */
function commandWords(text: string): string {
  const words = text.split(' ');
  return words.slice(0, words[0] === 'dr' ? 2 : 1).join(' ');
}

class TypeCommand implements DrCommand {
  constructor(
    readonly user: User,
    readonly text: string,
  ) {}
  check = () => true;
  async run(model: DrModel, world: DrWorld): Promise<void> {
    count(world, `typed ${commandWords(this.text)}`);
    await typeCommand(world, this.text, this.user);
    await endStep(model, world);
  }
  toString = () => `${this.user}: ${this.text}`;
}

class DecideApproval implements DrCommand {
  constructor(
    readonly verb: 'approval.approve' | 'approval.reject',
    readonly by: User,
    readonly pick: number,
    readonly stale: boolean,
  ) {}
  check = (model: Readonly<DrModel>) => (this.stale ? model.seenApprovals : model.approvals).length > 0;
  async run(model: DrModel, world: DrWorld): Promise<void> {
    const offered = model.approvals[this.pick % Math.max(1, model.approvals.length)];
    const approvalId = this.stale
      ? (model.seenApprovals[this.pick % model.seenApprovals.length] ?? '')
      : (offered?.data.approvalId ?? '');
    const conversationId = this.stale ? `stale-${approvalId}` : (offered?.conversationId ?? '');
    count(world, `${this.verb}${this.stale ? ' (stale card)' : ''}`);
    await clickButton(world, { verb: this.verb, data: { approvalId }, conversationId }, this.by);
    // An approval starts its job after the click is answered: let it reach Azure first.
    if (this.verb === 'approval.approve') await waitForQuiet(world);
    await endStep(model, world);
  }
  toString = () =>
    `${this.by} clicks ${this.verb} on ${this.stale ? 'seen' : 'offered'} approval #${this.pick}`;
}

/** Two people type at the same moment (the bot's checks must not both pass). */
class TypeTogether implements DrCommand {
  constructor(
    readonly first: [User, string],
    readonly second: [User, string],
  ) {}
  check = () => true;
  async run(model: DrModel, world: DrWorld): Promise<void> {
    count(world, 'two typed at once');
    await Promise.all([
      typeCommand(world, this.first[1], this.first[0]),
      typeCommand(world, this.second[1], this.second[0]),
    ]);
    await waitForQuiet(world);
    await endStep(model, world);
  }
  toString = () => `at once: ${this.first[0]}: ${this.first[1]} + ${this.second[0]}: ${this.second[1]}`;
}

/** An approver approves an open request while someone types a command. */
class ApproveWhileTyping implements DrCommand {
  constructor(
    readonly by: User,
    readonly pick: number,
    readonly typed: [User, string],
  ) {}
  check = (model: Readonly<DrModel>) => model.approvals.length > 0;
  async run(model: DrModel, world: DrWorld): Promise<void> {
    const offered = model.approvals[this.pick % model.approvals.length];
    const approvalId = offered?.data.approvalId ?? '';
    count(world, 'approve while typing');
    await Promise.all([
      clickButton(
        world,
        { verb: 'approval.approve', data: { approvalId }, conversationId: offered?.conversationId ?? '' },
        this.by,
      ),
      typeCommand(world, this.typed[1], this.typed[0]),
    ]);
    await waitForQuiet(world);
    await endStep(model, world);
  }
  toString = () =>
    `at once: ${this.by} approves offered approval #${this.pick} + ${this.typed[0]}: ${this.typed[1]}`;
}

class ClickDone implements DrCommand {
  constructor(
    readonly by: User,
    readonly pick: number,
  ) {}
  check = (model: Readonly<DrModel>) => model.doneButtons.length > 0;
  async run(model: DrModel, world: DrWorld): Promise<void> {
    const button = model.doneButtons[this.pick % model.doneButtons.length];
    count(world, 'Done click');
    if (button) await clickButton(world, button, this.by);
    await endStep(model, world);
  }
  toString = () => `${this.by} clicks Done on manual-step card #${this.pick}`;
}

/** Both clocks past the 30-minute expiry, then the bot's expiry sweep (its 15 s timer's work). */
class ExpireApprovals implements DrCommand {
  check = () => true;
  async run(model: DrModel, world: DrWorld): Promise<void> {
    count(world, 'expiry');
    await world.bot.advanceClock(31 * 60);
    const expired = await world.bot.bot.expireApprovals();
    note(world, `31 minutes pass; ${expired} approval(s) expired`);
    await endStep(model, world);
  }
  toString = () => '31 minutes pass (approvals expire)';
}

class RestartBot implements DrCommand {
  check = (model: Readonly<DrModel>) => model.restarts < 1;
  async run(model: DrModel, world: DrWorld): Promise<void> {
    model.restarts += 1;
    count(world, 'restart');
    const started = Date.now();
    await restartBot(world);
    note(world, `the bot restarts (graceful stop, new process on the same data; ${Date.now() - started} ms)`);
    await endStep(model, world);
  }
  toString = () => 'the bot restarts';
}

class Wait implements DrCommand {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(model: DrModel, world: DrWorld): Promise<void> {
    count(world, 'wait');
    await new Promise((resolve) => setTimeout(resolve, this.ms));
    note(world, `${this.ms} ms pass`);
    await endStep(model, world);
  }
  toString = () => `wait ${this.ms} ms`;
}

export const networks = [
  'vnet-dr-test',
  'vnet-shop-prod',
  'vnet-crm-prod',
  'vnet-dr-neu',
  'vnet-dr-shared',
  'vnet-nowhere',
];

const app = fc.constantFrom('shop', 'crm');
const typist = fc.constantFrom<User>('alice', 'alice', 'bob', 'carol');
const approver = fc.constantFrom<User>('bob', 'carol');

/** A changing command for `a`, as alice, bob or carol would type it. */
function typedTextFor(a: string): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .option(fc.constantFrom(...networks), { freq: 2 })
        .map((network) => `dr drill ${a}${network ? ` network ${network}` : ''}`),
    },
    { weight: 2, arbitrary: fc.constant(`dr cleanup ${a} notes "model test"`) },
    { weight: 1, arbitrary: fc.constant(`dr done ${a}`) },
    { weight: 1, arbitrary: fc.constant(`failover ${a}`) },
    { weight: 1, arbitrary: fc.constant(`commit ${a}`) },
    // Reprotect twice as often: a committed failover waits for it, and the plan is stuck till then.
    { weight: 2, arbitrary: fc.constant(`reprotect ${a}`) },
    { weight: 1, arbitrary: fc.constant(`failback ${a}`) },
  );
}

const typed = app.chain((a) => fc.tuple(typist, typedTextFor(a)));
/** Two commands for one app, so that they race for its one change. */
const typedPair = app.chain((a) => fc.tuple(typist, typedTextFor(a), typist, typedTextFor(a)));

/** Sequences of a few to `maxCommands` steps; restarts rare (each costs a start of the bot). */
export function drModelCommands(maxCommands = 12): fc.Arbitrary<Iterable<DrCommand>> {
  const step = fc.oneof(
    { weight: 20, arbitrary: typed.map(([u, t]): DrCommand => new TypeCommand(u, t)) },
    {
      weight: 4,
      arbitrary: typedPair.map(([u1, t1, u2, t2]): DrCommand => new TypeTogether([u1, t1], [u2, t2])),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(approver, fc.nat(7), typed)
        .map(([by, pick, [u, t]]): DrCommand => new ApproveWhileTyping(by, pick, [u, t])),
    },
    {
      weight: 16,
      arbitrary: fc
        .tuple(
          fc.constantFrom<DecideApproval['verb']>(
            'approval.approve',
            'approval.approve',
            'approval.approve',
            'approval.reject',
          ),
          approver,
          fc.nat(7),
          // One click in ten comes from a stale card (an old client still showing the buttons).
          fc.nat(9).map((n) => n === 0),
        )
        .map(([verb, by, pick, stale]): DrCommand => new DecideApproval(verb, by, pick, stale)),
    },
    {
      weight: 8,
      arbitrary: fc.tuple(approver, fc.nat(3)).map(([by, pick]): DrCommand => new ClickDone(by, pick)),
    },
    { weight: 4, arbitrary: fc.constantFrom(100, 400).map((ms): DrCommand => new Wait(ms)) },
    { weight: 3, arbitrary: fc.constant<DrCommand>(new ExpireApprovals()) },
    { weight: 1, arbitrary: fc.constant<DrCommand>(new RestartBot()) },
  );
  return fc.commands([step], { maxCommands });
}
