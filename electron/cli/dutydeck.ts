// `npm run dutydeck -- COMMAND`: administration of a hub's data folder.
//   users add --data DIR --role ROLE --username NAME [--name DISPLAY] [--region ID] [--unit ID]
//   users list --data DIR
//   verify --data DIR [--public-key FILE ...]
//   integrations add --data DIR --channel CHANNEL [--callback URL --secret SECRET] · integrations list --data DIR
//   backup --data DIR [--out FILE] [--as USERNAME] · restore --data DIR --from FILE
//   town --seed N --out FOLDER · import --data DIR --from FOLDER [--datum D] · export --data DIR --out FOLDER [--as USERNAME]
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../shared/domain';
import { hashPassword } from '../hub/api/auth';
import { DATABASE_FILE } from '../hub/hub';
import { Store } from '../hub/store/store';
import { backupCommand, BACKUP_USAGE, restoreCommand } from './backup-commands';
import { integrationsCommand, INTEGRATIONS_USAGE } from './integration-commands';
import { readNewPassword } from './password';
import { exportCommand, importCommand, TOWN_USAGE, townCommand } from './town-commands';
import { verifyCommand, VERIFY_USAGE } from './verify-command';

const USAGE = `usage:
  npm run dutydeck -- users add --data DIR --role ROLE --username NAME [--name DISPLAY] [--region ID] [--unit ID]
      (a regionHead answers for --region, a region of the town: a circle or a grid; a unit account acts for --unit)
  npm run dutydeck -- users list --data DIR
${VERIFY_USAGE}
${BACKUP_USAGE}
${TOWN_USAGE}
${INTEGRATIONS_USAGE}
roles: ${ROLES.join(', ')}`;

class UsageError extends Error {}

function openStore(dataDir: string | undefined, mustExist: boolean): Store {
  if (!dataDir) throw new UsageError('--data DIR is required.');
  const file = join(dataDir, DATABASE_FILE);
  if (mustExist && !existsSync(file)) throw new Error(`No DutyDeck database at ${file}.`);
  mkdirSync(dataDir, { recursive: true });
  return new Store(file);
}

async function usersAdd(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { data: { type: 'string' }, role: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, region: { type: 'string' }, unit: { type: 'string' } },
  });
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
  if (!values.username || !/^[A-Za-z0-9._-]{2,64}$/.test(values.username)) {
    throw new UsageError('--username is required: 2–64 letters, digits, . _ -');
  }
  // The engine scopes a region head to its region and a unit account to its unit: without
  // one the account could do nothing, so the binding is asked for here, not discovered later.
  if (values.role === 'regionHead' && !values.region) throw new UsageError('A regionHead needs --region ID (a region of the town: a circle or a grid).');
  if (values.role === 'unit' && !values.unit) throw new UsageError('A unit account needs --unit ID (one of the town\'s units).');
  if (values.region && values.role !== 'regionHead') throw new UsageError('--region is for a regionHead only.');
  if (values.unit && values.role !== 'unit') throw new UsageError('--unit is for a unit account only.');
  const password = await readNewPassword();
  if (password.length < 10) throw new Error('A password has at least 10 characters.');
  const store = openStore(values.data, false);
  try {
    store.loadImportedTown();
    if (values.region && !store.town.regions().some((r) => r.id === values.region)) throw new Error(`No region ${values.region} in this room's town (import the town first).`);
    if (values.unit && !store.duty.units().some((u) => u.id === values.unit)) throw new Error(`No unit ${values.unit} in this room's town (import the town first).`);
    const binding = { ...(values.region ? { regionId: values.region } : {}), ...(values.unit ? { unitId: values.unit } : {}) };
    const { user, entry } = store.write.createUser(
      { id: randomUUID(), username: values.username, name: values.name ?? values.username, role: values.role as Role, ...binding, passwordHash: await hashPassword(password) },
      { userId: 'cli', role: 'system' },
    );
    console.log(`Created ${user.role} ${user.username} (journal entry ${entry.seq}).`);
  } finally {
    store.close();
  }
}

function usersList(args: string[]): void {
  const { values } = parseArgs({ args, options: { data: { type: 'string' } } });
  const store = openStore(values.data, true);
  try {
    for (const user of store.access.users()) console.log(`${user.role.padEnd(11)} ${user.username.padEnd(16)} ${user.name}`);
  } finally {
    store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === 'users' && sub === 'add') await usersAdd(rest);
  else if (command === 'users' && sub === 'list') usersList(rest);
  else if (command === 'verify') return verifyCommand(argv.slice(1), (message) => new UsageError(message));
  else if (command === 'backup') return backupCommand(argv.slice(1), (message) => new UsageError(message));
  else if (command === 'restore') return restoreCommand(argv.slice(1), (message) => new UsageError(message));
  else if (command === 'integrations') return integrationsCommand(argv.slice(1), (message) => new UsageError(message));
  else if (command === 'town') return townCommand(argv.slice(1), (message) => new UsageError(message));
  else if (command === 'import') return importCommand(argv.slice(1), (message) => new UsageError(message));
  else if (command === 'export') return exportCommand(argv.slice(1), (message) => new UsageError(message));
  else throw new UsageError(command ? `Unknown command: ${argv.join(' ')}` : 'No command given.');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    if (error instanceof UsageError) console.error(USAGE);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
