import { useNavigate } from 'zmp-ui';
import { FeedbackIcon, InfoIcon, NewsIcon } from '../../components/common/icons';

/** The reform plan's own corners: the quiz, the published answers, the satisfaction survey. */
export function ReformLinks() {
  const navigate = useNavigate();
  return (
    <nav className="reform-links" aria-label="Cải cách hành chính">
      <button type="button" className="wide-link" onClick={() => navigate('/thi')}>
        <InfoIcon />
        <span>Thi tìm hiểu cải cách hành chính</span>
      </button>
      <button type="button" className="wide-link" onClick={() => navigate('/phan-anh-da-tra-loi')}>
        <NewsIcon />
        <span>Xã trả lời phản ánh</span>
      </button>
      <button type="button" className="wide-link" onClick={() => navigate('/danh-gia')}>
        <FeedbackIcon />
        <span>Đánh giá mức độ hài lòng</span>
      </button>
    </nav>
  );
}
