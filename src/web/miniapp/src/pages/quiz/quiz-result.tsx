import type { QuizResult } from '../../../../shared/reform-types';
import { openWebPage } from '../../services/zalo';

/** The score and every question's explanation, with its link to the procedure or article. */
export function QuizResultView({ title, result }: { title: string; result: QuizResult }) {
  return (
    <section aria-labelledby="quiz-score" className="quiz-result">
      <h2 id="quiz-score" className="section-title">
        Ông/bà trả lời đúng {result.score}/{result.total} câu
      </h2>
      <p className="hint">Cuộc thi “{title}”. Mỗi người được làm một lần; xin cảm ơn ông/bà đã tham gia!</p>
      <ol className="quiz-explanations">
        {result.items.map((i) => (
          <li key={i.number} className={i.right ? 'is-right' : 'is-wrong'}>
            <p className="quiz-question">
              <span className={`quiz-mark ${i.right ? 'is-right' : 'is-wrong'}`}>{i.right ? 'Đúng' : 'Sai'}</span> {i.question}
            </p>
            {!i.right && <p>Đáp án đúng: {i.correctAnswer}</p>}
            <p>{i.explanation}</p>
            {i.link && (
              <a
                href={i.link.url}
                target="_blank"
                rel="noreferrer"
                onClick={(e) => {
                  e.preventDefault();
                  void openWebPage(i.link!.url);
                }}
              >
                {i.link.title}
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
