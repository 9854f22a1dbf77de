// How a seat's hub follows its primary (--primary, --primary-user, --primary-fingerprint).
import type { SyncCredentials } from './sync';

export interface ReplicaOptions {
  /** The primary hub's URL, e.g. http://10.0.0.2:4580. */
  url: string;
  /** The account the replica copies the journal as (any role but wall). */
  credentials: SyncCredentials;
  /** How often the outbox is retried while something is pending (default 2 s). */
  retryMs?: number;
  /** The primary's TLS certificate fingerprint (SHA-256, "AB:CD:…"), pinned instead of trusting a CA. */
  fingerprint?: string;
}
