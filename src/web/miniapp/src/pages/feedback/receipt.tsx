import { useEffect, useRef } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import type { PetitionReceipt } from '../../services/types';

/** What the resident must keep: the code and the date the commune answers by. */
export function Receipt({ receipt, onAnother }: { receipt: PetitionReceipt; onAnother: () => void }) {
  const navigate = useNavigate();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // The form was scrolled down to its button: show the receipt from its top.
    ref.current?.closest('.zaui-page')?.scrollTo(0, 0);
  }, []);
  return (
    <section ref={ref} className="receipt" aria-live="polite">
      <p className="receipt-lead">Xã đã nhận góp ý của ông/bà.</p>
      <div className="card receipt-card">
        <p className="receipt-label">Mã phản ánh</p>
        <p className="receipt-code" data-testid="petition-code">
          {receipt.code}
        </p>
        <p className="receipt-label">Hạn trả lời</p>
        <p className="receipt-deadline">{receipt.deadline.text}</p>
        <p className="hint">
          {receipt.category.name}. Căn cứ: {receipt.legalSource}.
        </p>
      </div>
      <p className="hint">Ông/bà ghi lại mã này để tra cứu kết quả. Máy này cũng đã lưu mã trong mục “Tra cứu phản ánh”.</p>
      <div className="stack">
        <Button fullWidth onClick={() => navigate(`/tra-cuu?code=${encodeURIComponent(receipt.code)}`)}>
          Tra cứu phản ánh này
        </Button>
        <Button variant="secondary" fullWidth onClick={onAnother}>
          Gửi góp ý khác
        </Button>
      </div>
    </section>
  );
}
