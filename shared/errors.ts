// Error codes are the contract between the engine and every client: the UI translates
// the code, the message is the English fallback for logs and API users.

export const ERROR_CODES = [
  'invalid', // a message failed its schema
  'malformedJson',
  'bodyTooLarge',
  'unsupportedMediaType',
  'unauthenticated',
  'badCredentials',
  'lockedOut', // too many wrong sign-ins: the account is locked until the time the message names
  'secondFactorRequired', // the account signs in with a code from its authenticator (or a recovery code)
  'enrolmentRequired', // a session that may only enrol a second factor asked for something else
  'sessionExpired', // idle too long, past its lifetime, or revoked: sign in again
  'signInAtPrimaryFirst', // a seat whose primary is away cannot sign this account in alone: sign in there once while the primary is up
  'forbidden', // the role may not do this
  'needsCommander', // P1–P2 dispatch and closure
  'outsideRegion', // a region head acting outside its region
  'notYourUnit', // a unit account acting for another unit
  'illegalState', // the command is not legal in the incident's state
  'feedbackRequired', // closing without feedback
  'notFound',
  'conflict', // legal in general, not in the current state
  'methodNotAllowed',
  'unavailable',
  'overloaded', // intake beyond capacity: retry after the Retry-After seconds
  'rateLimited', // too many requests from one address (sign-in): retry after the Retry-After seconds
  'badHost', // the Host header names no name this hub answers to (DNS rebinding)
  'badOrigin', // a browser page of another origin
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DutyError {
  code: ErrorCode;
  message: string;
  /** Where in the message the problem is, e.g. "payload.location.lat". */
  path?: string;
}

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  malformedJson: 400,
  bodyTooLarge: 413,
  unsupportedMediaType: 415,
  unauthenticated: 401,
  badCredentials: 401,
  // 423 Locked (RFC 4918): the account, not the request, is the problem.
  lockedOut: 423,
  secondFactorRequired: 401,
  enrolmentRequired: 403,
  sessionExpired: 401,
  signInAtPrimaryFirst: 503,
  forbidden: 403,
  needsCommander: 403,
  outsideRegion: 403,
  notYourUnit: 403,
  illegalState: 409,
  feedbackRequired: 409,
  notFound: 404,
  conflict: 409,
  methodNotAllowed: 405,
  unavailable: 503,
  overloaded: 429,
  rateLimited: 429,
  // 421 Misdirected Request: the request reached a hub that is not the one its Host names.
  badHost: 421,
  badOrigin: 403,
  internal: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function dutyError(code: ErrorCode, message: string, path?: string): DutyError {
  return path === undefined ? { code, message } : { code, message, path };
}

/** Thrown inside the hub; carried to clients as `{error: DutyError}`. */
export class DutyFailure extends Error {
  readonly error: DutyError;
  constructor(code: ErrorCode, message: string, path?: string) {
    super(message);
    this.name = 'DutyFailure';
    this.error = dutyError(code, message, path);
  }
}
