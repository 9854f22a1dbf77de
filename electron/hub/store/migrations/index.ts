// Numbered migrations, one file each: migration N brings user_version from N-1 to N. Never
// edit a migration that has shipped; add the next file and list it here.
import type { Migration } from '../sqlite';
import { journalSchema } from './001-journal';
import { townSchema } from './002-town';
import { intakeSchema } from './003-intake';
import { analysisSchema } from './004-risk';
import { incidentJournalSchema } from './005-incident-journal';
import { warningSchema } from './006-warnings';
import { callbackCursorSchema } from './007-callback-cursor';
import { commandKeyPayloadsSchema } from './008-command-key-payloads';
import { checkpointIndexSchema } from './009-checkpoints';
import { accessSchema } from './010-access';
import { townTimeZoneSchema } from './011-town-time-zone';
import { townAdminSchema } from './012-town-admin';
import { reportFactsSchema } from './013-report-facts';
import { alertsSetAsideSchema } from './014-alerts-set-aside';

export const MIGRATIONS: readonly Migration[] = [
  journalSchema,
  townSchema,
  intakeSchema,
  analysisSchema,
  incidentJournalSchema,
  warningSchema,
  callbackCursorSchema,
  commandKeyPayloadsSchema,
  checkpointIndexSchema,
  accessSchema,
  townTimeZoneSchema,
  townAdminSchema,
  reportFactsSchema,
  alertsSetAsideSchema,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
