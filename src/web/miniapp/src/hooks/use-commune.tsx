import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, isAbort, setCommuneScope } from '../services/api';
import { chosenCommune, rememberCommune } from '../lib/chosen-commune';
import type { Commune, Field } from '../services/types';
import { useRequest, type RequestState } from './use-request';

interface CommuneData {
  commune: Commune;
  fields: Field[];
}

interface CommuneState extends RequestState<CommuneData> {
  /** Shows another commune from now on (remembered on this device). */
  choose: (id: string) => Promise<void>;
}

const CommuneContext = createContext<CommuneState | undefined>(undefined);

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
 * Loads the commune profile (the one chosen on this device, else the first) and the fields once
 * for every page. The last profile loaded is kept on the phone: without a network the hotline,
 * hours and fields are still there.
 */
export function CommuneProvider({ children }: { children: ReactNode }) {
  // undefined: the device's choice not read yet; null: no choice made.
  const [scope, setScope] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    void chosenCommune().then((id) => {
      setCommuneScope(id);
      setScope(id ?? null);
    });
  }, []);
  const state = useRequest(
    async (signal) => {
      if (scope === undefined) return new Promise<never>(() => undefined);
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
    },
    [scope],
  );
  const choose = useCallback(async (id: string) => {
    await rememberCommune(id);
    setCommuneScope(id);
    setScope(id);
  }, []);
  return <CommuneContext.Provider value={{ ...state, choose }}>{children}</CommuneContext.Provider>;
}

export function useCommune(): CommuneState {
  const state = useContext(CommuneContext);
  if (!state) throw new Error('useCommune must be used inside <CommuneProvider>');
  return state;
}
