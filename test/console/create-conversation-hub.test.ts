import { describe, expect, it } from 'vitest';
import { createConversationHub, type HubEvent } from '../../adapters/console/create-conversation-hub.js';

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
});
