/** Domain errors that transport layers map to HTTP statuses and form messages. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super(message, 401, "UNAUTHENTICATED");
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do this.") {
    super(message, 403, "FORBIDDEN");
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super(message, 404, "NOT_FOUND");
  }
}

/** A stale write: someone else saved first. Carries the current row so the UI can show it. */
export class ConflictError extends AppError {
  constructor(
    message = "Someone else changed this record after you opened it.",
    readonly current?: unknown,
  ) {
    super(message, 409, "CONFLICT");
  }
}

export type FieldErrors = Record<string, string[]>;

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message, 422, "VALIDATION");
  }
}

/** A request body above its size limit (HTTP 413), refused while it was still arriving. */
export class PayloadTooLargeError extends AppError {
  constructor(
    message: string,
    readonly limitBytes: number,
  ) {
    super(message, 413, "PAYLOAD_TOO_LARGE");
  }
}

/** A request the server cannot interpret (a bad query or path parameter): names the parameter. */
export class BadRequestError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message, 400, "BAD_REQUEST");
  }
}

/** A rate limit was reached; `retryAfterSeconds` goes into the Retry-After header. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429, "RATE_LIMITED");
  }
}
