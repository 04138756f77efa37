import { useState, type FormEvent } from 'react';
import { Button } from 'zmp-ui';
import type { PublicQuiz, QuizResult } from '../../../../shared/reform-types';
import { Empty, ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { useRequest } from '../../hooks/use-request';
import { errorMessage } from '../../services/api';
import { reformApi } from '../../services/reform-api';
import { QuizResultView } from './quiz-result';

/** The reform quiz (thi tìm hiểu): the latest open quiz, one attempt, then the score and explanations. */
export default function QuizPage() {
  const state = useRequest(async (signal) => {
    const open = await reformApi.quizzes(signal);
    const first = open.items[0];
    return first ? reformApi.quiz(first.id, signal) : null;
  }, []);
  return (
    <Screen title="Thi tìm hiểu cải cách hành chính" back>
      {state.error ? <ErrorNotice error={state.error} onRetry={state.reload} /> : null}
      {state.loading && <Loading />}
      {state.data === null && <Empty>Hiện xã chưa mở cuộc thi nào. Khi có cuộc thi mới, xã sẽ thông báo trên trang tin.</Empty>}
      {state.data && <QuizForm quiz={state.data} />}
    </Screen>
  );
}

function QuizForm({ quiz }: { quiz: PublicQuiz }) {
  const [answers, setAnswers] = useState<Array<number | null>>(quiz.questions.map(() => null));
  const [result, setResult] = useState<QuizResult | null>(quiz.attempt);
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  if (result) return <QuizResultView title={quiz.title} result={result} />;

  const missing = answers.findIndex((a) => a === null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (missing >= 0) {
      setError(`Ông/bà chưa trả lời câu ${missing + 1}.`);
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      setResult(await reformApi.answerQuiz(quiz.id, answers));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h2 className="section-title">{quiz.title}</h2>
      {quiz.intro && <p className="lead">{quiz.intro}</p>}
      {quiz.questions.map((q, qi) => (
        <fieldset key={q.number} className="choices">
          <legend>
            Câu {q.number}. {q.text}
          </legend>
          {q.choices.map((c, ci) => (
            <label key={ci} className={`choice${answers[qi] === ci ? ' is-selected' : ''}`}>
              <input type="radio" name={`q${q.number}`} checked={answers[qi] === ci} onChange={() => setAnswers((a) => a.map((x, i) => (i === qi ? ci : x)))} />
              <span className="choice-text">
                <span className="choice-name">{c}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Button htmlType="submit" fullWidth loading={sending} disabled={sending}>
        Nộp bài
      </Button>
      <p className="hint">Mỗi người được làm một lần. Kết quả và giải thích hiện ngay sau khi nộp.</p>
    </form>
  );
}
