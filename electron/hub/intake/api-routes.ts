// Handlers for intake's entries of the API map: address autocomplete for the seat, and the
// dead letters of status callbacks for the admin.
import { DutyFailure } from '../../../shared/errors';
import type { EndpointName } from '../../../shared/protocol/api';
import type { INTAKE_API } from '../../../shared/protocol/intake';
import type { CallbackNotifier } from '../callbacks/notifier';
import type { Handlers } from '../api/route-context';
import type { Intake } from './intake';

export interface IntakeServices {
  intake: Intake;
  notifier: CallbackNotifier;
}

type IntakeHandlers = Pick<Handlers, keyof typeof INTAKE_API & EndpointName>;

const unavailable = (): never => {
  throw new DutyFailure('unavailable', 'Intake runs on the primary hub only.');
};

export function intakeHandlers(services: IntakeServices | undefined): IntakeHandlers {
  return {
    geocode: async ({ query }) => {
      const { intake } = services ?? unavailable();
      const found = intake.geocode(query.q, query.limit);
      return {
        status: found?.status ?? 'unresolved',
        match: found?.match ?? null,
        candidates: found?.candidates ?? [],
        suggestions: intake.suggest(query.q, query.limit),
      };
    },
    // Administrators only: the API map's READERS.administration, checked by the router.
    deadLetters: async () => {
      const { notifier } = services ?? unavailable();
      return { items: await notifier.deadLetters(200) };
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
