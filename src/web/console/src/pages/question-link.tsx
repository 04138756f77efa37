import { useState, type FormEvent } from 'react';
import { ErrorBox, Field, useRevealFirstError } from '../components/ui';
import { ProcedurePicker, type PickedProcedure } from '../components/procedure-picker';
import { ApiError, api } from '../services/api';
import type { UnansweredQuestion } from '../services/types';

/**
 * Links one group of unanswered questions to a procedure: the phrase (by default what residents
 * wrote most often) becomes another name of the procedure, and the assistant uses it at once.
 */
export function QuestionLinkForm({
  group,
  onLinked,
  onCancel,
}: {
  group: UnansweredQuestion & { signature: string };
  onLinked: (phrase: string, procedure: PickedProcedure) => void;
  onCancel: () => void;
}) {
  const [procedure, setProcedure] = useState<PickedProcedure | null>(null);
  const [phrase, setPhrase] = useState(group.text);
  const [error, setError] = useState<unknown>();
  const [fields, setFields] = useState<Record<string, string>>({});
  useRevealFirstError(fields);
  const [busy, setBusy] = useState(false);
  const suggestion = group.topProcedure ? { id: group.topProcedure, name: group.topProcedureName ?? group.topProcedure } : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setFields({});
    if (!procedure) {
      setFields({ procedureId: 'Vui lòng chọn thủ tục.' });
      return;
    }
    setBusy(true);
    try {
      // The server learns the group's own text when no other phrase is given.
      const r = await api.linkQuestionGroup(group.signature, procedure.id, phrase.trim() === group.text.trim() ? undefined : phrase);
      onLinked(r.phrase, procedure);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fields);
      setBusy(false);
    }
  };

  return (
    <form className="form compact link-form" onSubmit={(e) => void submit(e)} aria-label={`Gắn “${group.text}” với thủ tục`} onKeyDown={(e) => e.key === 'Escape' && !e.defaultPrevented && onCancel()}>
      <ProcedurePicker label="Thủ tục" selected={procedure} onSelect={setProcedure} suggestion={suggestion} error={fields.procedureId} autoFocus />
      <Field label="Cụm từ để trợ lý học" error={fields.phrase} hint="Người dân hỏi đúng hoặc gần đúng cụm từ này sẽ được trả lời bằng thủ tục đã chọn.">
        <input name="phrase" value={phrase} onChange={(e) => setPhrase(e.target.value)} maxLength={200} />
      </Field>
      <ErrorBox error={error} shownFields={['procedureId', 'phrase']} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Gắn với thủ tục này
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          Hủy
        </button>
      </div>
    </form>
  );
}
