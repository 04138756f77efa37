import { useRef, useState, type FormEvent } from 'react';
import { Button } from 'zmp-ui';
import type { CriterionId } from '../../../../shared/reform-types';
import { ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { useRequest } from '../../hooks/use-request';
import { requestId } from '../../lib/format';
import { errorMessage } from '../../services/api';
import { reformApi } from '../../services/reform-api';

/** The satisfaction survey (five criteria, 1–5), anonymous, as on the desk's QR page. */
export default function SurveyPage() {
  const criteria = useRequest((signal) => reformApi.surveyCriteria(signal), []);
  const [scores, setScores] = useState<Partial<Record<CriterionId, number>>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const clientRequestId = useRef(requestId());

  if (done) {
    return (
      <Screen title="Đánh giá mức độ hài lòng" back>
        <div className="status status-empty" role="status">
          Xin cảm ơn ông/bà đã đánh giá! Ý kiến của ông/bà được tổng hợp hằng tháng để cải thiện việc phục vụ người dân.
        </div>
      </Screen>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = criteria.data?.criteria.find((c) => scores[c.id] === undefined);
    if (missing) {
      setError(`Ông/bà vui lòng chấm điểm mục “${missing.name}”.`);
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      await reformApi.answerSurvey({ ...(scores as Record<string, number>), comment, clientRequestId: clientRequestId.current });
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Screen title="Đánh giá mức độ hài lòng" back>
      <p className="lead">Ông/bà chấm điểm việc giải quyết thủ tục tại xã, từ 1 (rất không hài lòng) đến 5 (rất hài lòng). Phiếu không ghi tên.</p>
      {criteria.error ? <ErrorNotice error={criteria.error} onRetry={criteria.reload} /> : null}
      {criteria.loading && <Loading />}
      {criteria.data && (
        <form className="form" onSubmit={submit} noValidate>
          {criteria.data.criteria.map((c, i) => (
            <fieldset key={c.id} className="choices">
              <legend>
                {i + 1}. {c.name}
              </legend>
              <p className="hint">{c.question}</p>
              {criteria.data!.scale.map((s) => (
                <label key={s.value} className={`choice${scores[c.id] === s.value ? ' is-selected' : ''}`}>
                  <input type="radio" name={c.id} checked={scores[c.id] === s.value} onChange={() => setScores((x) => ({ ...x, [c.id]: s.value }))} />
                  <span className="choice-text">
                    <span className="choice-name">
                      {s.value} – {s.label}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
          <label className="field">
            <span className="field-label">Góp ý thêm (không bắt buộc)</span>
            <textarea rows={3} value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
            <span className="field-help">Vui lòng không ghi họ tên, số điện thoại.</span>
          </label>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <Button htmlType="submit" fullWidth loading={sending} disabled={sending}>
            Gửi đánh giá
          </Button>
        </form>
      )}
    </Screen>
  );
}
