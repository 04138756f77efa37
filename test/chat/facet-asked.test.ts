import { describe, expect, it } from 'vitest';
import { facetAsked, subjectOfFacetQuestion } from '../../src/chat/phrases.js';
import { shortFormWriter } from '../../src/understanding/text-preparer.js';
import { bundledCatalog } from '../helpers/catalog.js';

describe('the facet a message asks about', () => {
  const { content } = bundledCatalog().current;
  const facet = (text: string) => facetAsked(content.facets, shortFormWriter(content.shorthand), text);

  it('reads Central and Southern ways of asking for the papers and where', () => {
    expect(facet('hồ sơ xin trợ cấp đó gồm chi rứa')).toBe('documents');
    expect(facet('hồ sơ mấy thứ vậy em')).toBe('documents');
    expect(facet('làm ở xã luôn được không')).toBe('where');
  });

  it('reads the words the resident typed before the written-out view of them', () => {
    // "tiền mai táng" is written out as a cost: the question typed is about time, then papers.
    expect(facet('mấy hôm thì nhận được tiền mai táng')).toBe('time');
    expect(facet('tiền hỗ trợ mai táng phải nộp đơn gì')).toBe('documents');
    expect(facet('lệ phí bao nhiêu')).toBe('fee');
  });

  it('does not read the official terms the model appends as asked: support received is not a fee', () => {
    // "tiền mai táng" is officially "chi phí mai táng": asking whether the family gets it asks no fee.
    expect(facet('nha co duoc ho tro tien mai tang ko')).toBeUndefined();
    // How much a benefit pays is answered by the summary (amounts and whom to call), not the fee line.
    expect(facet('duoc bao nhieu tien')).toBe('overview');
    expect(facet('mỗi tháng được bao nhiêu tiền')).toBe('overview');
    expect(facet('làm giấy này hết bao nhiêu tiền')).toBe('fee');
  });

  it('reads the phrases of the resident with the marks typed, and short forms written out', () => {
    // Folded, "hợp đồng thuê" holds "đóng thuế" (a tax): as typed it does not.
    expect(facet('hợp đồng thuê nhà có cần chụp không')).not.toBe('fee');
    expect(facet('có phải đóng thuế không')).toBe('fee');
    // Without marks "hop dong thue" still holds "dong thue"; the lease, a paper, is the longer phrase.
    expect(facet('co can hop dong thue nha ko')).toBe('documents');
    // A mark typed wrong ("giáy" for "giấy") still finds the phrase, once nothing typed right did.
    expect(facet('cần những giáy tờ gì')).toBe('documents');
    expect(facet('lê phì bao nhiêu')).toBe('fee');
    // Typed without marks, a phrase matches whatever its marks; "bn" is written out as "bao nhiêu".
    expect(facet('le phi bn')).toBe('fee');
    expect(facet('bn ngay thi co')).toBe('time');
    // A longer phrase once written out outweighs a shorter one typed in full.
    expect(facet('chung thuc 10 ban photo bang dai hoc o xa het bn tien')).toBe('fee');
  });

  it('knows regional ways of asking, but not in words that only look like them without marks', () => {
    expect(facet('nộp mô')).toBe('where');
    expect(facet('rứa đăng ký ở mô')).toBe('where');
    expect(facet('ho so nop o mo')).toBe('where');
    expect(facet('mần giấy khai sinh thì cần chi rứa')).toBe('documents');
    // Typed with marks, "cần chị" is not "cần chi"; stripped of them it must not become so.
    expect(facet('em cần chị hướng dẫn làm giấy khai sinh')).toBeUndefined();
    // "về mở lại" (reopen) is not a Central "về mô" (where to).
    expect(facet('dong cua 3 thang roi ve mo lai thi bao xa the nao')).not.toBe('where');
    // Southern: "nhiêu" for "bao nhiêu", "hông" for "không", "bữa" for "ngày".
    expect(facet('tốn nhiêu tiền hông')).toBe('fee');
    // "hết nhiêu" alone asks a cost; the unit after "nhiêu" says what is counted.
    expect(facet('hết nhiêu ngày')).toBe('time');
    expect(facet('mat nhieu ngay')).toBe('time');
    expect(facet('hết nhiêu vậy')).toBe('fee');
    expect(facet('lau hong em')).toBe('time');
    expect(facet('mấy bữa thì có')).toBe('time');
    expect(facet('bao nhiêu 1 trang')).toBe('fee');
  });

  it('reads what comes after "còn" as the question; what goes before is said in passing', () => {
    expect(facet('thôi để bà lên xã, còn phí 1 bản bao nhiêu')).toBe('fee');
    expect(facet('giấy tờ em chuẩn bị đủ rồi, thế còn bao lâu thì có')).toBe('time');
    // No facet after "còn": the whole message decides.
    expect(facet('cần mang gì, còn gì nữa không')).toBe('documents');
    expect(facet('còn lệ phí?')).toBe('fee');
  });

  it('between phrases as long, takes the question nearer the end; a phrase that asks nothing does not win by place', () => {
    expect(facet('cần giấy xác nhận con liệt sĩ để xin miễn học phí cho cháu thì xin ở đâu')).toBe('where');
    expect(facet('cần mang những giấy tờ gì lên xã')).toBe('documents');
    expect(facet('nộp ở xã thì mất bao lâu')).toBe('time');
    // Two as long that overlap: the one that ends the question ("hết bao nhiêu | bao nhiêu lâu").
    expect(facet('tach xong mat bn lau')).toBe('time');
    expect(facet('hết bao nhiêu lâu')).toBe('time');
    // One that directly follows "online" qualifies it: the online service is asked. Papers it does
    // not qualify: handing them in is asked where.
    expect(facet('nộp online ở đâu')).toBe('online');
    expect(facet('nop giay to o dau')).toBe('where');
  });

  it('reads who must come and who may go instead as the steps, and other ways of asking of 3/12', () => {
    expect(facet('cả 3 anh em có phải có mặt đủ lúc ký không')).toBe('steps');
    expect(facet('ba phai co mat truc tiep luc ky ha')).toBe('steps');
    expect(facet('ba ngoai di lam thay duoc khong')).toBe('steps');
    expect(facet('co phai phong van gi ko')).toBe('steps');
    expect(facet('co can dang bao hay niem yet gi ko')).toBe('steps');
    // Folded, "có mặt" is "có mất": a cost asked without marks stays a cost.
    expect(facet('co mat tien ko')).toBe('fee');
    expect(facet('lam lai thi xa co thu dong nao ko ad')).toBe('fee');
    expect(facet('moi ban tinh may nghin')).toBe('fee');
    expect(facet('khi nao bat dau nhan tien')).toBe('time');
    expect(facet('co can nguoi lam chung khong')).toBe('documents');
    expect(facet('ho so xin phep gom ban ve gi nua')).toBe('documents');
    // Not having to come in is asking for the online service; "xã nơi …" asks which commune.
    expect(facet('lay online khong can ra xa duoc khong')).toBe('online');
    expect(facet('nộp tại xã nơi anh đang ở trọ được không')).toBe('where');
    expect(facet('gửi hồ sơ cho bộ phận nào')).toBe('where');
    expect(facet('làm đơn xong đưa cho trưởng bản được không hay phải xuống xã')).toBe('where');
    expect(facet('tui đang nằm viện, cán bộ tới bệnh viện chứng cho tui được không')).toBe('where');
    expect(facet('có phải đo đạc không, ai xuống đo')).toBe('steps');
    // Southern "đem" is "mang": the papers to bring.
    expect(facet('vay cha no phai dem theo gi')).toBe('documents');
    // What surveying costs is still asked as a cost.
    expect(facet('phi do dac co phai tu tra ko')).toBe('fee');
    expect(facet('ngoi nha nop dc ko')).toBe('online');
  });

  it('lets the longest phrase decide when a message holds phrases of several facets', () => {
    // "hết bao nhiêu" alone asks the cost; with "ngày" it asks the time.
    expect(facet('hết bao nhiêu tiền')).toBe('fee');
    expect(facet('het bao nhieu ngay')).toBe('time');
    // "phải trả" is a cost, but "bao lâu thì" is the longer phrase here.
    expect(facet('bao lâu thì xã phải trả lời')).toBe('time');
    // Two questions as long: the last one asked (the reply offers the other facets as buttons).
    expect(facet('cần mang gì, nộp ở đâu')).toBe('where');
    expect(facet('lấy liền được không hay phải chờ')).toBe('time');
    expect(facet('ra xã chứng thực được không')).toBe('where');
    expect(facet('đơn phải ghi những nội dung gì')).toBe('documents');
  });

  it('knows ways of asking residents used in a set written on 1/12', () => {
    expect(facet('e can xac nhan chu ky tren giay uy quyen, xa lam ko')).toBe('where');
    expect(facet('ông yếu lắm ko ra được, cán bộ có xuống tận nhà được ko')).toBe('where');
    expect(facet('xa hoa giai thi co ton dong nao ko')).toBe('fee');
    expect(facet('xong ngay ko hay phai hen')).toBe('time');
    expect(facet('ban trai e tung ly hon roi thi can them gi ko')).toBe('documents');
    // Online or at the office: the question is whether it can be done online.
    expect(facet('nop online dc k hay phai ra xa')).toBe('online');
    expect(facet('lam tren vneid dc ko hay phai len xa')).toBe('online');
  });

  it('knows the common ways of asking each facet', () => {
    expect(facet('thủ tục có phức tạp không, gồm mấy bước')).toBe('steps');
    expect(facet('bao giờ thì nhận được giấy')).toBe('time');
    expect(facet('viết đơn xong gửi ai ạ')).toBe('where');
    expect(facet('ký ở xã hay phải ra văn phòng công chứng')).toBe('where');
    expect(facet('tiền phải đóng tính thế nào')).toBe('fee');
    expect(facet('làm qua dịch vụ công được không')).toBe('online');
    expect(facet('có lâu không ạ')).toBe('time');
    expect(facet('bao giờ lấy được thẻ')).toBe('time');
    expect(facet('phải mang những gì')).toBe('documents');
    expect(facet('ngồi nhà làm được không')).toBe('online');
    expect(facet('xã làm hay phải lên trên')).toBe('where');
    expect(facet('gồm những bước gì')).toBe('steps');
    expect(facet('nói sơ qua thủ tục giúp em')).toBe('overview');
    expect(facet('thủ tục thế nào ạ')).toBe('overview');
    expect(facet('thu tuc ra sao')).toBe('overview');
    expect(facet('cán bộ xã đến nhà làm được không')).toBe('where');
    expect(facet('có phải qua nhiều bước không')).toBe('steps');
    expect(facet('chừng nào thì xong vậy')).toBe('time');
    expect(facet('phải nộp những gì ạ')).toBe('documents');
    expect(facet('làm trên cổng dịch vụ công được không')).toBe('online');
    expect(facet('hồ sơ gửi về đâu ạ')).toBe('where');
    expect(facet('xin ở đây được không')).toBe('where');
    // The portal named as a place to apply is the online facet; an account on it is not a facet.
    expect(facet('tạo tài khoản dịch vụ công kiểu gì')).toBeUndefined();
  });

  it('still understands short forms through the written-out view', () => {
    expect(facet('bn ngay')).toBe('time');
    expect(facet('dang ky ket hon')).toBeUndefined();
  });
});

describe('what a facet question asks about', () => {
  const { content } = bundledCatalog().current;
  const subject = (text: string) => subjectOfFacetQuestion(content.facets, shortFormWriter(content.shorthand)(text), facetAsked(content.facets, shortFormWriter(content.shorthand), text)!);

  it('keeps the words that name something, drops the facet, the particles and numbers', () => {
    expect(subject('thuế khoán nộp ở đâu ad')).toBe('thue khoan');
    expect(subject('bằng lái thì làm lại ở đâu')).toMatch(/^bang lai\b/);
  });

  it('finds nothing in a bare facet question, short forms written out', () => {
    expect(subject('mất bao lâu ạ')).toBe('');
    expect(subject('phí 1 bản bn')).toBe('');
    expect(subject('nộp ở đâu vậy em')).toBe('');
    // "khoảng" (about) names nothing: "sửa" alone is no other agency's business.
    expect(subject('khoảng bao lâu thì sửa xong hả cháu')).toBe('sua');
    // The asked facet's own words are no subject: taxes are part of what a transfer costs.
    expect(subject('thuế phí các thứ hết bao nhiêu tiền cháu')).not.toContain('thue');
  });
});

describe('who must come, said with where one goes', () => {
  const { content } = bundledCatalog().current;
  const facet = (text: string) => facetAsked(content.facets, shortFormWriter(content.shorthand), text);

  it('asks the steps (who comes, who may go instead), not where', () => {
    expect(facet('ông phải tự ra xã hay cháu đi thay được ạ')).toBe('steps');
    expect(facet('hai vợ chồng phải cùng lên xã hả')).toBe('steps');
    expect(facet('mẹ em có phải ra xã ký không')).toBe('steps');
    expect(facet('con gai di lam xa, nho ba ngoai xin giup dc ko')).toBe('steps');
    expect(facet('ai đi làm cũng được hay phải chủ hộ')).toBe('steps');
    expect(facet('có phải đưa ra họp thôn bình xét không')).toBe('steps');
  });

  it('a phrase that only says where one goes yields to another facet\'s phrase of the same length', () => {
    // "ra xã" (where) and "làm thay" (steps) are two words each: the going is the setting, who goes the question.
    expect(facet('mẹ em ra xã làm thay em được không')).toBe('steps');
    expect(facet('phai ve que ky hay o day lam online dc')).toBe('online');
    // Alone, it still asks where.
    expect(facet('có phải ra xã không')).toBe('where');
  });

  it('reads more ways of asking the cost, the papers and the place', () => {
    expect(facet('xã giải quyết có lấy tiền không')).toBe('fee');
    expect(facet('có phải nộp kèm giấy cũ không')).toBe('documents');
    expect(facet('làm lại căn cước thì tới mô')).toBe('where');
  });

  it('still asks where when a place is chosen or sought', () => {
    expect(facet('làm ở xã được không hay phải ra huyện')).toBe('where');
    expect(facet('em o tro, den dau dang ky tam tru')).toBe('where');
    // Where one's own file stands is no place to go.
    expect(facet('hồ sơ của em đến đâu rồi')).not.toBe('where');
  });
});
