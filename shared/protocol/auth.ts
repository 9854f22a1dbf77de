// Signing in, sessions and the second factor: the API's messages and the journal entries that
// record who signed in, who failed, who was locked out and who ended whose session. No entry
// carries a password, a token, a TOTP secret or a recovery code; the hub parses each payload
// with these schemas before it appends it.
import { z } from 'zod';
import { RoleSchema, UserSchema } from './schemas';

/** seat: a person at a window (idle limit); wall: a display (no idle limit); enrolment: may only enrol a second factor. */
export const SESSION_KINDS = ['seat', 'wall', 'enrolment'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SessionKindSchema = z.enum(SESSION_KINDS);

/** Six digits from the authenticator, or a recovery code as shown (xxxxx-xxxxx). */
export const SecondFactorCodeSchema = z
  .string()
  .trim()
  .regex(/^(?:\d{6}|[a-z2-9]{5}-?[a-z2-9]{5})$/i, 'a code is 6 digits from the authenticator, or a recovery code');

/** A short random id an admin names a session by; the token's hash is never shown. */
export const SessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,32}$/);

export const PairingRequestSchema = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

export const SessionSummarySchema = z.object({
  id: SessionIdSchema,
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  kind: SessionKindSchema,
  address: z.string().nullable(),
  openedAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;
export const SessionListSchema = z.object({ items: z.array(SessionSummarySchema) });

export const EnrolmentSchema = z.object({
  /** otpauth://totp/… for an authenticator app. */
  otpauthUri: z.string().startsWith('otpauth://totp/'),
  /** The same secret in Base32, for typing it in where a camera is not at hand. */
  secret: z.string().regex(/^[A-Z2-7]+=*$/),
  /** The URI as an SVG QR code. */
  qrSvg: z.string().startsWith('<svg'),
});

/**
 * The account's TOTP secret as a seat's replica takes it right after a sign-in with a code
 * (GET /sessions/current/second-factor/offline), to check codes while the primary is away.
 * `lastStep` is the newest time step the primary has taken, so no code used already works there.
 */
export const SeatSecondFactorSchema = z.object({
  secret: z.string().regex(/^[A-Z2-7]+=*$/),
  lastStep: z.number().int().nonnegative(),
});

export const EnrolmentConfirmSchema = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, 'the code is 6 digits') });

export const EnrolmentDoneSchema = z.object({
  /** Shown once: each signs in once in place of a code. */
  recoveryCodes: z.array(z.string()).length(10),
  /** Where an enrolment session enrolled: the full session that replaces it. */
  token: z.string().optional(),
  user: UserSchema.optional(),
});

// ---- journal entries ----------------------------------------------------------------

const address = z.string().nullable();

export const ACCESS_ENTRY_PAYLOADS = {
  'session.signedIn': z.strictObject({
    sessionId: SessionIdSchema,
    userId: z.string(),
    username: z.string(),
    kind: SessionKindSchema,
    address,
    /** password: the sign-in form; pairing: a window's one-time code; host: a window the hub's host opened. */
    method: z.enum(['password', 'pairing', 'host']),
    secondFactor: z.enum(['totp', 'recovery', 'none']),
  }),
  'session.signInFailed': z.strictObject({
    /** As typed, trimmed and cut to 64 characters; the password never. */
    username: z.string().max(64),
    address,
    reason: z.enum(['unknownUser', 'wrongPassword', 'noPassword', 'wrongCode', 'lockedOut', 'badPairingCode']),
  }),
  'account.lockedOut': z.strictObject({ userId: z.string(), username: z.string(), failures: z.number().int().positive(), until: z.string(), address }),
  'session.signedOut': z.strictObject({ sessionId: SessionIdSchema, userId: z.string() }),
  'session.revoked': z.strictObject({ sessionId: SessionIdSchema, userId: z.string(), by: z.string() }),
  'secondFactor.enrolled': z.strictObject({ userId: z.string() }),
  'secondFactor.reset': z.strictObject({ userId: z.string(), by: z.string() }),
  /** A seat's replica took the account's secret (never journaled) to check codes offline; address: the replica's. */
  'secondFactor.copiedToSeat': z.strictObject({ userId: z.string(), sessionId: SessionIdSchema, address }),
  'recoveryCode.used': z.strictObject({ userId: z.string(), left: z.number().int().nonnegative() }),
} as const;
export type AccessEntryType = keyof typeof ACCESS_ENTRY_PAYLOADS;
export type AccessPayload<T extends AccessEntryType> = z.infer<(typeof ACCESS_ENTRY_PAYLOADS)[T]>;
export const ACCESS_ENTRY_TYPES = Object.keys(ACCESS_ENTRY_PAYLOADS) as AccessEntryType[];

export function isAccessEntry(type: string): type is AccessEntryType {
  return Object.hasOwn(ACCESS_ENTRY_PAYLOADS, type);
}

/** An access entry as the store appends it: who (a user, or `system` for an unknown name), what. */
export type AccessDraft = { [T in AccessEntryType]: { actor: { userId: string; role: z.infer<typeof RoleSchema> | 'system' }; type: T; payload: AccessPayload<T> } }[AccessEntryType];
