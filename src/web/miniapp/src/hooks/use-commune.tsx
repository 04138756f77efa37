import { createContext, useContext, type ReactNode } from 'react';
import { api } from '../services/api';
import type { Commune, Field } from '../services/types';
import { useRequest, type RequestState } from './use-request';

interface CommuneData {
  commune: Commune;
  fields: Field[];
}

const CommuneContext = createContext<RequestState<CommuneData> | undefined>(undefined);

/** Loads the commune profile and the fields once for every page. */
export function CommuneProvider({ children }: { children: ReactNode }) {
  const state = useRequest(async (signal) => {
    const [commune, fields] = await Promise.all([api.commune(signal), api.fields(signal)]);
    return { commune, fields: fields.items };
  }, []);
  return <CommuneContext.Provider value={state}>{children}</CommuneContext.Provider>;
}

export function useCommune(): RequestState<CommuneData> {
  const state = useContext(CommuneContext);
  if (!state) throw new Error('useCommune must be used inside <CommuneProvider>');
  return state;
}
