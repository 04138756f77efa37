import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setUnauthorizedHandler } from './services/api';
import type { Me, Role } from './services/types';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  editor: 'Biên tập tin',
  approver: 'Duyệt tin',
  desk: 'Bộ phận Một cửa',
  leader: 'Lãnh đạo UBND xã',
  province_admin: 'Quản trị cấp tỉnh',
};

type State = { status: 'loading' } | { status: 'anonymous'; expired: boolean } | { status: 'signed-in'; me: Me };

interface Session {
  state: State;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** Who is signed in; the CSRF token lives in memory (the session itself is an httpOnly cookie). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    setUnauthorizedHandler(() => setState({ status: 'anonymous', expired: true }));
    api
      .me()
      .then((r) => {
        setCsrfToken(r.csrfToken);
        setState({ status: 'signed-in', me: r.user });
      })
      .catch(() => setState({ status: 'anonymous', expired: false }));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api.login(username, password);
    setCsrfToken(r.csrfToken);
    setState({ status: 'signed-in', me: r.user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setCsrfToken('');
      setState({ status: 'anonymous', expired: false });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession must be used inside <SessionProvider>');
  return s;
}

/** The signed-in staff member (pages render only when signed in). */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('not signed in');
  return state.me;
}

/** Admin may do everything; otherwise one of `roles` is needed. */
export function hasRole(me: Me, ...roles: Role[]): boolean {
  // A province admin acts in every commune; a commune admin everywhere in theirs, not at province level.
  if (me.roles.includes('province_admin')) return true;
  if (roles.length === 1 && roles[0] === 'province_admin') return false;
  return me.roles.includes('admin') || roles.some((r) => me.roles.includes(r));
}
