import type { ReactNode } from 'react';
import { Page } from 'zmp-ui';
import { BackIcon } from '../common/icons';
import { useBack } from './navigation';

/** One screen: zmp-ui's Page with a large title bar (and a back button below the home page). */
export function Screen({ title, back, children, className }: { title: string; back?: string | boolean; children: ReactNode; className?: string }) {
  const goBack = useBack(typeof back === 'string' ? back : '/');
  return (
    <Page className={`screen ${className ?? ''}`} restoreScrollOnBack>
      <header className="topbar">
        {back && (
          <button type="button" className="topbar-back" aria-label="Quay lại" onClick={goBack}>
            <BackIcon size={30} />
          </button>
        )}
        <h1 className="topbar-title">{title}</h1>
      </header>
      <main className="screen-body">{children}</main>
    </Page>
  );
}
