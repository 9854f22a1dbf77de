// The hub's command-line flags for replicas and backups, parsed into HubOptions fields.
//   --primary URL --primary-user NAME [--primary-fingerprint SHA256]
//        replica mode; password in DUTYDECK_PRIMARY_PASSWORD; the fingerprint pins the primary's
//        certificate (the one it prints at start) instead of trusting a certificate authority
//   --backup-every MINUTES [--backup-keep N]   scheduled online backups (primary)
//   --checkpoint-every N   a signed checkpoint of the journal once N entries follow the last (primary; default 100)
import type { ReplicaOptions } from '../replica/replica-hub';
import { normalizeFingerprint } from '../api/tls';
import { withoutTrailingSlashes } from '../../../shared/trim';

export const PRIMARY_PASSWORD_ENV = 'DUTYDECK_PRIMARY_PASSWORD';

export const RESILIENCE_ARGS = {
  primary: { type: 'string' },
  'primary-user': { type: 'string' },
  'primary-fingerprint': { type: 'string' },
  'backup-every': { type: 'string' },
  'backup-keep': { type: 'string' },
  'checkpoint-every': { type: 'string' },
} as const;

interface Values {
  primary?: string | undefined;
  'primary-user'?: string | undefined;
  'primary-fingerprint'?: string | undefined;
  'backup-every'?: string | undefined;
  'backup-keep'?: string | undefined;
  'checkpoint-every'?: string | undefined;
  demo?: boolean | undefined;
}

export type ResilienceOptions = { primary?: ReplicaOptions; backupEveryMinutes?: number; backupKeep?: number; checkpointEvery?: number };

/** The options, or what is wrong with the flags in words. */
export function parseResilience(values: Values, env: Record<string, string | undefined>): ResilienceOptions | string {
  const options: ResilienceOptions = {};
  if (values.primary !== undefined) {
    let url: URL;
    try {
      url = new URL(values.primary);
    } catch {
      return `--primary takes the primary hub's URL (http://HOST:PORT), not "${values.primary}".`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `--primary must be an https:// (or http://) URL, not "${values.primary}".`;
    const username = values['primary-user'];
    if (!username) return '--primary needs --primary-user NAME: the account (any role but wall) this replica copies the journal as.';
    const password = env[PRIMARY_PASSWORD_ENV];
    if (!password) return `Set ${PRIMARY_PASSWORD_ENV} to the password of ${username} at the primary (it is not taken on the command line, where others could read it).`;
    if (values.demo) return '--demo and --primary do not go together: a replica takes its data from the primary.';
    let fingerprint: string | undefined;
    if (values['primary-fingerprint'] !== undefined) {
      const pin = normalizeFingerprint(values['primary-fingerprint']);
      if (!pin) return `--primary-fingerprint takes the SHA-256 fingerprint the primary prints at start (64 hex digits, colons allowed), not "${values['primary-fingerprint']}".`;
      if (url.protocol !== 'https:') return '--primary-fingerprint pins a TLS certificate: give the primary as https://HOST:PORT.';
      fingerprint = pin;
    }
    options.primary = { url: withoutTrailingSlashes(url.href), credentials: { username, password }, ...(fingerprint ? { fingerprint } : {}) };
  } else if (values['primary-user'] || values['primary-fingerprint']) {
    return `${values['primary-user'] ? '--primary-user' : '--primary-fingerprint'} is only for a replica: give --primary URL too.`;
  }
  if (values['backup-every'] !== undefined) {
    const minutes = Number(values['backup-every']);
    if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 7 * 24 * 60) return `--backup-every takes minutes (1–10080), not "${values['backup-every']}".`;
    if (options.primary) return '--backup-every is for a primary; a replica can be rebuilt from its primary.';
    options.backupEveryMinutes = minutes;
  }
  if (values['backup-keep'] !== undefined) {
    const keep = Number(values['backup-keep']);
    if (!Number.isInteger(keep) || keep < 1 || keep > 1000) return `--backup-keep takes a count (1–1000), not "${values['backup-keep']}".`;
    options.backupKeep = keep;
  }
  if (values['checkpoint-every'] !== undefined) {
    const every = Number(values['checkpoint-every']);
    if (!Number.isInteger(every) || every < 1 || every > 1_000_000) return `--checkpoint-every takes a number of journal entries (1–1000000), not "${values['checkpoint-every']}".`;
    if (options.primary) return '--checkpoint-every is for a primary; a replica keeps its primary\'s checkpoints.';
    options.checkpointEvery = every;
  }
  return options;
}
