/** A bad admin request (as opposed to a simulator bug): answered 400 with its message (or its own status). */
export class AdminInputError extends Error {
  override name = 'AdminInputError';

  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}
