import { useNavigate } from 'zmp-ui';
import { insideZalo } from '../../services/zalo';

/** Depth of the current entry in the browser history this app pushed (outside Zalo). */
export function historyDepth(): number {
  const state = window.history.state as { appDepth?: unknown } | null;
  return typeof state?.appDepth === 'number' ? state.appDepth : 0;
}

/**
 * "Quay lại": inside Zalo the router owns history; in a browser the app's own entries are in
 * window.history (see HistoryBridge), and a page opened directly goes back to `fallback`.
 */
export function useBack(fallback = '/') {
  const navigate = useNavigate();
  return () => {
    if (insideZalo()) navigate(-1);
    else if (historyDepth() > 0) window.history.back();
    else navigate(fallback, { replace: true, direction: 'backward' });
  };
}
