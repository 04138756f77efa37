import { html, SafeHtml } from '../http/html.js';
import { publicPageHtml } from '../http/public-page.js';
import { SCALE, SURVEY_CRITERIA } from './criteria.js';

/** Where the desk's QR code leads: the survey as a page that works on any phone, without scripts. */
export const SURVEY_PAGE_PATH = '/danh-gia';

const STYLE =
  'fieldset{border:1px solid #c9d3e0;border-radius:8px;margin:0 0 14px;padding:10px 12px}legend{font-weight:600;padding:0 4px}label.opt{display:flex;align-items:center;gap:10px;min-height:44px}input[type=radio]{width:22px;height:22px}textarea{width:100%;box-sizing:border-box;font:inherit;min-height:80px}button{width:100%;margin-top:8px}.err{background:#fdecea;border:1px solid #d93025;padding:8px 12px;border-radius:8px}';

function page(title: string, communeName: string, body: SafeHtml): string {
  return publicPageHtml({ title, communeName, body, style: STYLE });
}

/** The form, with the answers given so far kept when something was missing. */
export function surveyFormPage(o: { communeName: string; error?: string; values?: Record<string, string> }): string {
  const fieldsets = SURVEY_CRITERIA.map(
    (c, ci) => html`<fieldset><legend>${ci + 1}. ${c.name}</legend><p>${c.question}</p>
${SCALE.map((s, i) => html`<label class="opt"><input type="radio" name="${c.id}" value="${i + 1}" ${o.values?.[c.id] === String(i + 1) ? new SafeHtml('checked') : ''} required> ${i + 1} – ${s}</label>`)}</fieldset>`,
  );
  return page(
    'Phiếu đánh giá mức độ hài lòng',
    o.communeName,
    html`<h1>Phiếu đánh giá mức độ hài lòng</h1>
<p>${o.communeName} mong nhận ý kiến của ông/bà về việc giải quyết thủ tục hành chính tại Bộ phận Một cửa. Phiếu không ghi tên; mỗi câu chấm từ 1 (rất không hài lòng) đến 5 (rất hài lòng).</p>
${o.error ? html`<p class="err" role="alert">${o.error}</p>` : ''}
<form method="post" action="${SURVEY_PAGE_PATH}">${fieldsets}
<fieldset><legend>Góp ý thêm (không bắt buộc)</legend><textarea name="comment" maxlength="1000">${o.values?.comment ?? ''}</textarea>
<p class="muted">Vui lòng không ghi họ tên, số điện thoại.</p></fieldset>
<button type="submit">Gửi đánh giá</button></form>`,
  );
}

export function surveyThanksPage(communeName: string): string {
  return page(
    'Cảm ơn ông/bà',
    communeName,
    html`<h1>Xin cảm ơn ông/bà!</h1><p>${communeName} đã nhận phiếu đánh giá. Ý kiến của ông/bà được tổng hợp hằng tháng để cải thiện việc phục vụ người dân.</p>`,
  );
}
