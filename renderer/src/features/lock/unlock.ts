import { dutyError, type DutyError } from '../../../../shared/errors';
import { toDutyError } from '../../app/api';
import type { AppThunk } from '../../app/store';

/**
 * Checks the locked-out user's password by signing in again. The window keeps its own
 * session (its stream never stopped); the session the check opened is closed at once.
 * Answers null when the password is right.
 */
export function verifyPassword(password: string): AppThunk<Promise<DutyError | null>> {
  return async (_dispatch, getState, { api }) => {
    const user = getState().session.user;
    if (!user) return dutyError('unauthenticated', 'no one is signed in');
    try {
      const { token, user: checked } = await api.call('login', { body: { username: user.username, password } });
      void api.call('logout', { token }).catch(() => {
        // An unclosed check session expires on its own.
      });
      return checked.id === user.id ? null : dutyError('forbidden', 'another account');
    } catch (cause) {
      return toDutyError(cause);
    }
  };
}
