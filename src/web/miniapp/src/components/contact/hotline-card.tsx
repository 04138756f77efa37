import { useNavigate } from 'zmp-ui';
import { useCommune } from '../../hooks/use-commune';
import { ClockIcon, PhoneIcon } from '../common/icons';
import { PhoneLink } from './links';

/** The home page's hotline card: the main number with a call button, and office hours. */
export function HotlineCard() {
  const { data } = useCommune();
  const navigate = useNavigate();
  if (!data) return null;
  const { commune } = data;
  const main = commune.hotlines[0]!;
  return (
    <section className="card hotline-card" aria-labelledby="hotline-title">
      <h2 id="hotline-title" className="card-title">
        Đường dây nóng
      </h2>
      <p className="hotline-label">{main.label}</p>
      <p className="hotline-number">
        {main.number}
        {main.example && <span className="example-tag"> (số ví dụ)</span>}
      </p>
      <PhoneLink number={main.number} className="big-action big-action-call wide">
        <PhoneIcon />
        <span>Gọi ngay</span>
      </PhoneLink>
      <p className="hotline-hours">
        <ClockIcon size={22} />
        <span>{commune.office_hours.weekdays}</span>
      </p>
      <button type="button" className="link-button" onClick={() => navigate('/lien-he')}>
        Xem tất cả số điện thoại và địa chỉ
      </button>
    </section>
  );
}
