import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import { createCatalog } from '../../src/catalog/catalog.js';
import { loadContent, type Content } from '../../src/catalog/load-content.js';
import { trainLabelModel, trainLabelModelInBackground } from '../../src/understanding/label-model.js';
import { createTextPreparer } from '../../src/understanding/text-preparer.js';
import { createUnderstandingSources } from '../../src/understanding/sources.js';
import { understandWith } from '../../src/understanding/understand.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { createAssistant } from '../../src/assistant/assistant.js';

const temp = mkdtempSync(join(tmpdir(), 'model-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function bundled(): Content {
  const r = loadContent(BUNDLED_CONTENT_DIR);
  if (!r.ok) throw new Error('bundled content invalid');
  return r.content;
}

/**
 * A small content folder: a one-commune profile, five procedures, and examples for four of them
 * ("đăng ký khai tử" has none: it can only be found by its name).
 */
function smallContent(): string {
  const dir = mkdtempSync(join(temp, 'content-'));
  for (const f of ['synonyms.yaml', 'shorthand.yaml', 'facets.yaml', 'chat-words.yaml']) cpSync(join(BUNDLED_CONTENT_DIR, f), join(dir, f));
  // The one-commune layout (commune.yaml, no province layer) still loads.
  cpSync(new URL('../fixtures/legacy-commune.yaml', import.meta.url), join(dir, 'commune.yaml'));
  mkdirSync(join(dir, 'procedures'));
  // With the procedures the not_when of these send to (a marriage or birth with a foreigner, the single-status
  // paper a foreign marriage may need): a catalog must hold every procedure its rules name.
  const ids = ['dang-ky-ket-hon', 'dang-ky-khai-sinh', 'dang-ky-khai-tu', 'cap-ban-sao-trich-luc-ho-tich', 'thay-doi-cai-chinh-ho-tich'];
  ids.push('dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'dang-ky-khai-sinh-yeu-to-nuoc-ngoai', 'xac-nhan-tinh-trang-hon-nhan');
  for (const id of ids) {
    cpSync(join(BUNDLED_CONTENT_DIR, 'procedures', `${id}.md`), join(dir, 'procedures', `${id}.md`));
  }
  mkdirSync(join(dir, 'examples', 'procedures'), { recursive: true });
  mkdirSync(join(dir, 'examples', 'intents'), { recursive: true });
  const write = (kind: string, label: string, key: string, texts: string[]) =>
    writeFileSync(join(dir, 'examples', kind, `${label}.yaml`), `${key}: ${label}\nexamples:\n${texts.map((t) => `  - text: ${JSON.stringify(t)}`).join('\n')}\n`);
  write('procedures', 'dang-ky-ket-hon', 'procedure', ['muốn cưới vợ thì làm giấy gì', 'dang ky ket hon can gi', 'hai đứa định cưới tháng sau', 'lam giay hon thu o xa', 'đăng ký kết hôn mất bao lâu']);
  write('procedures', 'dang-ky-khai-sinh', 'procedure', ['vợ mới sinh em bé', 'lam giay khai sinh cho con', 'con mới đẻ cần làm giấy gì', 'khai sinh cho chau', 'đăng ký khai sinh hết bao nhiêu tiền']);
  // dang-ky-ket-hon's not_when sends a lost marriage paper here: it must be in the catalog too.
  write('procedures', 'cap-ban-sao-trich-luc-ho-tich', 'procedure', ['xin bản sao giấy khai sinh', 'mat giay ket hon roi', 'trích lục kết hôn xin ở đâu', 'làm lại giấy khai sinh bị mất', 'ban sao trich luc ho tich']);
  // dang-ky-khai-sinh's not_when sends a change of recorded ethnicity here.
  write('procedures', 'thay-doi-cai-chinh-ho-tich', 'procedure', ['đổi tên cho con', 'sua ten dem trong giay khai sinh', 'giấy khai sinh ghi sai ngày sinh', 'đổi dân tộc cho con', 'bo sung que quan trong khai sinh']);
  write('intents', 'hotline', 'intent', ['cho xin số điện thoại của xã', 'sdt xa la gi', 'gọi số nào để hỏi', 'hotline xa', 'so dien thoai mot cua']);
  write('intents', 'out_of_scope', 'intent', ['giá vàng hôm nay', 'mai trời có mưa không', 'kể chuyện cười đi', 'bán đất nền giá rẻ liên hệ', 'tỷ số bóng đá tối qua']);
  return dir;
}

describe('the learned model', () => {
  const content = bundled();
  const prepare = createTextPreparer(content);
  const input = { examples: content.examples.slice(0, 400), procedures: content.procedures, prepare };

  it('trains the same way every time, and a cached model answers exactly as the trained one', () => {
    const cacheDir = join(temp, 'cache');
    const first = trainLabelModel(input, { cacheDir });
    const second = trainLabelModel(input, { cacheDir });
    expect(first.stats.fromCache).toBe(false);
    expect(second.stats.fromCache).toBe(true);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.model'))).toHaveLength(1);
    for (const q of ['dang ky ket hon', 'mất sổ đỏ làm lại', 'cho xin số điện thoại xã']) {
      expect(second.classify(q)).toEqual(first.classify(q));
    }
    const again = trainLabelModel(input);
    expect(again.classify('giấy độc thân')).toEqual(first.classify('giấy độc thân'));
  });

  it('trains on a thread of its own for a running server, and learns exactly what the main thread would', async () => {
    const here = trainLabelModel(input);
    const there = await trainLabelModelInBackground(input);
    expect(there.stats.offThread).toBe(true);
    expect(there.stats.fromCache).toBe(false);
    expect(there.labels).toEqual(here.labels);
    for (const q of ['dang ky ket hon', 'mất sổ đỏ làm lại', 'cho xin số điện thoại xã', 'giấy độc thân']) {
      expect(there.classify(q)).toEqual(here.classify(q));
    }
  });

  it('gives probabilities over every label, summing to one', () => {
    const model = trainLabelModel(input, { cacheDir: join(temp, 'cache') });
    const scores = model.classify('làm giấy khai sinh cho con');
    expect(scores).toHaveLength(model.labels.length);
    expect(scores.reduce((s, x) => s + x.probability, 0)).toBeCloseTo(1, 5);
    expect(scores[0]!.probability).toBeGreaterThanOrEqual(scores[1]!.probability);
  });
});

describe('understanding by one policy', () => {
  const catalog = bundledCatalog();
  const understand = (q: string) => understandWith(catalog.current.understanding, q);

  it('answers a clear question without alternatives', () => {
    const u = understand('cho em hỏi đăng ký kết hôn cần mang giấy tờ gì ạ');
    expect(u).toMatchObject({ intent: 'procedure', certainty: 'sure', choices: [] });
    expect(u.results[0]!.id).toBe('dang-ky-ket-hon');
  });

  it('turns a subscribing reading around when the words stop the news, and only then', () => {
    const sources = catalog.current.understanding;
    const readAsSubscribing = { ...sources, model: { ...sources.model, classify: () => [{ label: 'subscribe', probability: 0.8 }, { label: 'dang-ky-ket-hon', probability: 0.2 }] } };
    const intentOf = (q: string) => understandWith(readAsSubscribing, q).intent;
    for (const q of ['e muốn bỏ theo dõi tin xã', 'thôi hủy nhận tin nhắn của xã', 'dung nhan tin giup em', 'không muốn nhận tin của xã nữa']) expect(intentOf(q), q).toBe('unsubscribe');
    // "bo" unmarked is also "bố", "thoi" is also "thời", "dung" also "dùng"; not missing a piece of news is no wish to stop.
    for (const q of ['đăng ký nhận tin', 'cho bo theo doi tin cua xa', 'tôi không muốn bỏ lỡ tin nào, đăng ký nhận tin cho tôi', 'thời gian nhận tin là khi nào', 'tôi dùng zalo nhận tin được không']) {
      expect(intentOf(q), q).toBe('subscribe');
    }
    // The model by itself reads this one as subscribing, surely.
    expect(understand('e muốn bỏ theo dõi tin xã')).toMatchObject({ intent: 'unsubscribe', certainty: 'sure' });
  });

  it('does not call a message out of scope when that reading is weak and one procedure stands out', () => {
    const sources = catalog.current.understanding;
    const withScores = (scores: Array<[string, number]>) => ({
      ...sources,
      model: { ...sources.model, classify: () => scores.map(([label, probability]) => ({ label, probability })) },
    });
    // Out of scope barely first, a procedure far ahead of the other procedures: the procedure, with alternatives.
    const stands = understandWith(withScores([['out_of_scope', 0.17], ['tro-cap-huu-tri-xa-hoi', 0.16], ['ho-tro-mai-tang-huu-tri-xa-hoi', 0.04]]), 'x y z');
    expect(stands).toMatchObject({ intent: 'procedure', certainty: 'likely' });
    expect(stands.results[0]!.id).toBe('tro-cap-huu-tri-xa-hoi');
    // A clear "out of scope", or procedures that do not stand out, stay out of scope.
    expect(understandWith(withScores([['out_of_scope', 0.45], ['tro-cap-huu-tri-xa-hoi', 0.2], ['ho-tro-mai-tang-huu-tri-xa-hoi', 0.05]]), 'x y z').intent).toBe('out_of_scope');
    expect(understandWith(withScores([['out_of_scope', 0.2], ['tro-cap-huu-tri-xa-hoi', 0.16], ['ho-tro-mai-tang-huu-tri-xa-hoi', 0.1]]), 'x y z').intent).toBe('out_of_scope');
  });

  it('knows the everyday ways a paper is lost (synonyms.yaml): washed away by a flood is lost, not a first registration', () => {
    const u = understand('giấy kết hôn nhà em bị nước cuốn trôi');
    expect(u.intent).toBe('procedure');
    expect(['cap-ban-sao-trich-luc-ho-tich', 'dang-ky-lai-ket-hon']).toContain(u.results[0]!.id);
  });

  it('reads "mất bao lâu" as how long it takes, not as a lost paper (shorthand.yaml phrases)', () => {
    for (const q of ['làm khai tử cho bố mất bao lâu vậy', 'lam giay chung tu mat may ngay', 'dang ky khai sinh cho be co mat tien khong']) {
      const u = understand(q);
      expect(u.intent, q).toBe('procedure');
      expect(u.results[0]!.id, q).toMatch(/^dang-ky-khai-(tu|sinh)$/);
    }
    // The rewrite is of whole phrases only: a paper that was lost is still lost.
    const prepare = catalog.current.understanding.prepare;
    expect(prepare('mất bao lâu')).toBe('het bao lau');
    expect(prepare('giấy báo tử bị mất')).toContain('bi mat');
    const lost = understand('giấy khai sinh của tôi bị mất, xin lại ở đâu');
    expect(lost.results[0]!.id).not.toMatch(/^dang-ky-khai-sinh$/);
  });

  it('knows the everyday names of disabilities (synonyms.yaml): a deaf child is a disability case', () => {
    const u = understand('con tôi bị khiếm thính bẩm sinh được hưởng chế độ gì');
    expect(u.intent).toBe('procedure');
    expect(['xac-dinh-muc-do-khuyet-tat', 'tro-cap-xa-hoi-hang-thang']).toContain(u.results[0]!.id);
  });

  it('offers close candidates instead of guessing when the message fits several', () => {
    const u = understand('hồ sơ đất đai');
    expect(u.intent).toBe('procedure');
    expect(['likely', 'unsure']).toContain(u.certainty);
    expect(u.choices.length).toBeGreaterThanOrEqual(2);
    expect(u.choices.length).toBeLessThanOrEqual(3);
  });

  it('reads a 2,000-character letter whole: the question after the background decides', () => {
    const background = [
      'Kính gửi quý cán bộ xã, tôi tên là Nguyễn Văn Hòa, năm nay sáu mươi hai tuổi, quê gốc ở huyện Tiên Lãng cũ, nay thuộc xã mới sau khi sắp xếp.',
      'Gia đình tôi có bốn anh chị em, các em tôi đều đã lập gia đình và đi làm ăn xa, người ở Hải Dương, người vào tận Bình Dương làm công nhân.',
      'Trước đây tôi làm giáo viên cấp hai ở trường trong xã gần ba mươi năm, nghỉ hưu từ năm 2022, hiện sống cùng vợ và cháu nội ở thôn Đông.',
      'Nhà tôi vẫn giữ cuốn sổ hộ khẩu cũ bằng giấy, chứng minh nhân dân của tôi cấp từ năm 2005 ở công an huyện, sau này mới đổi sang thẻ căn cước.',
      'Mấy năm gần đây sức khỏe của cả nhà không được tốt, đường vào thôn lại hay ngập mỗi mùa mưa nên đi lại vất vả, việc gì cũng phải nhờ hàng xóm.',
      'Tôi ít khi dùng điện thoại thông minh, con cháu cài Zalo cho nên mới biết xã có trang này để hỏi, mong các cán bộ thông cảm nếu tôi viết dài.',
      'Ông cụ thân sinh của tôi năm nay chín mươi mốt tuổi, cả đời làm ruộng, tính tình hiền lành, được bà con trong xóm quý mến.',
      'Cụ ở với vợ chồng tôi từ khi mẹ tôi mất, mấy tháng nay yếu hẳn, ăn uống kém, đi khám ở trạm y tế xã và bệnh viện tỉnh mấy lần.',
      'Các con tôi ở xa cũng đã thu xếp về thăm ông, cả nhà đã chuẩn bị tinh thần vì tuổi cụ đã cao.',
      'Họ hàng nội ngoại bên tôi đông, nhiều người đã lớn tuổi, việc gì trong nhà cũng phải bàn bạc với các chú các bác cho phải đạo.',
      'Vợ tôi trước làm y tá ở trạm y tế, nay cũng đã nghỉ, hằng ngày trông cháu và chăm vườn rau sau nhà.',
      'Tôi viết thư này nhờ cháu nội gõ giúp, có chỗ nào chưa đúng phép tắc thì mong các anh chị bỏ qua cho.',
      'Năm ngoái nhà tôi có sửa lại gian bếp và làm thêm mái tôn che sân, mọi việc đều hỏi ý kiến thôn và hàng xóm trước khi làm.',
      'Ngoài giờ tôi vẫn tham gia chi hội người cao tuổi của thôn, mỗi tháng sinh hoạt một lần ở nhà văn hóa, anh em gặp nhau rất vui.',
      'Cháu nội tôi năm nay học lớp mười một ở trường huyện cũ, đi học bằng xe đạp điện, học hành cũng chăm chỉ.',
    ].join(' ');
    const letter = `${background} Sáng hôm qua bố tôi đã qua đời tại nhà. Xin hỏi gia đình phải làm giấy báo tử, đăng ký khai tử cho cụ ở đâu, cần mang giấy tờ gì và hạn mấy ngày?`;
    expect(letter.length).toBeGreaterThan(2000);
    expect(letter.slice(0, 1800)).not.toMatch(/khai tử|báo tử|qua đời/);
    const u = understand(letter);
    expect(u.intent).toBe('procedure');
    expect(['dang-ky-khai-tu', 'lien-thong-khai-tu-xoa-thuong-tru-mai-tang']).toContain(u.results[0]!.id);
  });

  it('reads a petition code as a status question, and a message without words as a greeting', () => {
    expect(understand('cho hỏi pa-2026-000123 sao rồi')).toMatchObject({ intent: 'status', petitionCode: 'PA-2026-000123' });
    expect(understand('👍👍').intent).toBe('greeting');
  });

  it('gives a polite reply for hostile or strange input, never an exception', async () => {
    const assistant = createAssistant({ catalog, links: { procedurePage: (id) => `https://xa.example/thu-tuc/${id}` } });
    const inputs = ['', '   ', '🙂🙂🙂', '\u0000\u0001', 'x'.repeat(20_000), "'; DROP TABLE questions; --", '<script>alert(1)</script>', 'Đăng ký kết hôn'.normalize('NFD')];
    for (const q of inputs) {
      expect(() => understand(q)).not.toThrow();
      const turn = await assistant.respond(q);
      expect(turn.reply.text.startsWith('Dạ')).toBe(true);
    }
  });
});

describe('procedures without examples, and what staff teach', () => {
  it('finds a procedure the model has no examples for by its name', () => {
    const r = loadContent(smallContent());
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const sources = createUnderstandingSources(r.content);
    expect(sources.model.labels).not.toContain('dang-ky-khai-tu');
    // Death registration and the three procedures only the rules send to have no examples here.
    expect(sources.names.size).toBe(4);
    const u = understandWith(sources, 'dang ky khai tu');
    expect(u.intent).toBe('procedure');
    expect(u.results[0]!.id).toBe('dang-ky-khai-tu');
    expect(understandWith(sources, 'mai troi co mua khong').intent).toBe('out_of_scope');
  });

  it('answers a phrase staff linked at once, and learns from it in the background', async () => {
    const catalog = createCatalog(smallContent(), { modelCacheDir: join(temp, 'cache') });
    const understand = (q: string) => understandWith(catalog.current.understanding, q);
    const before = understand('cho em xin tờ xanh của cháu');
    expect(before.certainty === 'sure' && before.results[0]?.id === 'dang-ky-khai-sinh').toBe(false);
    const trained = catalog.addAlias('dang-ky-khai-sinh', 'tờ xanh');
    // At once, before the model is retrained: the linked phrase decides.
    expect(understand('cho em xin tờ xanh của cháu')).toMatchObject({ intent: 'procedure', certainty: 'sure' });
    expect(understand('cho em xin tờ xanh của cháu').results[0]!.id).toBe('dang-ky-khai-sinh');
    await trained;
    expect(catalog.trainingError).toBeUndefined();
    expect(understand('to xanh').results[0]!.id).toBe('dang-ky-khai-sinh');

    await catalog.addExample({ label: 'out_of_scope', text: 'đổi bằng lái xe ở đâu' });
    expect(understand('đổi bằng lái xe ở đâu').intent).toBe('out_of_scope');
  });
});
