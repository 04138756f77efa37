import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from 'zmp-ui';
import { ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { useRequest } from '../../hooks/use-request';
import { requestId } from '../../lib/format';
import { rememberPetition } from '../../lib/my-petitions';
import { ApiError, api, formErrorMessage } from '../../services/api';
import { revealFirstError } from '../../../../shared/reveal-first-error';
import type { PetitionReceipt } from '../../services/types';
import { Receipt } from './receipt';

interface FormState {
  category: string;
  content: string;
  name: string;
  phone: string;
  address: string;
}
const EMPTY: FormState = { category: '', content: '', name: '', phone: '', address: '' };
/** The fields that show their own message beside the input. */
const FORM_FIELDS = Object.keys(EMPTY);

/** The feedback (petition) form; after sending it shows the code and the answer deadline. */
export default function FeedbackPage() {
  const categories = useRequest((signal) => api.petitionCategories(signal), []);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<PetitionReceipt>();
  // One id per filled-in form: pressing "Gửi" twice (or a retry after a lost answer) files it once.
  const clientRequestId = useRef(requestId());

  // After a refusal, the first field with a message comes into view with the cursor in it.
  useEffect(() => {
    if (Object.keys(fields).length > 0) revealFirstError('.field:has(.field-error), .choices:has(.field-error)');
  }, [fields]);

  const set = (k: keyof FormState) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    // The message under a field goes away once the resident changes that field.
    setFields(({ [k]: _gone, ...rest }) => rest);
    setError(undefined);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setFields({});
    if (!form.category) {
      setFields({ category: 'Vui lòng chọn loại phản ánh.' });
      return;
    }
    setSending(true);
    try {
      const r = await api.submitPetition({ ...form, clientRequestId: clientRequestId.current });
      await rememberPetition({ code: r.code, category: r.category.name, deadline: r.deadline.text });
      setReceipt(r);
    } catch (err) {
      setError(formErrorMessage(err, FORM_FIELDS));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setSending(false);
    }
  };

  if (receipt) {
    return (
      <Screen title="Đã gửi góp ý">
        <Receipt
          receipt={receipt}
          onAnother={() => {
            setReceipt(undefined);
            setForm(EMPTY);
            clientRequestId.current = requestId();
          }}
        />
      </Screen>
    );
  }

  return (
    <Screen title="Góp ý, phản ánh">
      <p className="lead">Ông/bà gặp khó khăn khi làm thủ tục, hay muốn phản ánh việc gì ở xã? Xã sẽ trả lời trong thời hạn ghi dưới đây.</p>
      {categories.error ? <ErrorNotice error={categories.error} onRetry={categories.reload} /> : null}
      {categories.loading && <Loading />}
      {categories.data && (
        <form className="form" onSubmit={submit} noValidate>
          <fieldset className="choices" aria-describedby={fields.category ? 'category-error' : undefined}>
            <legend>Loại phản ánh</legend>
            {categories.data.items.map((c) => (
              <label key={c.id} className={`choice${form.category === c.id ? ' is-selected' : ''}`}>
                <input type="radio" name="category" value={c.id} checked={form.category === c.id} onChange={set('category')} />
                <span className="choice-text">
                  <span className="choice-name">{c.name}</span>
                  <span className="choice-extra">Trả lời trong {c.answerDays} ngày làm việc</span>
                </span>
              </label>
            ))}
            {fields.category && (
              <p id="category-error" className="field-error">
                {fields.category}
              </p>
            )}
          </fieldset>

          <label className="field">
            <span className="field-label">Nội dung</span>
            <span className="field-help">Việc gì, ở đâu, từ khi nào.</span>
            <textarea rows={5} value={form.content} onChange={set('content')} aria-invalid={Boolean(fields.content)} />
            {fields.content && <span className="field-error">{fields.content}</span>}
          </label>

          <p className="hint">Các ô dưới đây không bắt buộc. Để lại số điện thoại nếu ông/bà muốn cán bộ gọi lại.</p>
          <label className="field">
            <span className="field-label">Họ và tên</span>
            <input type="text" autoComplete="name" value={form.name} onChange={set('name')} aria-invalid={Boolean(fields.name)} />
            {fields.name && <span className="field-error">{fields.name}</span>}
          </label>
          <label className="field">
            <span className="field-label">Số điện thoại</span>
            <input type="tel" inputMode="tel" autoComplete="tel" value={form.phone} onChange={set('phone')} aria-invalid={Boolean(fields.phone)} />
            {fields.phone && <span className="field-error">{fields.phone}</span>}
          </label>
          <label className="field">
            <span className="field-label">Địa chỉ</span>
            <input type="text" autoComplete="street-address" value={form.address} onChange={set('address')} aria-invalid={Boolean(fields.address)} />
            {fields.address && <span className="field-error">{fields.address}</span>}
          </label>

          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <Button htmlType="submit" fullWidth loading={sending} disabled={sending}>
            Gửi góp ý
          </Button>
          <p className="hint">{categories.data.note} Thông tin cá nhân chỉ dùng để xã trả lời ông/bà.</p>
        </form>
      )}
    </Screen>
  );
}
