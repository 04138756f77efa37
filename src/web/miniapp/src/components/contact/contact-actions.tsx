import { useState } from 'react';
import { useNavigate } from 'zmp-ui';
import { useCommune } from '../../hooks/use-commune';
import { phoneLabel } from '../../lib/format';
import { settings } from '../../settings';
import { openOaChat } from '../../services/zalo';
import { ChatIcon, PhoneIcon } from '../common/icons';
import { ExternalLink, PhoneLink } from './links';

/**
 * "Gọi hotline" and "Nhắn tin cho xã", side by side. Outside Zalo the chat falls back to the
 * OA's web page when the commune has one, otherwise explains and offers the feedback form.
 */
export function ContactActions({ message }: { message?: string }) {
  const { data } = useCommune();
  const navigate = useNavigate();
  const [chatHelp, setChatHelp] = useState(false);
  const hotline = data?.commune.hotlines[0];
  const oaId = settings.zaloOaId ?? data?.commune.zalo_oa_id;
  const oaUrl = data?.commune.zalo_oa_url;

  const chat = async () => {
    if (await openOaChat(oaId, message)) return;
    if (oaUrl) {
      window.open(oaUrl, '_blank', 'noopener,noreferrer');
      return;
    }
    setChatHelp(true);
  };

  return (
    <div className="contact-actions">
      <div className="action-row">
        {hotline && (
          <PhoneLink number={hotline.number} className="big-action big-action-call">
            <PhoneIcon />
            <span>Gọi hotline</span>
          </PhoneLink>
        )}
        <button type="button" className="big-action big-action-chat" onClick={chat}>
          <ChatIcon />
          <span>Nhắn tin cho xã</span>
        </button>
      </div>
      {hotline && <p className="hint">{`${hotline.label}: ${phoneLabel(hotline)}`}</p>}
      {chatHelp && (
        <div className="notice" role="status">
          <p>Nhắn tin cho xã cần mở ứng dụng này trong Zalo. Ông/bà cũng có thể gọi đường dây nóng hoặc gửi góp ý ngay tại đây.</p>
          <div className="notice-actions">
            <button type="button" className="link-button" onClick={() => navigate('/gop-y')}>
              Gửi góp ý cho xã
            </button>
            {oaUrl && <ExternalLink href={oaUrl}>Mở trang Zalo của xã</ExternalLink>}
          </div>
        </div>
      )}
    </div>
  );
}
