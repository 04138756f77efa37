import { createRoot } from 'react-dom/client';
import 'zmp-ui/zaui.css';
import './css/app.css';
import { appConfig } from './app-config';
import { AppLayout } from './components/layout/app-layout';

// Zalo's runtime and zmp-ui read the configuration from window.APP_CONFIG.
window.APP_CONFIG = appConfig;

createRoot(document.getElementById('app')!).render(<AppLayout />);
