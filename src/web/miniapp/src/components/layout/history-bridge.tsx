import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigationType } from 'react-router-dom';
import { useLocation, useNavigate } from 'zmp-ui';
import { historyDepth } from './navigation';

function routeFromHash(): string | undefined {
  const h = window.location.hash;
  return h.startsWith('#/') ? h.slice(1) : undefined;
}

/**
 * Outside Zalo the app runs on zmp-ui's memory router (its browser router only works under Zalo's
 * /zapps/<id> path). This mirrors the route into the URL hash (#/thu-tuc/…), so a link can be
 * shared and reopened, and the browser's Back button walks back through the app. Until an address
 * opened directly has been restored, nothing is shown (no flash of the home page).
 */
export function HistoryBridge({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigationType = useNavigationType();
  const navigate = useNavigate();
  const here = location.pathname + location.search;
  const [ready, setReady] = useState(() => (routeFromHash() ?? '/') === here);
  const started = useRef(false);

  useEffect(() => {
    if (!started.current) {
      started.current = true;
      const target = routeFromHash();
      if (target && target !== here) {
        navigate(target, { replace: true, animate: false });
        return;
      }
      window.history.replaceState({ appDepth: 0 }, '', `#${here}`);
      setReady(true);
      return;
    }
    setReady(true);
    if (window.location.hash === `#${here}`) return;
    if (navigationType === 'PUSH') window.history.pushState({ appDepth: historyDepth() + 1 }, '', `#${here}`);
    else window.history.replaceState({ appDepth: historyDepth() }, '', `#${here}`);
  }, [here]);

  useEffect(() => {
    const onPop = () => navigate(routeFromHash() ?? '/', { replace: true, direction: 'backward' });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [navigate]);

  return ready ? <>{children}</> : null;
}
