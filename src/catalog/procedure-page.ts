import { html, SafeHtml } from '../http/html.js';
import { renderMarkdown } from '../http/markdown.js';
import { dialable, phoneLabel } from './labels.js';
import type { Commune } from './schema.js';
import type { ProcedureView } from './procedure-view.js';
import type { CitedFact } from './public-facts.js';
import { viDay } from '../web/shared/vi-format.js';

/** "Căn cứ: Nghị quyết …" under a fact a province or commune set, linked when the act has an address. */
function citation(p: ProcedureView, fact: CitedFact) {
  const cited = p.citations.filter((c) => c.fact === fact);
  if (cited.length === 0) return '';
  return html`<p class="meta">Căn cứ: ${cited.map((c, i) => html`${i ? '; ' : ''}${c.url ? html`<a href="${c.url}">${c.source}</a>` : c.source}`)}</p>`;
}

const NOTE_HEADING = { province: 'Lưu ý của tỉnh, thành phố', commune: 'Lưu ý của xã' } as const;

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:18px;line-height:1.55;margin:0;color:#1a1a1a;background:#f6f7f9}
main{max-width:720px;margin:0 auto;padding:16px;background:#fff}
h1{font-size:1.45em;line-height:1.3;margin:.4em 0}h2{font-size:1.1em;margin:1.2em 0 .4em;color:#0b4f9c}
.meta{color:#555;font-size:.9em}.note{background:#fff7e0;border-left:4px solid #e0a800;padding:8px 12px}
a.button{display:inline-block;padding:12px 18px;margin:6px 6px 0 0;border-radius:8px;background:#0b68d8;color:#fff;text-decoration:none;font-weight:600}
a.button.secondary{background:#e8f0fc;color:#0b4f9c}li{margin:.3em 0}`;

/** The public page of one procedure: what the "Xem chi tiết" button opens, readable on any phone. */
export function renderProcedurePage(p: ProcedureView, commune: Commune): string {
  const hotline = commune.hotlines[0]!;
  const body = html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${p.name} – ${commune.name}</title><style>${new SafeHtml(STYLE)}</style></head>
<body><main>
<p class="meta">${commune.name} · ${p.fieldLabel}${p.code ? ` · Mã thủ tục ${p.code}` : ''}</p>
<h1>${p.name}</h1>
${p.codeConfirmed ? '' : html`<p class="note">Mã và tên thủ tục đang được đối chiếu; ông/bà vui lòng kiểm tra trên Cổng Dịch vụ công.</p>`}
<h2>Ai được làm</h2><p>${p.applicants}</p>
<h2>Cơ quan giải quyết</h2><p>${p.agency}</p>
<h2>Giấy tờ cần chuẩn bị</h2>
<ul>${p.documents.map((d) => html`<li>${d.name}${d.form || d.count ? ` (${[d.form, d.count ? `${d.count} bản` : null].filter(Boolean).join(', ')})` : ''}${d.note ? html`<br><small>${d.note}</small>` : ''}</li>`)}</ul>
<h2>Các bước</h2><ol>${p.steps.map((s) => html`<li>${s}</li>`)}</ol>
<h2>Thời gian giải quyết</h2><p>${p.timeLimit}</p>${citation(p, 'time')}
<h2>Lệ phí</h2><p>${p.fee}</p>${citation(p, 'fee')}${p.feeExemptions ? html`<p>Miễn, giảm: ${p.feeExemptions}</p>${citation(p, 'feeExemptions')}` : ''}
<h2>Nơi nộp</h2><p>${p.submitNote}</p>${citation(p, 'where')}
<h2>Nộp trực tuyến</h2><p>${p.online}</p>
<p>${p.canSubmitOnline ? html`<a class="button" href="${p.portalUrl}">Nộp trên Cổng Dịch vụ công</a>` : ''}<a class="button secondary" href="tel:${dialable(hotline.number)}">Gọi ${phoneLabel(hotline)}</a></p>
${p.guidance ? html`<h2>Lưu ý</h2>${new SafeHtml(renderMarkdown(p.guidance))}` : ''}
${(['province', 'commune'] as const).map((layer) => {
  const notes = p.notes.filter((n) => n.layer === layer);
  return notes.length
    ? html`<h2>${NOTE_HEADING[layer]}</h2><ul>${notes.map((n) => html`<li data-layer="${layer}">${n.text}<br><small>Căn cứ: ${n.url ? html`<a href="${n.url}">${n.source}</a>` : n.source}</small></li>`)}</ul>`
    : '';
})}
${p.caution ? html`<p class="note">${p.caution}</p>` : ''}
<h2>Căn cứ pháp lý</h2><ul>${p.legalBasis.map((l) => html`<li>${l}</li>`)}</ul>
<p class="meta">Cập nhật: ${viDay(p.lastReviewed)}. Nguồn: ${p.sources.map((s, i) => html`${i ? ', ' : ''}<a href="${s}">${i + 1}</a>`)}</p>
</main></body></html>`;
  return body.value;
}

/** The page a resident sees for an unknown commune or procedure: plain words and where to look instead. */
export function renderNotFoundPage(message: string, catalogUrl: string): string {
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Không tìm thấy trang</title><style>${new SafeHtml(STYLE)}</style></head>
<body><main>
<h1>Không tìm thấy trang này</h1>
<p>${message}</p>
<p>Ông/bà kiểm tra lại đường dẫn, hoặc tra cứu thủ tục trên Cổng Dịch vụ công quốc gia.</p>
<p><a class="button" href="${catalogUrl}">Mở Cổng Dịch vụ công quốc gia</a></p>
</main></body></html>`.value;
}

/**
 * What an address of a procedure that does not exist (a mistyped or old link) shows: a page, not
 * an API error, with the procedures whose names come closest, the way to the list, and the hotline.
 */
export function renderProcedureNotFoundPage(commune: Commune, suggestions: Array<{ id: string; name: string; url: string }>, listUrl: string): string {
  const hotline = commune.hotlines[0]!;
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Không tìm thấy thủ tục – ${commune.name}</title><style>${new SafeHtml(STYLE)}</style></head>
<body><main>
<p class="meta">${commune.name}</p>
<h1>Không tìm thấy thủ tục này</h1>
<p>Đường link có thể đã cũ hoặc bị gõ sai. Ông/bà chọn một thủ tục dưới đây, xem danh sách thủ tục, hoặc gọi đường dây nóng để được hướng dẫn.</p>
${suggestions.length ? html`<h2>Có phải ông/bà tìm</h2><ul>${suggestions.map((p) => html`<li><a href="${p.url}">${p.name}</a></li>`)}</ul>` : ''}
<p><a class="button" href="tel:${dialable(hotline.number)}">Gọi ${phoneLabel(hotline)}</a><a class="button secondary" href="${listUrl}">Xem danh sách thủ tục</a></p>
</main></body></html>`.value;
}
