// The briefing's one command: its export, journaled before the page may print.
import type { AppThunk } from '../../app/store';

export function exportBriefing(date: string): AppThunk<Promise<void>> {
  return async (_dispatch, getState, { api }) => {
    const token = getState().session.token;
    await api.call('command', { token, body: { type: 'briefing.export', payload: { date }, idempotencyKey: `briefing-${date}-${Date.now()}` } });
  };
}
