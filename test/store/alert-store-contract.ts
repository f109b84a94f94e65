import { describe, expect, it } from 'vitest';
import type { AlertRecord, ScheduleRecord } from '../../src/store/alert-store-port.js';
import type { StorePort } from '../../src/store/store-port.js';
import { alice, approvalCard, at, bob, T0, teamsConversation } from './store-fixtures.js';

const RACERS = 50;

function makeAlert(id: string, overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id,
    incidentKey: 'backup-failed:vm-web-01',
    kind: 'backup-failed',
    state: 'open',
    finding: {
      subjects: ['vm-web-01', 'rg-shop-prod'],
      at: T0,
      facts: [{ label: 'VM', value: 'vm-web-01' }],
    },
    occurrences: 1,
    seen: ['job-1'],
    firstSeenAt: T0,
    lastSeenAt: T0,
    deliveries: [],
    version: 1,
    ...overrides,
  };
}

function makeSchedule(id: string, overrides: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return {
    id,
    kind: 'drill',
    app: 'shop',
    rule: { frequency: 'monthly', ordinal: 1, weekday: 1, time: '09:00', timeZone: 'Europe/Amsterdam' },
    ruleText: 'monthly on the first Monday at 09:00 Europe/Amsterdam',
    conversation: teamsConversation,
    createdBy: alice,
    createdAt: T0,
    nextRunAt: at(60),
    state: 'active',
    version: 1,
    ...overrides,
  };
}

/** The alert part of the StorePort contract (subscriptions, mutes, alerts, schedules, leases). */
export function describeAlertStore(use: () => StorePort): void {
  describe('alert subscriptions and mutes', () => {
    it('keeps one subscription per channel, kind and scope, and removes them by kind, scope or all', async () => {
      const alerts = use().alerts;
      const base = { conversation: teamsConversation, createdBy: alice, createdAt: T0 };
      expect(await alerts.addSubscription({ ...base, id: 's1', kind: 'backup-failed' })).toBe(true);
      expect(await alerts.addSubscription({ ...base, id: 's2', kind: 'backup-failed' })).toBe(false);
      expect(await alerts.addSubscription({ ...base, id: 's3', kind: 'rpo', scope: 'Shop' })).toBe(true);
      expect(await alerts.addSubscription({ ...base, id: 's4', kind: 'unprotected', createdAt: at(1) })).toBe(
        true,
      );
      const listed = await alerts.listSubscriptions({
        platform: 'teams',
        conversationId: teamsConversation.conversationId,
      });
      expect(listed.map((s) => [s.id, s.kind, s.scope])).toEqual([
        ['s1', 'backup-failed', undefined],
        ['s3', 'rpo', 'shop'],
        ['s4', 'unprotected', undefined],
      ]);
      expect(listed[0]).toEqual({ ...base, id: 's1', kind: 'backup-failed' });
      expect(await alerts.listSubscriptions({ platform: 'slack' })).toEqual([]);
      expect(await alerts.removeSubscriptions('teams', teamsConversation.conversationId, 'rpo', 'crm')).toBe(
        0,
      );
      expect(await alerts.removeSubscriptions('teams', teamsConversation.conversationId, 'rpo', 'SHOP')).toBe(
        1,
      );
      expect(
        await alerts.removeSubscriptions('teams', teamsConversation.conversationId, 'all', undefined),
      ).toBe(2);
      expect(await alerts.listSubscriptions()).toEqual([]);
    });

    it('replaces a mute of the same kind and lists only mutes in force', async () => {
      const alerts = use().alerts;
      const mute = {
        platform: 'teams' as const,
        conversationId: 'c1',
        kind: 'rpo',
        until: at(60),
        by: alice,
      };
      await alerts.setMute(mute);
      await alerts.setMute({ ...mute, until: at(120), by: bob });
      await alerts.setMute({ ...mute, kind: 'all', until: at(30) });
      expect(await alerts.listMutes(at(0))).toEqual([
        { ...mute, kind: 'all', until: at(30) },
        { ...mute, until: at(120), by: bob },
      ]);
      expect(await alerts.listMutes(at(30))).toEqual([{ ...mute, until: at(120), by: bob }]);
      expect(await alerts.listMutes(at(120))).toEqual([]);
    });
  });

  describe('alerts', () => {
    it('reads an alert back exactly and keeps one open alert per incident key', async () => {
      const alerts = use().alerts;
      const record = makeAlert('al-1');
      expect(await alerts.openAlert(record)).toBe(true);
      expect(await alerts.getAlert('al-1')).toEqual(record);
      expect(await alerts.openAlert(makeAlert('al-2'))).toBe(false);
      expect(await alerts.getAlert('al-2')).toBeUndefined();
      const resolved = await alerts.updateAlert(
        'al-1',
        { version: 1 },
        { state: 'resolved', resolvedAt: at(5) },
      );
      expect(resolved).toMatchObject({ state: 'resolved', resolvedAt: at(5), version: 2 });
      // The incident is over: the same key may open a new one.
      expect(await alerts.openAlert(makeAlert('al-3', { firstSeenAt: at(10) }))).toBe(true);
      expect((await alerts.listAlerts({ state: 'open' })).map((a) => a.id)).toEqual(['al-3']);
      expect((await alerts.listAlerts()).map((a) => a.id)).toEqual(['al-3', 'al-1']);
      expect((await alerts.listAlerts({ limit: 1 })).map((a) => a.id)).toEqual(['al-3']);
    });

    it(`lets one of ${RACERS} racing openers and one of ${RACERS} racing updates win`, async () => {
      const alerts = use().alerts;
      const opened = await Promise.all(
        Array.from({ length: RACERS }, (_v, i) => alerts.openAlert(makeAlert(`al-race-${i}`))),
      );
      expect(opened.filter(Boolean)).toHaveLength(1);
      const [open] = await alerts.listAlerts({ state: 'open' });
      const delivery = {
        platform: 'teams' as const,
        conversationId: approvalCard.conversationId,
        message: approvalCard,
        shown: 'digest-1',
      };
      const updates = await Promise.all(
        Array.from({ length: RACERS }, (_v, i) =>
          alerts.updateAlert(
            open?.id ?? '',
            { version: 1 },
            { occurrences: i + 2, seen: [`job-${i}`], deliveries: [delivery] },
          ),
        ),
      );
      const winners = updates.filter((u) => u !== undefined);
      expect(winners).toHaveLength(1);
      expect(await alerts.getAlert(open?.id ?? '')).toEqual(winners[0]);
      expect(winners[0]?.deliveries).toEqual([delivery]);
    });
  });

  describe('schedules and leases', () => {
    it('reads a schedule back, lists by state, and advances it once from a version', async () => {
      const alerts = use().alerts;
      const schedule = makeSchedule('sc-1');
      await alerts.insertSchedule(schedule);
      await alerts.insertSchedule(makeSchedule('sc-2', { createdAt: at(1), state: 'deleted' }));
      expect(await alerts.getSchedule('sc-1')).toEqual(schedule);
      expect((await alerts.listSchedules({ state: 'active' })).map((s) => s.id)).toEqual(['sc-1']);
      expect((await alerts.listSchedules()).map((s) => s.id)).toEqual(['sc-1', 'sc-2']);
      const fired = await Promise.all(
        Array.from({ length: RACERS }, () =>
          alerts.updateSchedule('sc-1', { version: 1 }, { lastFiredAt: at(60), nextRunAt: at(60 * 24 * 28) }),
        ),
      );
      expect(fired.filter((f) => f !== undefined)).toHaveLength(1);
      expect(await alerts.getSchedule('sc-1')).toMatchObject({
        version: 2,
        lastFiredAt: at(60),
        nextRunAt: at(40320),
      });
    });

    it('gives a lease to one owner until it expires, and lets the owner renew it', async () => {
      const alerts = use().alerts;
      const claims = await Promise.all(
        Array.from({ length: RACERS }, (_v, i) => alerts.claimLease('watchers', `bot-${i}`, at(2), at(0))),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const owner = `bot-${claims.indexOf(true)}`;
      const other = owner === 'bot-0' ? 'bot-1' : 'bot-0';
      expect(await alerts.claimLease('watchers', other, at(3), at(1))).toBe(false);
      expect(await alerts.claimLease('watchers', owner, at(4), at(1))).toBe(true);
      expect(await alerts.claimLease('watchers', other, at(6), at(3))).toBe(false);
      expect(await alerts.claimLease('watchers', other, at(6), at(4))).toBe(true);
      expect(await alerts.claimLease('schedules', owner, at(6), at(4))).toBe(true);
    });
  });
}
