// Handlers for intake's entries of the API map: address autocomplete for the seat (primary and
// replica alike), and the dead letters of status callbacks for the admin (primary only).
import { DutyFailure } from '../../../shared/errors';
import type { EndpointName } from '../../../shared/protocol/api';
import type { INTAKE_API } from '../../../shared/protocol/intake';
import type { CallbackNotifier } from '../callbacks/notifier';
import type { Handlers } from '../api/route-context';
import type { Geocoder } from '../geocode/geocoder';
import type { Intake } from './intake';

export interface IntakeServices {
  intake: Intake;
  notifier: CallbackNotifier;
}

type IntakeHandlers = Pick<Handlers, keyof typeof INTAKE_API & EndpointName>;

const unavailable = (): never => {
  throw new DutyFailure('unavailable', 'Intake runs on the primary hub only.');
};

/** `geocoder`: the hub's own address index, which a replica seat has too; `services`: the primary's intake. */
export function intakeHandlers(services: IntakeServices | undefined, geocoder: Geocoder | undefined): IntakeHandlers {
  return {
    geocode: async ({ query }) => {
      if (!geocoder) throw new DutyFailure('unavailable', 'This hub has no address index.');
      const found = geocoder.geocode(query.q, query.limit);
      return {
        status: found?.status ?? 'unresolved',
        match: found?.match ?? null,
        candidates: found?.candidates ?? [],
        suggestions: geocoder.suggest(query.q, query.limit),
      };
    },
    // Administrators only: the API map's READERS.administration, checked by the router.
    deadLetters: async () => {
      const { notifier } = services ?? unavailable();
      return { items: await notifier.deadLetters(200) };
    },
    alertsSetAside: async () => {
      const { intake } = services ?? unavailable();
      return { items: await intake.alertsSetAside(200) };
    },
    replayDeadLetter: async ({ params }) => {
      const { notifier } = services ?? unavailable();
      const id = Number(params.id);
      if (!Number.isInteger(id) || id < 1) throw new DutyFailure('invalid', 'A dead letter id is a positive integer.', 'id');
      const outcome = await notifier.replay(id);
      if (outcome.error === 'notFound') throw new DutyFailure('notFound', `No dead letter ${id}.`, 'id');
      const item = (await notifier.deadLetterById(id))!;
      return { delivered: outcome.delivered, error: outcome.error, item };
    },
  };
}
