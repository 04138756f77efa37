import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'zmp-ui';
import { FeedbackIcon, HomeIcon, InfoIcon, NewsIcon } from '../common/icons';

const TABS: Array<{ path: string; label: string; icon: ReactNode; match: (p: string) => boolean }> = [
  { path: '/', label: 'Trang chủ', icon: <HomeIcon />, match: (p) => p === '/' || p.startsWith('/thu-tuc') || p.startsWith('/linh-vuc') },
  { path: '/tin-tuc', label: 'Tin tức', icon: <NewsIcon />, match: (p) => p.startsWith('/tin-tuc') },
  { path: '/gop-y', label: 'Góp ý', icon: <FeedbackIcon />, match: (p) => p.startsWith('/gop-y') || p.startsWith('/tra-cuu') },
  { path: '/lien-he', label: 'Liên hệ', icon: <InfoIcon />, match: (p) => p.startsWith('/lien-he') },
];

/** The four main sections, always at the bottom, with large labels. */
export function BottomNav() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <nav className="bottom-nav" aria-label="Mục chính">
      {TABS.map((t) => {
        const active = t.match(pathname);
        return (
          <button
            key={t.path}
            type="button"
            className={`bottom-nav-item${active ? ' is-active' : ''}`}
            aria-current={active ? 'page' : undefined}
            onClick={() => {
              if (pathname !== t.path) navigate(t.path, { animate: false });
            }}
          >
            {t.icon}
            <span>{t.label}</span>
          </button>
        );
      })}
    </nav>
  );
}
