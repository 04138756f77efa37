import raw from '../app-config.json';

/** app-config.json as Zalo reads it (the Vite plugin fills in the list* fields at build time). */
export interface AppConfig {
  app: {
    title: string;
    headerTitle?: string;
    headerColor?: string;
    textColor?: 'white' | 'black';
    leftButton?: 'none' | 'back';
    statusBar?: 'normal' | 'hidden' | 'transparent';
    actionBarHidden?: boolean;
    hideAndroidBottomNavigationBar?: boolean;
    hideIOSSafeAreaBottom?: boolean;
    selfControlLoading?: boolean;
  };
  listCSS: string[];
  listSyncJS: string[];
  listAsyncJS: string[];
}

/** Typed access to app-config.json. */
export const appConfig: AppConfig = raw as AppConfig;
