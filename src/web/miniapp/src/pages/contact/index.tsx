import { ExternalLink, PhoneLink } from '../../components/contact/links';
import { ClockIcon, PhoneIcon, PinIcon } from '../../components/common/icons';
import { ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { useCommune } from '../../hooks/use-commune';
import { phoneLabel } from '../../lib/format';
import type { Phone } from '../../services/types';

function PhoneRow({ phone }: { phone: Phone }) {
  return (
    <li className="phone-row">
      <span className="phone-text">
        <span className="phone-label">{phone.label}</span>
        <span className="phone-number">{phoneLabel(phone)}</span>
      </span>
      <PhoneLink number={phone.number} className="call-button">
        <PhoneIcon size={24} />
        <span>Gọi</span>
      </PhoneLink>
    </li>
  );
}

/** Hotlines, office hours, address and the online portals. */
export default function ContactPage() {
  const { data, error, loading, reload } = useCommune();
  return (
    <Screen title="Liên hệ với xã">
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && !data && <Loading />}
      {data && (
        <>
          <section className="card" aria-labelledby="phones-title">
            <h2 id="phones-title" className="card-title">
              Số điện thoại
            </h2>
            <ul className="phones">
              {data.commune.hotlines.map((h) => (
                <PhoneRow key={h.number} phone={h} />
              ))}
              <PhoneRow phone={data.commune.national_portal.hotline} />
            </ul>
          </section>
          <section className="card" aria-labelledby="hours-title">
            <h2 id="hours-title" className="card-title">
              <ClockIcon size={24} /> Giờ làm việc
            </h2>
            <p>{data.commune.office_hours.weekdays}</p>
            <p>{data.commune.office_hours.saturday}</p>
            {data.commune.office_hours.note && <p className="hint">{data.commune.office_hours.note}</p>}
          </section>
          <section className="card" aria-labelledby="address-title">
            <h2 id="address-title" className="card-title">
              <PinIcon size={24} /> Địa chỉ
            </h2>
            <p>
              <strong>{data.commune.name}</strong>
            </p>
            <p>{data.commune.address}</p>
            <p>
              {data.commune.desk.name}: {data.commune.desk.location}
            </p>
          </section>
          <section className="card" aria-labelledby="portals-title">
            <h2 id="portals-title" className="card-title">
              Làm thủ tục trực tuyến
            </h2>
            <ul className="link-list">
              <li>
                <ExternalLink href={data.commune.national_portal.url}>{data.commune.national_portal.name}</ExternalLink>
              </li>
              <li>
                <ExternalLink href={data.commune.province_portal.url}>{data.commune.province_portal.name}</ExternalLink>
              </li>
              <li>
                <ExternalLink href={data.commune.province_portal.lookup_url}>Tra cứu hồ sơ đã nộp</ExternalLink>
              </li>
            </ul>
          </section>
        </>
      )}
    </Screen>
  );
}
