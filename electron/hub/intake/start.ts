// Intake on a primary hub: demo accounts when asked, the routes, and status
// callbacks fed from the journal's appended entries.
import { randomUUID } from 'node:crypto';
import { JurisdictionIdSchema } from '../../../shared/intake/open311';
import { INTAKE_CHANNELS } from '../../../shared/protocol/intake';
import { CallbackNotifier, type NotifierOptions } from '../callbacks/notifier';
import type { Geocoder } from '../geocode/geocoder';
import type { StoreClient } from '../store/thread/client';
import type { IntakeServices } from './api-routes';
import { Intake } from './intake';
import { apiKeyHash, demoApiKey } from './keys';
import type { LimiterOptions } from './limiter';
import type { RoutePlugin } from '../api/server';
import type { Open311Options } from './open311/routes';
import { intakeRoutes } from './router';

export interface IntakeOptions {
  demo?: boolean;
  limits?: LimiterOptions;
  callbacks?: NotifierOptions;
  /**
   * Open311's jurisdiction_id. When absent, DUTYDECK_OPEN311_JURISDICTION in the hub's
   * environment; when that is absent too, derived from the imported town's names.
   */
  open311?: Open311Options;
  log: (line: string) => void;
}

/** The jurisdiction id a town set, checked at start: a bad one stops the hub with the reason. */
export function open311Options(options: IntakeOptions): Open311Options {
  const given = options.open311?.jurisdictionId ?? (process.env.DUTYDECK_OPEN311_JURISDICTION || undefined);
  if (given === undefined) return {};
  const parsed = JurisdictionIdSchema.safeParse(given);
  if (!parsed.success) throw new Error(`Open311 jurisdiction id ${JSON.stringify(given)}: ${parsed.error.issues[0]!.message}.`);
  return { jurisdictionId: parsed.data };
}

export interface RunningIntake {
  services: IntakeServices;
  routes: RoutePlugin[];
  close(): Promise<void>;
}

/** One account per fed channel, each with its documented demo key (never in production). */
export async function ensureDemoIntegrations(store: StoreClient, log: (line: string) => void): Promise<void> {
  const existing = new Set((await store.intake.integrations()).map((i) => i.channel));
  let created = 0;
  for (const channel of INTAKE_CHANNELS) {
    if (existing.has(channel)) continue;
    await store.write.createIntegration({ userId: randomUUID(), channel, keyHash: apiKeyHash(demoApiKey(channel)), callbackUrl: null, callbackSecret: null }, { userId: 'system', role: 'system' });
    created++;
  }
  log(
    `Demo mode: integration accounts for ${INTAKE_CHANNELS.join(', ')} — API key "dutydeck-demo-CHANNEL" (e.g. ${demoApiKey('hotline12345')}; Open311 and CAP take any of them)${created ? ` (created ${created} now)` : ''}.`,
  );
}

export async function startIntake(store: StoreClient, geocoder: Geocoder, options: IntakeOptions): Promise<RunningIntake> {
  const open311 = open311Options(options);
  options.log(`Open311 jurisdiction_id: ${open311.jurisdictionId ?? "derived from the imported town's names"} (GET /open311/v2/discovery.json shows it).`);
  if (options.demo) await ensureDemoIntegrations(store, options.log);
  const intake = await Intake.start(store, geocoder, { log: options.log, ...(options.limits ? { limits: options.limits } : {}) });
  const notifier = new CallbackNotifier(store, { log: options.log, ...options.callbacks });
  await notifier.loadCallbacks();
  // Nothing writes the journal until the hub listens, so no entry falls between the two.
  const owed = await notifier.resume();
  if (owed) options.log(`Status callbacks: ${owed} journal entries since the last stop were checked again for notices owed.`);
  store.onAppended((entries) => {
    intake.onEntries(entries);
    notifier.onEntries(entries);
  });
  return { services: { intake, notifier }, routes: intakeRoutes(intake, store, open311), close: () => notifier.stop() };
}
