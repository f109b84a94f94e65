import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationRef, MessageRef } from '../../src/chat/chat-event.js';
import type { ChatPort } from '../../src/chat/chat-port.js';
import type { View } from '../../src/chat/view.js';
import { ProgressMessage } from '../../src/jobs/progress-message.js';

/** Records what a chat platform would show: posts and updates, in order. */
class RecordingChat implements ChatPort {
  readonly calls: string[] = [];
  failUpdates = false;
  failPosts = 0;
  async post(_c: ConversationRef, view: View): Promise<MessageRef> {
    if (this.failPosts > 0) {
      this.failPosts -= 1;
      throw new Error('connector 502');
    }
    this.calls.push(`post ${view.title}`);
    return { platform: 'console', conversationId: 'c', messageId: 'm1', reference: {} };
  }
  async update(_m: MessageRef, view: View): Promise<void> {
    if (this.failUpdates) throw new Error('platform said no');
    this.calls.push(`update ${view.title}`);
  }
  async postPrivate(): Promise<void> {
    throw new Error('not used');
  }
  channelOf(c: ConversationRef): ConversationRef {
    return c;
  }
  threadOf(): ConversationRef {
    throw new Error('not used');
  }
}

const conversation: ConversationRef = { platform: 'console', conversationId: 'c', reference: {} };
const view = (title: string): View => ({ kind: 'test', title });

describe('ProgressMessage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('posts first, coalesces updates within the interval, and always delivers the final view', async () => {
    const chat = new RecordingChat();
    const progress = new ProgressMessage(
      chat,
      conversation,
      2_000,
      () => undefined,
      () => Date.now(),
    );
    await progress.show(view('1'));
    await progress.show(view('2'));
    await progress.show(view('3'));
    expect(chat.calls).toEqual(['post 1']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(chat.calls).toEqual(['post 1', 'update 3']);
    await progress.finish(view('done'));
    expect(chat.calls).toEqual(['post 1', 'update 3', 'update done']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(chat.calls).toHaveLength(3);
  });

  it('drops a pending update when the final view arrives first', async () => {
    const chat = new RecordingChat();
    const progress = new ProgressMessage(
      chat,
      conversation,
      2_000,
      () => undefined,
      () => Date.now(),
    );
    await progress.show(view('1'));
    await progress.show(view('2'));
    await progress.finish(view('done'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(chat.calls).toEqual(['post 1', 'update done']);
  });

  it('posts the final view when nothing was shown before', async () => {
    const chat = new RecordingChat();
    const progress = new ProgressMessage(chat, conversation, 2_000, () => undefined);
    await progress.finish(view('only'));
    expect(chat.calls).toEqual(['post only']);
  });

  it('reports failed progress updates without throwing, but throws a failed final update', async () => {
    const chat = new RecordingChat();
    const errors: unknown[] = [];
    const progress = new ProgressMessage(
      chat,
      conversation,
      0,
      (e) => errors.push(e),
      () => Date.now(),
    );
    await progress.show(view('1'));
    chat.failUpdates = true;
    await expect(progress.show(view('2'))).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    await expect(progress.finish(view('done'))).rejects.toThrow('platform said no');
  });

  it('posts the outcome anew when the first post never arrived', async () => {
    const chat = new RecordingChat();
    chat.failPosts = 1;
    const errors: unknown[] = [];
    const progress = new ProgressMessage(
      chat,
      conversation,
      0,
      (e) => errors.push(e),
      () => Date.now(),
    );
    await progress.show(view('progress'));
    expect(errors).toHaveLength(1);
    await progress.finish(view('done'));
    expect(chat.calls).toEqual(['post done']);
  });
});
