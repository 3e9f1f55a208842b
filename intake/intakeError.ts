/** How a caller should read a refusal: the API answers 400, 409 or 503 for them. */
export type IntakeErrorKind = 'invalid' | 'conflict' | 'unavailable';

/** A delivery refused by intake, before or instead of being stored; `field` names the request field at fault. */
export class IntakeError extends Error {
  constructor(
    readonly kind: IntakeErrorKind,
    readonly code: string,
    message: string,
    readonly field?: { path: string; message: string },
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}
