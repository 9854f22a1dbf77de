// The session token lives in sessionStorage: a reload keeps the operator signed in, closing
// the window ends it, and no other window of the browser profile sees it.
const KEY = 'dutydeck.session.token';

export interface SessionStore {
  load(): string | null;
  save(token: string): void;
  clear(): void;
}

export function browserSessionStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): SessionStore {
  return {
    load: () => {
      try {
        return storage?.getItem(KEY) ?? null;
      } catch {
        return null;
      }
    },
    save: (token) => {
      try {
        storage?.setItem(KEY, token);
      } catch {
        // Without storage a reload asks for the password again; nothing else breaks.
      }
    },
    clear: () => {
      try {
        storage?.removeItem(KEY);
      } catch {
        // see save
      }
    },
  };
}

export function memorySessionStore(initial: string | null = null): SessionStore & { token: string | null } {
  const store = {
    token: initial,
    load: () => store.token,
    save: (token: string) => void (store.token = token),
    clear: () => void (store.token = null),
  };
  return store;
}
