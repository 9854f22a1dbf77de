import { describe, expect, it } from 'vitest';
import { loggedOut } from '../session/sessionSlice';
import { hubContacted, linkReducer, linkStateChanged } from './linkSlice';

describe('link state', () => {
  it('starts out connecting with no contact yet', () => {
    expect(linkReducer(undefined, { type: 'init' })).toEqual({ state: 'connecting', lastContactAt: null });
  });

  it('follows the stream through online and offline', () => {
    let state = linkReducer(undefined, linkStateChanged('online'));
    state = linkReducer(state, linkStateChanged('offline'));
    expect(state.state).toBe('offline');
  });

  it('keeps the newest time of contact', () => {
    let state = linkReducer(undefined, hubContacted({ at: 2000 }));
    state = linkReducer(state, hubContacted({ at: 1000 }));
    expect(state.lastContactAt).toBe(2000);
  });

  it('forgets everything on logout', () => {
    const state = linkReducer(linkReducer(undefined, hubContacted({ at: 5 })), loggedOut());
    expect(state.lastContactAt).toBeNull();
  });
});
