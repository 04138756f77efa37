import type { ReactNode } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { useCommune } from '../../hooks/use-commune';
import { ApiError, errorMessage } from '../../services/api';
import { PhoneLink } from '../contact/links';
import { PhoneIcon } from './icons';

export function Loading({ text = 'Đang tải…' }: { text?: string }) {
  return (
    <div className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}

/** The commune's main hotline as a big call button (from the last profile known, even offline). */
export function HotlineAction() {
  const { data } = useCommune();
  const main = data?.commune.hotlines[0];
  if (!main) return null;
  return (
    <PhoneLink number={main.number} className="big-action big-action-call wide">
      <PhoneIcon />
      <span>
        Gọi {main.label}: {main.number}
        {main.example ? ' (số ví dụ)' : ''}
      </span>
    </PhoneLink>
  );
}

/** "Về trang chủ": a way out of any dead end. */
export function HomeButton() {
  const navigate = useNavigate();
  return (
    <button type="button" className="link-button" onClick={() => navigate('/', { direction: 'backward' })}>
      Về trang chủ
    </button>
  );
}

const OFFLINE_MESSAGE = 'Điện thoại đang không có mạng nên chưa tải được. Ông/bà kiểm tra Wi-Fi hoặc 4G rồi bấm “Thử lại”; cần gấp thì gọi đường dây nóng.';

/**
 * The server's Vietnamese message, with a retry when there is something to retry, and always the
 * hotline and a way back: a resident who meets an error is never left without someone to call.
 */
export function ErrorNotice({ error, onRetry, home = true }: { error: unknown; onRetry?: () => void; home?: boolean }) {
  const offline = error instanceof ApiError && error.status === 0;
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="status status-error" role="alert" data-testid={offline ? 'offline' : notFound ? 'not-found' : 'error'}>
      <p>{offline ? OFFLINE_MESSAGE : errorMessage(error)}</p>
      {onRetry && !notFound && (
        <Button variant="secondary" onClick={onRetry}>
          Thử lại
        </Button>
      )}
      <HotlineAction />
      {home && <HomeButton />}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="status status-empty">{children}</div>;
}
