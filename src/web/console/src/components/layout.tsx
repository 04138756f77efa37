import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { hasRole, ROLE_LABELS, useMe, useSession } from '../session';
import type { Role } from '../services/types';
import { ZaloBanner } from '../pages/zalo';

const NAV: Array<{ to: string; label: string; roles: Role[] }> = [
  { to: '/', label: 'Tổng quan', roles: [] },
  { to: '/tin', label: 'Tin thông báo', roles: ['editor', 'approver'] },
  { to: '/phan-anh', label: 'Phản ánh, kiến nghị', roles: ['desk', 'leader'] },
  { to: '/cau-hoi', label: 'Câu hỏi chưa trả lời được', roles: ['editor', 'approver', 'desk'] },
  { to: '/bao-cao', label: 'Báo cáo', roles: ['editor', 'approver', 'desk'] },
  { to: '/in-an', label: 'In tờ rơi, áp phích', roles: [] },
  { to: '/phat-thanh', label: 'Phát thanh', roles: ['editor', 'approver'] },
  { to: '/thi', label: 'Thi tìm hiểu', roles: ['editor', 'approver'] },
  { to: '/danh-gia', label: 'Đánh giá hài lòng', roles: [] },
  { to: '/tai-khoan', label: 'Tài khoản cán bộ', roles: ['admin'] },
  { to: '/zalo', label: 'Kết nối Zalo', roles: ['admin', 'desk'] },
];

/** Header with who is signed in, the menu (only what the roles allow), and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const me = useMe();
  const { logout } = useSession();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Bỏ qua menu
      </a>
      <header className="topbar">
        <span className="brand">Bàn làm việc cán bộ xã</span>
        <span className="who">
          {me.displayName} · {me.roles.map((r) => ROLE_LABELS[r]).join(', ')}
        </span>
        <button type="button" className="btn btn-ghost" onClick={() => void logout()}>
          Đăng xuất
        </button>
      </header>
      <nav className="sidenav" aria-label="Menu chính">
        <ul>
          {NAV.filter((n) => n.roles.length === 0 || hasRole(me, ...n.roles)).map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.to === '/'}>
                {n.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <ZaloBanner />
        {children}
      </main>
    </div>
  );
}
