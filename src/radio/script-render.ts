import { html, SafeHtml } from '../http/html.js';
import { formatLocal } from '../news/local-time.js';
import { durationText, type RadioScript } from './script.js';

/** The facts printed above every script: station, length, reading speed. */
export function scriptFacts(script: RadioScript): string {
  return `${script.station} · ${script.words} từ · thời lượng ước tính ${durationText(script.seconds)} (đọc ${script.wordsPerMinute} từ/phút)`;
}

/**
 * The script as plain text for the announcer: headings in brackets (not read), one sentence per
 * line, a blank line between parts where the announcer pauses.
 */
export function scriptText(script: RadioScript): string {
  const parts = script.sections.map((s) => [`[${s.heading}]`, ...s.sentences].join('\n'));
  return [script.title.toLocaleUpperCase('vi-VN'), scriptFacts(script), 'Chữ trong ngoặc vuông là ghi chú, không đọc.', '', parts.join('\n\n'), ''].join('\n');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1a1a1a}
main{max-width:780px;margin:0 auto;padding:24px;background:#fff}
h1{font-size:1.5em;margin:.2em 0}.facts{color:#444}.note{color:#666;font-size:.9em}
section{margin:1.4em 0}h2{font-size:1em;color:#0b4f9c;text-transform:uppercase;letter-spacing:.02em;border-bottom:1px solid #c9d3e0;padding-bottom:4px}
section p{font-size:1.3em;line-height:1.6;margin:.35em 0}
.sources{font-size:.9em;color:#444}
@media print{body{background:#fff}main{padding:0}section p{font-size:15pt}}`;

/** The script as a printable page (the console opens it; "In" prints it large for the booth). */
export function scriptHtml(script: RadioScript): string {
  const page = html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${script.title} – ${script.communeName}</title><style>${new SafeHtml(STYLE)}</style></head>
<body><main>
<p class="facts">${script.communeName}</p>
<h1>${script.title}</h1>
<p class="facts" data-testid="duration">${scriptFacts(script)}</p>
<p class="note">Kịch bản cho phát thanh viên: số, ngày, giờ, số điện thoại và mã đã viết thành chữ như khi đọc. Tiêu đề các phần chỉ để xem, không đọc.</p>
${script.sections.map((s) => html`<section><h2>${s.heading}</h2>${s.sentences.map((sentence) => html`<p>${sentence}</p>`)}</section>`)}
${script.sources.length ? html`<div class="sources"><h2>Tin đã dùng</h2><ul>${script.sources.map((src) => html`<li>${src.url ? html`<a href="${src.url}">${src.title}</a>` : src.title}${src.publishedAt ? ` (đăng ${formatLocal(new Date(src.publishedAt))})` : ''}</li>`)}</ul></div>` : ''}
</main></body></html>`;
  return page.value;
}
