/**
 * An error a user can act on: `message` says what is wrong, `hint` what to do about it.
 * `transient` errors may succeed when retried; permanent ones are reported.
 */
export class AtqosError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly transient: boolean;

  constructor(code: string, message: string, opts: { hint?: string; cause?: unknown; transient?: boolean } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'AtqosError';
    this.code = code;
    this.hint = opts.hint;
    this.transient = opts.transient ?? false;
  }
}

export function describeError(err: unknown): string {
  if (err instanceof AtqosError) return err.hint ? `${err.message}\n  hint: ${err.hint}` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
