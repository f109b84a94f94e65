import type { View } from './view.js';

/**
 * The one kind of error whose text users see (bad input, not permitted, not found, Azure said no
 * with a reason the user can act on). Its message is one clear sentence; `nextStep` says what to do.
 * Everything else is logged with a correlation id and shown as "Something went wrong (ref ...)".
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    message: string,
    readonly options: {
      title?: string;
      nextStep?: string;
      suggestions?: string[];
      facts?: View['facts'];
    } = {},
  ) {
    super(message);
  }

  toView(): View {
    const notes = [
      this.options.nextStep,
      ...(this.options.suggestions ?? []).map((s) => `Did you mean \`${s}\`?`),
    ];
    return {
      kind: 'error',
      title: this.options.title ?? 'Cannot do that',
      tone: 'attention',
      summary: this.message,
      facts: this.options.facts,
      notes: notes.filter((note): note is string => Boolean(note)),
    };
  }
}
