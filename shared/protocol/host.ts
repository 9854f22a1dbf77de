// Messages between Electron's main process and the hub it hosts in a utility process
// (electron/main/hub-process.ts ↔ electron/hub/host-channel.ts). Both sides parse what they
// receive: a message port is a boundary like any other.
import { z } from 'zod';
import { WINDOW_KINDS } from '../windows';

export const HostToHubSchema = z.discriminatedUnion('type', [
  /** A session for a window the host opens itself (a wall window signs in as the wall). */
  z.strictObject({ type: z.literal('issueWindowSession'), id: z.number().int().nonnegative(), kind: z.enum(WINDOW_KINDS) }),
  /** Stop: flush, sign the journal's head, close the database, then exit. */
  z.strictObject({ type: z.literal('close') }),
]);
export type HostToHub = z.infer<typeof HostToHubSchema>;

export const HubToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('listening'),
    url: z.url(),
    mode: z.enum(['primary', 'replica']),
    /** The certificate the windows pin; null over plain HTTP. */
    fingerprint256: z.string().nullable(),
  }),
  z.strictObject({ type: z.literal('windowSession'), id: z.number().int().nonnegative(), token: z.string().min(16).max(256) }),
  z.strictObject({ type: z.literal('windowSessionFailed'), id: z.number().int().nonnegative(), message: z.string() }),
  z.strictObject({ type: z.literal('failed'), message: z.string() }),
  z.strictObject({ type: z.literal('closed') }),
]);
export type HubToHost = z.infer<typeof HubToHostSchema>;
