import { App, ZMPRouter } from 'zmp-ui';
import { CommuneProvider } from '../../hooks/use-commune';
import { AppRoutes } from '../../routes';
import { insideZalo } from '../../services/zalo';
import { BottomNav } from './bottom-nav';
import { HistoryBridge } from './history-bridge';

function Frame() {
  return (
    <div className="app-frame">
      <AppRoutes />
      <BottomNav />
    </div>
  );
}

/**
 * The app shell. Inside Zalo, zmp-ui's router follows Zalo's /zapps/<id> URLs as in Zalo's
 * templates; in a browser it runs in memory and HistoryBridge mirrors it into the URL hash.
 */
export function AppLayout() {
  const zalo = insideZalo();
  return (
    <App theme="light">
      <ZMPRouter memoryRouter={!zalo}>
        <CommuneProvider>{zalo ? <Frame /> : <HistoryBridge><Frame /></HistoryBridge>}</CommuneProvider>
      </ZMPRouter>
    </App>
  );
}
