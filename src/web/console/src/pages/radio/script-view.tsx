import type { RadioFile, RadioScript, TtsStatus } from '../../services/types';

/** The estimated length and the sentences as the announcer will read them. */
export function ScriptView({ script }: { script: RadioScript }) {
  return (
    <div className="script-view" data-testid="radio-script">
      <p className="script-facts" data-testid="radio-duration">
        {script.station} · {script.words} từ · thời lượng ước tính <strong>{script.durationText}</strong> (đọc {script.wordsPerMinute} từ/phút)
      </p>
      {script.sections.map((s, i) => (
        <section key={i} aria-label={s.heading}>
          <h3>{s.heading}</h3>
          {s.sentences.map((sentence, j) => (
            <p key={j}>{sentence}</p>
          ))}
        </section>
      ))}
    </div>
  );
}

/**
 * The four files of a script. The audio only where the server has a speech engine; otherwise the
 * server's own plain sentence saying so.
 */
export function ScriptDownloads({ url, tts, label }: { url: (file: RadioFile) => string; tts: TtsStatus | undefined; label: string }) {
  return (
    <>
      <div className="button-row" role="group" aria-label={label}>
        <a className="btn btn-primary" href={url('script.html')} target="_blank" rel="noopener">
          Mở trang in
        </a>
        <a className="btn" href={url('script.pdf')} download>
          Tải PDF
        </a>
        <a className="btn" href={url('script.txt')} download>
          Tải kịch bản (.txt)
        </a>
        {tts?.available && (
          <a className="btn" href={url('audio.wav')} download>
            Tải bản đọc máy (.wav)
          </a>
        )}
      </div>
      {tts && !tts.available && (
        <p className="warn-box" role="note" data-testid="tts-missing">
          {tts.message}
        </p>
      )}
      {tts?.available && <p className="muted small">Bản đọc máy do phần mềm espeak-ng đọc, có câu mở đầu “Đây là bản đọc tự động bằng máy”; chỉ để nghe thử nhịp đọc hoặc dùng khi không có phát thanh viên.</p>}
    </>
  );
}
