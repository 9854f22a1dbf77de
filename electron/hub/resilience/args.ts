// The hub's command-line flags for replicas and backups, parsed into HubOptions fields.
//   --primary URL --primary-user NAME   replica mode; password in DUTYDECK_PRIMARY_PASSWORD
//   --backup-every MINUTES [--backup-keep N]   scheduled online backups (primary)
import type { ReplicaOptions } from '../replica/replica-hub';

export const PRIMARY_PASSWORD_ENV = 'DUTYDECK_PRIMARY_PASSWORD';

export const RESILIENCE_ARGS = {
  primary: { type: 'string' },
  'primary-user': { type: 'string' },
  'backup-every': { type: 'string' },
  'backup-keep': { type: 'string' },
} as const;

interface Values {
  primary?: string | undefined;
  'primary-user'?: string | undefined;
  'backup-every'?: string | undefined;
  'backup-keep'?: string | undefined;
  demo?: boolean | undefined;
}

export type ResilienceOptions = { primary?: ReplicaOptions; backupEveryMinutes?: number; backupKeep?: number };

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
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `--primary must be an http:// URL, not "${values.primary}".`;
    const username = values['primary-user'];
    if (!username) return '--primary needs --primary-user NAME: the account (any role but wall) this replica copies the journal as.';
    const password = env[PRIMARY_PASSWORD_ENV];
    if (!password) return `Set ${PRIMARY_PASSWORD_ENV} to the password of ${username} at the primary (it is not taken on the command line, where others could read it).`;
    if (values.demo) return '--demo and --primary do not go together: a replica takes its data from the primary.';
    options.primary = { url: url.href.replace(/\/+$/, ''), credentials: { username, password } };
  } else if (values['primary-user']) {
    return '--primary-user is only for a replica: give --primary URL too.';
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
  return options;
}
