import { messageFor, type Localized, type MessageParam } from './messages';

/** A field-level problem: where, a stable code, and the message in both UI languages. */
export interface FieldError {
  path: string;
  code: string;
  message: Localized;
}

/**
 * The one error type of the server. `code` is stable (`org.not_found`) and is what clients
 * switch on; the HTTP status is derived from it by the caller's choice of constructor.
 */
export class AppError extends Error {
  /** What a client needs to act on the error (e.g. how to request a transfer, issue 14), never more than that. */
  details?: Record<string, unknown>;

  constructor(
    readonly code: string,
    readonly status: number,
    readonly fields: FieldError[] = [],
    readonly params: Record<string, MessageParam> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: messageFor(this.code, this.params),
        ...(this.fields.length ? { fields: this.fields } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const badRequest = (code: string, fields: FieldError[] = [], params: Record<string, MessageParam> = {}) => new AppError(code, 400, fields, params);
/** Out-of-scope records answer exactly like missing ones, so ids cannot be probed (issue 2 §5). */
export const notFound = (entity: string) => new AppError(`${entity}.not_found`, 404);
/**
 * A record reached through its person: a person out of scope (or missing, or sealed) answers as
 * the record itself missing, so `/api/leaves/:id/…` cannot tell "exists elsewhere" from "no such
 * id" (issue 9.10). Use as `.catch(asMissing('leave'))` on the person's scope check.
 */
export const asMissing =
  (entity: string) =>
  (err: unknown): never => {
    if (err instanceof AppError && err.status === 404) throw notFound(entity);
    throw err;
  };
export const conflict = (code: string, params: Record<string, MessageParam> = {}) => new AppError(code, 409, [], params);
export const unauthorized = (code = 'auth.required') => new AppError(code, 401);
export const forbidden = (code = 'auth.forbidden') => new AppError(code, 403);

/** A single-field 400, the common case for service-level validation. */
export function fieldError(path: string, code: string, params: Record<string, string | number> = {}): AppError {
  return badRequest('validation.failed', [{ path, code, message: messageFor(code, params) }]);
}
