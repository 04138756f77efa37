import { describe, expect, it } from 'vitest';
import { readInContext } from '../../src/chat/topic.js';
import type { Understanding } from '../../src/understanding/understand.js';
import { runDialogues } from '../helpers/dialogue.js';

const procedure = (results: Array<[string, number]>, certainty: Understanding['certainty']): Understanding => ({
  intent: 'procedure',
  confidence: results[0]![1],
  certainty,
  results: results.map(([id, score]) => ({ id, score })),
  choices: [],
});

describe('a reading that only leads its runner-up', () => {
  it('is answered, with the alternatives beside it, when nothing else is being talked about', async () => {
    // Low in absolute terms (a situation in the resident's own words), but far ahead of the rest.
    const [a] = await runDialogues([{ dialog: 'elder', q: 'nhà có người già trên 80 không lương' }]);
    expect(a!.intent).toBe('procedure');
    expect(a!.results[0]?.id).toBe('tro-cap-huu-tri-xa-hoi');
    expect(a!.facet).toBe('overview');
    expect(a!.reply).toContain('Nếu ông/bà hỏi việc khác');
  });

  it('does not take the resident away from the topic: the message is read with the topic first', () => {
    const topic = { procedureId: 'dang-ky-ho-kinh-doanh', at: new Date().toISOString() };
    const alone = procedure([['cap-ban-sao-trich-luc-ho-tich', 0.2], ['cap-lai-giay-chung-nhan-ho-kinh-doanh', 0.08]], 'likely');
    const withTopic = procedure([['cap-lai-giay-chung-nhan-ho-kinh-doanh', 0.55], ['dang-ky-ho-kinh-doanh', 0.3]], 'likely');
    const reading = readInContext({ message: 'tiện thể giấy cũ thất lạc luôn rồi thì sao', alone, facet: undefined, topic, understand: () => withTopic, topicName: () => 'Đăng ký hộ kinh doanh', paperForOthers: () => false, mentionsDocument: () => false, notWhen: () => [] });
    expect(reading.understanding.results[0]?.id).toBe('cap-lai-giay-chung-nhan-ho-kinh-doanh');
    expect(reading.followUp).toBe(true);
    // A reading likely by itself still changes the subject.
    const sure = procedure([['cap-ban-sao-trich-luc-ho-tich', 0.45], ['cap-lai-giay-chung-nhan-ho-kinh-doanh', 0.08]], 'likely');
    const moved = readInContext({ message: 'tiện thể giấy khai sinh thất lạc luôn rồi thì sao', alone: sure, facet: undefined, topic, understand: () => withTopic, topicName: () => 'Đăng ký hộ kinh doanh', paperForOthers: () => false, mentionsDocument: () => false, notWhen: () => [] });
    expect(moved.understanding.results[0]?.id).toBe('cap-ban-sao-trich-luc-ho-tich');
  });
});

describe('a loose reading that has the topic among its own candidates', () => {
  const topic = { procedureId: 'dang-ky-lai-khai-tu', at: new Date().toISOString(), words: 'muốn làm lại giấy khai tử cho ông cố mất từ năm 1980' };
  const withWords = procedure([['dang-ky-lai-khai-tu', 0.8], ['dang-ky-lai-ket-hon', 0.1]], 'sure');
  const understand = (text: string) => (text.includes('khai tử') ? withWords : procedure([['dang-ky-lai-ket-hon', 0.4]], 'likely'));

  it('is read with what the resident said before, and stays with the topic that reading puts first', () => {
    const alone = procedure([['dang-ky-lai-ket-hon', 0.37], ['dang-ky-lai-khai-sinh', 0.36], ['dang-ky-lai-khai-tu', 0.13]], 'likely');
    const reading = readInContext({ message: 'xã cũng không còn lưu sổ năm đó', alone, facet: undefined, topic, understand, topicName: () => 'Đăng ký lại khai tử', paperForOthers: () => false, mentionsDocument: () => false, notWhen: () => [] });
    expect(reading.understanding.results[0]?.id).toBe('dang-ky-lai-khai-tu');
    expect(reading.followUp).toBe(true);
  });

  it('moves on when the topic is not among its candidates', () => {
    const alone = procedure([['cap-can-cuoc', 0.4], ['dang-ky-thuong-tru-tam-tru', 0.2], ['cap-ban-sao-trich-luc-ho-tich', 0.1]], 'likely');
    const reading = readInContext({ message: 'tiện thể làm căn cước cho con thì sao', alone, facet: undefined, topic, understand, topicName: () => 'Đăng ký lại khai tử', paperForOthers: () => false, mentionsDocument: () => false, notWhen: () => [] });
    expect(reading.understanding.results[0]?.id).toBe('cap-can-cuoc');
  });
});

describe('a statement that, read with what was said before, points to a third procedure', () => {
  // The topic was answered as a copy of the civil-status record; the resident then tells why that
  // cannot work. By itself the statement reads as a birth registered again; with the words that
  // opened the topic (a grandmother's death paper), as her death registered again.
  const topic = { procedureId: 'cap-ban-sao-trich-luc-ho-tich', at: new Date().toISOString(), words: 'bà tôi mất năm 2005, cần giấy chứng tử mà giấy mất rồi' };
  const alone = procedure([['dang-ky-lai-khai-sinh', 0.39], ['cap-doi-gcn', 0.07]], 'likely');
  const withWords = procedure([['dang-ky-lai-khai-tu', 0.69], ['cap-ban-sao-trich-luc-ho-tich', 0.2]], 'likely');
  const understand = (text: string) => (text.startsWith(topic.words) ? withWords : alone);

  it('takes that reading when it is surer than the statement alone', () => {
    const reading = readInContext({ message: 'xã bảo sổ năm đó bị lũ cuốn hỏng hết', alone, facet: undefined, topic, understand, topicName: () => 'Cấp bản sao trích lục hộ tịch', paperForOthers: () => false, mentionsDocument: () => false, notWhen: () => [] });
    expect(reading.understanding.results[0]?.id).toBe('dang-ky-lai-khai-tu');
    expect(reading.followUp).toBe(true);
  });

  it('keeps the statement\'s own reading when the earlier words make it no surer', () => {
    const weaker = procedure([['dang-ky-lai-khai-tu', 0.31], ['dang-ky-lai-khai-sinh', 0.3]], 'likely');
    const reading = readInContext({ message: 'xã bảo sổ năm đó bị lũ cuốn hỏng hết', alone, facet: undefined, topic, understand: (t) => (t.startsWith(topic.words) ? weaker : alone), topicName: () => 'Cấp bản sao trích lục hộ tịch', paperForOthers: () => false, mentionsDocument: () => false, notWhen: () => [] });
    expect(reading.understanding.results[0]?.id).toBe('dang-ky-lai-khai-sinh');
  });
});
