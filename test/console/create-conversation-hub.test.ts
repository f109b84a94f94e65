import { describe, expect, it } from 'vitest';
import {
  createConversationHub,
  DEFAULT_MAX_HUB_BYTES,
  type HubEvent,
} from '../../adapters/console/create-conversation-hub.js';

const message = (text: string) => ({ type: 'message', text });

describe('createConversationHub', () => {
  it('keeps only the newest events per conversation for replay', () => {
    const hub = createConversationHub({ bufferSize: 2 });
    for (const text of ['a', 'b', 'c']) hub.publish('c1', 'activity', message(text));
    const seen: HubEvent[] = [];
    hub.subscribe('c1', 0, (event) => seen.push(event));
    expect(seen.map((event) => event.activity.text)).toEqual(['b', 'c']);
  });

  it('delivers live events to every subscriber until it unsubscribes', () => {
    const hub = createConversationHub();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = hub.subscribe('c1', 0, (event) => first.push(event.activity.text));
    hub.subscribe('c1', 0, (event) => second.push(event.activity.text));
    hub.publish('c1', 'activity', message('one'));
    stopFirst();
    hub.publish('c1', 'activity', message('two'));
    expect(first).toEqual(['one']);
    expect(second).toEqual(['one', 'two']);
  });

  it('evicts the least recently used idle conversation, never one with a subscriber', () => {
    const hub = createConversationHub({ maxConversations: 2 });
    hub.subscribe('watched', 0, () => undefined);
    hub.publish('idle', 'activity', message('old'));
    hub.publish('watched', 'activity', message('kept'));
    hub.publish('newest', 'activity', message('new'));
    const replay = (id: string) => {
      const texts: unknown[] = [];
      hub.subscribe(id, 0, (event) => texts.push(event.activity.text));
      return texts;
    };
    expect(replay('idle')).toEqual([]);
    expect(replay('watched')).toEqual(['kept']);
  });

  it('numbers events across conversations, so a seq never repeats after an eviction', () => {
    const hub = createConversationHub({ maxConversations: 1 });
    const a = hub.publish('a', 'activity', message('a'));
    const b = hub.publish('b', 'activity', message('b'));
    const again = hub.publish('a', 'activity', message('a2'));
    expect([a.seq, b.seq, again.seq]).toEqual([1, 2, 3]);
  });

  it('caps the replay buffer by bytes: idle conversations go first, least recently used first', () => {
    const big = (tag: string) => message(`${tag}:${'x'.repeat(1000)}`);
    const hub = createConversationHub({ maxBytes: 5000 });
    hub.subscribe('watched', 0, () => undefined);
    hub.publish('watched', 'activity', big('w1'));
    hub.publish('old', 'activity', big('o1'));
    hub.publish('recent', 'activity', big('r1'));
    hub.publish('watched', 'activity', big('w2'));
    // Over budget: 'old' is the least recently used conversation without a subscriber.
    hub.publish('recent', 'activity', big('r2'));
    expect(hub.bufferedBytes()).toBeLessThanOrEqual(5000);
    const replay = (id: string) => {
      const tags: unknown[] = [];
      hub.subscribe(id, 0, (event) => tags.push(String(event.activity.text).split(':')[0]));
      return tags;
    };
    expect(replay('watched')).toEqual(['w1', 'w2']);
    expect(replay('recent')).toEqual(['r1', 'r2']);
    expect(replay('old')).toEqual([]);
  });

  it('drops the oldest events when every conversation is watched, and still delivers live', () => {
    const hub = createConversationHub({ maxBytes: 3000 });
    const live: unknown[] = [];
    hub.subscribe('a', 0, (event) => live.push(event.activity.text));
    hub.subscribe('b', 0, () => undefined);
    const texts = ['a1', 'b1', 'a2', 'b2', 'a3'].map((tag) => `${tag}:${'x'.repeat(1000)}`);
    for (const text of texts) hub.publish(text.startsWith('a') ? 'a' : 'b', 'activity', message(text));
    expect(live).toHaveLength(3);
    expect(hub.bufferedBytes()).toBeLessThanOrEqual(3000);
    const replayed: unknown[] = [];
    hub.subscribe('a', 0, (event) => replayed.push(String(event.activity.text).split(':')[0]));
    hub.subscribe('b', 0, (event) => replayed.push(String(event.activity.text).split(':')[0]));
    expect(replayed).toEqual(['a3', 'b2']);
  });

  it('keeps the worst case of the default budget far below what the event caps allow', () => {
    const hub = createConversationHub();
    const text = 'x'.repeat(60_000);
    for (let c = 0; c < 20; c++) {
      for (let i = 0; i < 100; i++) hub.publish(`c${c}`, 'activity', message(text));
    }
    expect(hub.bufferedBytes()).toBeLessThanOrEqual(DEFAULT_MAX_HUB_BYTES);
    expect(hub.bufferedBytes()).toBeGreaterThan(DEFAULT_MAX_HUB_BYTES / 2);
  });
});
