import type { ConversationRef, MessageRef } from '../chat/chat-event.js';
import type { ChatPort } from '../chat/chat-port.js';
import type { View } from '../chat/view.js';

/**
 * One message that shows an operation's progress and then its outcome. The first view is posted at
 * once; later views replace it, coalesced so a message is updated at most once per interval (chat
 * platforms rate-limit updates); the final view is always delivered, after any update in flight.
 */
export class ProgressMessage {
  private ref: Promise<MessageRef> | undefined;
  private lastUpdateAt = 0;
  private pending: View | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private postedListener: ((ref: MessageRef) => Promise<void>) | undefined;
  private shownListener: ((view: View) => Promise<void>) | undefined;

  constructor(
    private readonly chat: ChatPort,
    private readonly conversation: ConversationRef,
    private readonly minIntervalMs: number,
    /** Failed intermediate updates land here (logged); the final update's failure is thrown. */
    private readonly onUpdateError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Continues in a message posted before: a job resumed after a restart updates its old card. */
  continueIn(ref: MessageRef): void {
    this.ref = Promise.resolve(ref);
    this.lastUpdateAt = 0;
  }

  /** Called once when the message is first posted (the job journal remembers where it is). */
  whenPosted(listener: (ref: MessageRef) => Promise<void>): void {
    this.postedListener = listener;
  }

  /** Told every view the operation shows, coalesced or not (the job notes its steps for `job <id>`). */
  whenShown(listener: (view: View) => Promise<void>): void {
    this.shownListener = listener;
  }

  /**
   * Shows `view` now, or soon if the message was updated less than an interval ago. Never rejects:
   * a lost progress update must not stop the operation it describes.
   */
  show(view: View): Promise<void> {
    void this.shownListener?.(view).catch(this.onUpdateError);
    if (!this.ref) {
      this.ref = this.chat.post(this.conversation, view);
      this.lastUpdateAt = this.now();
      return this.ref.then(
        (ref) => this.postedListener?.(ref),
        (error: unknown) => {
          this.onUpdateError(error);
        },
      );
    }
    this.pending = view;
    const wait = this.lastUpdateAt + this.minIntervalMs - this.now();
    if (wait <= 0)
      return this.flush().catch((error: unknown) => {
        this.onUpdateError(error);
      });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => {
        this.onUpdateError(error);
      });
    }, wait);
    return Promise.resolve();
  }

  /**
   * Replaces the message with the outcome, whatever the interval; posts it if nothing was shown yet,
   * or if the first post never arrived (the outcome must not be lost with it).
   */
  async finish(view: View): Promise<MessageRef> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    if (
      this.ref &&
      !(await this.ref.then(
        () => true,
        () => false,
      ))
    ) {
      this.ref = undefined;
    }
    if (!this.ref) {
      this.ref = this.chat.post(this.conversation, view);
      const ref = await this.ref;
      await this.postedListener?.(ref).catch((error: unknown) => this.onUpdateError(error));
      return ref;
    }
    await this.enqueue(view);
    return this.ref;
  }

  private flush(): Promise<void> {
    const view = this.pending;
    this.pending = undefined;
    if (!view) return this.chain;
    return this.enqueue(view);
  }

  /** Updates run one after another, so an older view can never overwrite a newer one. */
  private enqueue(view: View): Promise<void> {
    const ref = this.ref;
    if (!ref) throw new Error('ProgressMessage.enqueue before the first post');
    this.lastUpdateAt = this.now();
    const update = this.chain.then(async () => this.chat.update(await ref, view));
    // The chain only orders updates: a failed one must not block the next. Its failure reaches
    // whoever awaits `update` (show reports it, finish throws it), so it is not reported twice here.
    this.chain = update.then(
      () => undefined,
      () => undefined,
    );
    return update;
  }
}
