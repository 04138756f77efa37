import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router-dom';
import './css/console.css';
import { AppRoutes } from './routes';
import { SessionProvider } from './session';

// Hash routes: the server hands out one static index.html under /console/.
createRoot(document.getElementById('root')!).render(
  <HashRouter>
    <SessionProvider>
      <AppRoutes />
    </SessionProvider>
  </HashRouter>,
);
