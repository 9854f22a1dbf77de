import { createContext, useContext } from 'react';
import type { WindowBootstrap } from '../../../shared/windows';

const BootstrapContext = createContext<WindowBootstrap>({ kind: 'seat', hubUrl: '' });

export const BootstrapProvider = BootstrapContext.Provider;

export function useBootstrap(): WindowBootstrap {
  return useContext(BootstrapContext);
}
