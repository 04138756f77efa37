import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { QuizInput, QuizQuestionInput } from '../../../../shared/reform-types';
import { ErrorBox, Field, Loading, PageTitle } from '../../components/ui';
import { useLoad } from '../../lib/use-load';
import { ApiError, api } from '../../services/api';
import { reformApi } from '../../services/reform-api';

const CHOICES = 4;
const blankQuestion = (): QuizQuestionInput => ({ text: '', choices: ['', '', '', ''], answer: 0, explanation: '' });

/** Writing (or editing, while a draft) a quiz: questions, up to four choices, the right one, a short explanation with its link. */
export function QuizEditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const procedures = useLoad(() => api.allProcedures(), []);
  const existing = useLoad(() => (id ? reformApi.quiz(id) : Promise.resolve(undefined)), [id]);
  const [form, setForm] = useState<QuizInput>();
  const [error, setError] = useState<unknown>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const current: QuizInput | undefined =
    form ??
    (id
      ? existing.data && { title: existing.data.title, intro: existing.data.intro, questions: existing.data.questions.map((q) => ({ ...q, choices: [...q.choices, '', '', ''].slice(0, CHOICES) })) }
      : { title: '', intro: '', questions: [blankQuestion()] });
  if (!current || (id && existing.loading)) return <Loading />;

  // A message under a field goes away once the field is changed (the server checks again on save).
  const update = (next: QuizInput) => {
    setForm(next);
    setFields({});
    setError(undefined);
  };
  const setQuestion = (i: number, patch: Partial<QuizQuestionInput>) => update({ ...current, questions: current.questions.map((q, qi) => (qi === i ? { ...q, ...patch } : q)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    setFields({});
    // Empty choice boxes are left out; the right answer keeps pointing at the same text.
    const questions = current.questions.map((q) => {
      const kept = q.choices.map((c, i) => ({ c: c.trim(), i })).filter((x) => x.c);
      return {
        text: q.text,
        explanation: q.explanation,
        choices: kept.map((x) => x.c),
        answer: Math.max(0, kept.findIndex((x) => x.i === q.answer)),
        ...(q.procedureId ? { procedureId: q.procedureId } : {}),
      };
    });
    try {
      const saved = id ? await reformApi.editQuiz(id, { ...current, questions }) : await reformApi.createQuiz({ ...current, questions });
      navigate(`/thi/${saved.id}`);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageTitle>{id ? 'Sửa cuộc thi' : 'Cuộc thi mới'}</PageTitle>
      <form className="panel form" onSubmit={submit} noValidate>
        <Field label="Tên cuộc thi" error={fields.title}>
          <input value={current.title} onChange={(e) => update({ ...current, title: e.target.value })} />
        </Field>
        <Field label="Lời giới thiệu" error={fields.intro} hint="Vài dòng gửi kèm câu hỏi đầu tiên (không bắt buộc).">
          <textarea rows={2} value={current.intro} onChange={(e) => update({ ...current, intro: e.target.value })} />
        </Field>
        {current.questions.map((q, i) => (
          <fieldset key={i} className="quiz-question-editor">
            <legend>Câu {i + 1}</legend>
            <Field label={`Câu hỏi ${i + 1}`} error={fields[`questions.${i}.text`]}>
              <input value={q.text} onChange={(e) => setQuestion(i, { text: e.target.value })} />
            </Field>
            {q.choices.map((c, ci) => (
              <div key={ci} className="quiz-choice-row">
                <label className="inline">
                  <input type="radio" name={`answer-${i}`} checked={q.answer === ci} onChange={() => setQuestion(i, { answer: ci })} />
                  <span className="visually-hidden">Đáp án đúng của câu {i + 1}: phương án {ci + 1}</span>
                </label>
                <input
                  aria-label={`Câu ${i + 1}, phương án ${ci + 1}`}
                  placeholder={ci < 2 ? `Phương án ${ci + 1}` : `Phương án ${ci + 1} (không bắt buộc)`}
                  value={c}
                  onChange={(e) => setQuestion(i, { choices: q.choices.map((x, xi) => (xi === ci ? e.target.value : x)) })}
                />
              </div>
            ))}
            {(fields[`questions.${i}.choices`] || fields[`questions.${i}.answer`]) && <p className="field-error">{fields[`questions.${i}.choices`] ?? fields[`questions.${i}.answer`]}</p>}
            <p className="muted">Chọn nút tròn trước phương án đúng.</p>
            <Field label={`Giải thích câu ${i + 1}`} error={fields[`questions.${i}.explanation`]}>
              <textarea rows={2} value={q.explanation} onChange={(e) => setQuestion(i, { explanation: e.target.value })} />
            </Field>
            <Field label={`Thủ tục liên quan câu ${i + 1}`} error={fields[`questions.${i}.procedureId`]} hint="Người dân được gửi đường dẫn tới trang thủ tục này.">
              <select value={q.procedureId ?? ''} onChange={(e) => setQuestion(i, { procedureId: e.target.value || undefined })}>
                <option value="">(không có)</option>
                {procedures.data?.items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
          </fieldset>
        ))}
        <div className="button-row">
          <button type="button" className="btn" onClick={() => update({ ...current, questions: [...current.questions, blankQuestion()] })}>
            Thêm câu hỏi
          </button>
          <button type="submit" className="btn btn-primary" disabled={saving}>
            Lưu cuộc thi
          </button>
        </div>
        <ErrorBox error={error} />
      </form>
    </>
  );
}
