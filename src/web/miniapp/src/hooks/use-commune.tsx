import { createContext, useContext, type ReactNode } from 'react';
import { api, isAbort } from '../services/api';
import type { Commune, Field } from '../services/types';
import { useRequest, type RequestState } from './use-request';

interface CommuneData {
  commune: Commune;
  fields: Field[];
}

const CommuneContext = createContext<RequestState<CommuneData> | undefined>(undefined);

const CACHE_KEY = 'xa:commune-profile';

function cached(): CommuneData | undefined {
  try {
    const raw = window.localStorage.getItem(CACHE_KEY);
    const data = raw ? (JSON.parse(raw) as CommuneData) : undefined;
    return data?.commune?.hotlines?.length ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Loads the commune profile and the fields once for every page. The last profile loaded is kept
 * on the phone: without a network the hotline, hours and fields are still there.
 */
export function CommuneProvider({ children }: { children: ReactNode }) {
  const state = useRequest(async (signal) => {
    try {
      const [commune, fields] = await Promise.all([api.commune(signal), api.fields(signal)]);
      const data = { commune, fields: fields.items };
      try {
        window.localStorage.setItem(CACHE_KEY, JSON.stringify(data));
      } catch {
        // Storage full or disabled: the app works without the offline copy.
      }
      return data;
    } catch (err) {
      const last = isAbort(err) ? undefined : cached();
      if (last) return last;
      throw err;
    }
  }, []);
  return <CommuneContext.Provider value={state}>{children}</CommuneContext.Provider>;
}

export function useCommune(): RequestState<CommuneData> {
  const state = useContext(CommuneContext);
  if (!state) throw new Error('useCommune must be used inside <CommuneProvider>');
  return state;
}
