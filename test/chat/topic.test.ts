import { describe, expect, it } from 'vitest';
import { runDialogues } from '../helpers/dialogue.js';

describe('the topic remembers what the resident said when it was set', () => {
  it('a lost register after a lost paper is the re-registration of that paper’s event; a kept register is still a copy', async () => {
    const answers = await runDialogues([
      { dialog: 'marriage', q: 'giấy kết hôn của ông bà tôi bị mất' },
      { dialog: 'marriage', q: 'xã bảo sổ lưu năm đó cũng mất luôn rồi' },
      { dialog: 'death', q: 'tôi làm mất giấy chứng tử của mẹ' },
      { dialog: 'death', q: 'xã nói sổ gốc cũng không còn giữ' },
      { dialog: 'birth', q: 'giấy khai sinh của chồng tôi mất rồi' },
      { dialog: 'birth', q: 'xã bảo sổ gốc cũng mất trong đợt lũ' },
      { dialog: 'kept', q: 'giấy khai sinh của chồng tôi mất rồi' },
      { dialog: 'kept', q: 'xã vẫn còn lưu sổ gốc thì sao ạ' },
      // Told at length, with a facet's words in it ("ra xã"): still a change of case.
      { dialog: 'flood', q: 'giấy khai sinh bản gốc của tôi bị mất rồi, sinh năm 1975' },
      { dialog: 'flood', q: 'ra xa hoi thi ho bao so goc cung bi mat luc lu lut nam 99' },
    ]);
    const tops = answers.map((a) => a.results[0]?.id);
    // The procedure's name ("Cấp bản sao trích lục hộ tịch") does not say whose paper it was: the words do.
    expect(tops).toEqual([
      'cap-ban-sao-trich-luc-ho-tich',
      'dang-ky-lai-ket-hon',
      'cap-ban-sao-trich-luc-ho-tich',
      'dang-ky-lai-khai-tu',
      'cap-ban-sao-trich-luc-ho-tich',
      'dang-ky-lai-khai-sinh',
      'cap-ban-sao-trich-luc-ho-tich',
      'cap-ban-sao-trich-luc-ho-tich',
      'cap-ban-sao-trich-luc-ho-tich',
      'dang-ky-lai-khai-sinh',
    ]);
  });

  it('a topic spoken of as done leads to the next procedure; "nộp xong" is still the same one', async () => {
    const answers = await runDialogues([
      { dialog: 'land', q: 'tách thửa đất cần giấy tờ gì' },
      { dialog: 'land', q: 'tách xong rồi muốn sang tên một thửa cho con gái thì sao' },
      { dialog: 'fix', q: 'cải chính họ tên trong giấy khai sinh' },
      { dialog: 'fix', q: 'sau khi sửa thì xin bản sao trích lục ở đâu' },
      { dialog: 'birth', q: 'đăng ký khai sinh cần gì' },
      { dialog: 'birth', q: 'nộp xong bao lâu thì có giấy' },
      { dialog: 'then', q: 'tách thửa đất cần giấy tờ gì' },
      { dialog: 'then', q: 'sau đó sang tên thửa mới cho con trai thì nộp ở đâu' },
      // "có giấy rồi thì …": the paper of the topic is in hand; the next step, even loosely named.
      { dialog: 'disability', q: 'xác định mức độ khuyết tật cho con cần gì' },
      { dialog: 'disability', q: 'nhận được giấy rồi thì làm sao để cháu có tiền hằng tháng' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['tach-thua-hop-thua', 'documents'],
      ['dang-ky-bien-dong-chuyen-nhuong-thua-ke', 'overview'],
      ['thay-doi-cai-chinh-ho-tich', 'overview'],
      ['cap-ban-sao-trich-luc-ho-tich', 'where'],
      ['dang-ky-khai-sinh', 'documents'],
      ['dang-ky-khai-sinh', 'time'],
      ['tach-thua-hop-thua', 'documents'],
      ['dang-ky-bien-dong-chuyen-nhuong-thua-ke', 'where'],
      ['xac-dinh-muc-do-khuyet-tat', 'documents'],
      // Loosely named: first, whether answered at once or offered first among the choices.
      ['tro-cap-xa-hoi-hang-thang', answers[9]!.facet === null ? null : 'overview'],
    ]);
    expect(answers[9]!.intent).toBe('procedure');
  });
});

describe('follow-ups written on 1/12', () => {
  it('"mấy tháng mới xong" asks how long the topic takes; it does not speak of it as done', async () => {
    const answers = await runDialogues([
      { dialog: 'land', q: 'e có 200m đất vườn muốn lên thổ cư để xây nhà thì làm thế nào ạ' },
      { dialog: 'land', q: 'may thang moi xong' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['chuyen-muc-dich-su-dung-dat', 'overview'],
      ['chuyen-muc-dich-su-dung-dat', 'time'],
    ]);
  });

  it('asking whether one of the topic’s papers may be a photocopy is about the topic’s documents', async () => {
    const answers = await runDialogues([
      { dialog: 'born', q: 'vợ em mới sinh bé ở bệnh viện huyện, giờ muốn làm giấy khai sinh, nhập khẩu với thẻ bảo hiểm cho bé một lần luôn' },
      { dialog: 'born', q: 'giay chung sinh benh vien cap co can photo ko' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['lien-thong-khai-sinh-thuong-tru-bhyt', 'overview'],
      ['lien-thong-khai-sinh-thuong-tru-bhyt', 'documents'],
    ]);
  });

  it('a facet question in words that fit the topic and a neighbour alike stays with the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'lost', q: 'so do nha toi mat trong vu chay nha thang truoc' },
      { dialog: 'lost', q: 'bao lau thi co so moi' },
      { dialog: 'lost', q: 'phí làm lại bao nhiêu' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['cap-lai-gcn-bi-mat', expect.anything()],
      ['cap-lai-gcn-bi-mat', 'time'],
      ['cap-lai-gcn-bi-mat', 'fee'],
    ]);
  });

  it('a paper of the topic named in a question asks about its documents (a divorce judgment for a single-status paper)', async () => {
    const answers = await runDialogues([
      { dialog: 'single', q: 'xin giấy xác nhận độc thân để đi làm hồ sơ kết hôn' },
      { dialog: 'single', q: 'e ly hôn rồi, co can ban an ly hon ko' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['xac-nhan-tinh-trang-hon-nhan', expect.anything()],
      ['xac-nhan-tinh-trang-hon-nhan', 'documents'],
    ]);
    expect(answers[1]!.reply).toMatch(/ly hôn/);
  });

  it('bringing a paper another procedure issues, asked for confirmation, is a question on the topic’s documents; getting it is not', async () => {
    const answers = await runDialogues([
      { dialog: 'card', q: 'lam can cuoc cho con 10 tuoi thi bo me co phai di cung ko' },
      { dialog: 'card', q: 'mang giấy khai sinh bản gốc hả' },
      { dialog: 'shop', q: 'nha e dinh mo quan cafe nho o tang 1, co phai dang ky gi voi xa ko a' },
      { dialog: 'shop', q: 'vay lúc lên mang cccd goc theo hả' },
      // "không đăng ký kết hôn thì …" asks whether the topic can do without it; "đăng ký kết hôn luôn" wants it.
      { dialog: 'father', q: 'con gái em 3 tuổi, giấy khai sinh để trống phần cha, giờ bố cháu muốn nhận con' },
      { dialog: 'father', q: 'bọn em ko đăng ký kết hôn thì có nhận được ko' },
      { dialog: 'father', q: 'tiện thì đăng ký kết hôn luôn cùng lúc được k' },
      { dialog: 'will', q: 'Bà nội tôi 85 tuổi muốn lập di chúc để lại căn nhà cho bố tôi, có chứng thực ở xã được không' },
      { dialog: 'will', q: 'bà không biết chữ thì lăn tay thay chữ ký được chứ' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['cap-can-cuoc', expect.anything()],
      ['cap-can-cuoc', 'documents'],
      ['dang-ky-ho-kinh-doanh', expect.anything()],
      ['dang-ky-ho-kinh-doanh', 'documents'],
      ['dang-ky-nhan-cha-me-con', expect.anything()],
      ['dang-ky-nhan-cha-me-con', expect.anything()],
      ['dang-ky-ket-hon', expect.anything()],
      ['chung-thuc-di-chuc', expect.anything()],
      ['chung-thuc-di-chuc', 'documents'],
    ]);
  });

  it('a detail that points far more to a neighbour than to the topic refines it (a Korean fiancé)', async () => {
    const answers = await runDialogues([
      { dialog: 'wed', q: 'chào ad, e với ny định cưới cuối năm nay, muốn đi đăng ký kết hôn thì cần chuẩn bị những gì ạ' },
      { dialog: 'wed', q: 'nhung ma ny e la nguoi Han Quoc, vay co khac j ko ad' },
      { dialog: 'wed', q: 'thế bên anh ấy phải có những giấy gì' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['dang-ky-ket-hon', 'dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'dang-ky-ket-hon-yeu-to-nuoc-ngoai']);
  });

  it('"quay lại …" goes back to the topic after an aside, or to the earlier procedure it names', async () => {
    const answers = await runDialogues([
      { dialog: 'shop', q: 'e bán tạp hóa ở nhà mấy năm nay, giờ muốn có giấy phép kinh doanh đàng hoàng' },
      { dialog: 'shop', q: 'xã mình dạo này có thông báo gì mới không ad' },
      { dialog: 'shop', q: 'quay lai vu giay phep ban hang, bao lau thi co giay' },
      { dialog: 'land', q: 'dat trong lua nha toi muon chuyen len dat o de cat nha cho thang con trai' },
      { dialog: 'land', q: 'xong roi xay nha co phai xin phep nua ko' },
      { dialog: 'land', q: 'quay lai cai chuyen muc dich, mat bao lau moi xong' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['dang-ky-ho-kinh-doanh', 'overview'],
      ['news'],
      ['dang-ky-ho-kinh-doanh', 'time'],
      ['chuyen-muc-dich-su-dung-dat', 'overview'],
      ['giay-phep-xay-dung-nha-o', 'overview'],
      ['chuyen-muc-dich-su-dung-dat', 'time'],
    ]);
  });
});

describe('"quay lại" and questions about the office in the middle of a topic', () => {
  it('"quay lại việc khai sinh" goes to the birth, never discussed, when the first reading took the marriage mentioned as done', async () => {
    const first = 'chau nha em 2 tuoi chua lam giay khai sinh, vo chong em da dang ky ket hon roi';
    const answers = await runDialogues([
      { dialog: 'papers', q: first },
      { dialog: 'papers', q: 'quay lai viec khai sinh, mang theo nhung gi' },
      { dialog: 'where', q: first },
      { dialog: 'where', q: 'quay lai chuyen khai sinh, nop o dau' },
    ]);
    // The first reading is the marriage (the model's doubt), and that set the topic.
    expect(answers[0]!.results[0]?.id).toBe('dang-ky-ket-hon');
    // Unsure by themselves, the words still name the birth: offered first, not the marriage.
    expect([answers[1], answers[3]].map((a) => [a!.results[0]?.id, a!.facet])).toEqual([
      ['dang-ky-khai-sinh', 'documents'],
      ['dang-ky-khai-sinh', 'where'],
    ]);
  });

  it('a weakly read question about office hours that gives the topic no support is answered as office hours', async () => {
    const answers = await runDialogues([
      { dialog: 'hours', q: 'đăng ký khai sinh cho con cần gì' },
      { dialog: 'hours', q: 'tối thứ 6 xã có làm thêm giờ không ạ' },
      { dialog: 'hours', q: 'mất bao lâu' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['dang-ky-khai-sinh', 'documents'],
      ['hours'],
      // The topic is kept for the next question.
      ['dang-ky-khai-sinh', 'time'],
    ]);
  });
});

describe('another agency’s business asked as a facet question in the middle of a topic', () => {
  it('what the question asks about, read by itself, decides; a bare facet question stays with the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'licence', q: 'cấp lại căn cước bị mất' },
      { dialog: 'licence', q: 'bằng lái thì làm lại ở đâu' },
      { dialog: 'licence', q: 'căn cước làm lại mất bao lâu' },
      { dialog: 'land', q: 'tách thửa đất cần giấy tờ gì' },
      { dialog: 'land', q: 'mất bao lâu' },
      { dialog: 'land', q: 'phí đo đạc bao nhiêu' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['cap-can-cuoc', 'overview'],
      // A driving licence is not the commune's (nor the identity card's) business.
      ['out_of_scope'],
      ['cap-can-cuoc', 'time'],
      ['tach-thua-hop-thua', 'documents'],
      ['tach-thua-hop-thua', 'time'],
      ['tach-thua-hop-thua', 'fee'],
    ]);
  });
});

describe('a question read weakly as a complaint in the middle of a topic', () => {
  it('asks about the topic; asking to send a petition is still one', async () => {
    const will = 'bà tôi muốn làm di chúc cho cháu, xã chứng thực được không';
    const answers = await runDialogues([
      { dialog: 'home', q: will },
      { dialog: 'home', q: 'can bo xuong nha duoc ko' },
      { dialog: 'petition', q: will },
      { dialog: 'petition', q: 'hay là tôi gửi phản ánh qua đây luôn được không' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? a.results[0]?.id : a.intent))).toEqual(['chung-thuc-di-chuc', 'chung-thuc-di-chuc', 'chung-thuc-di-chuc', 'feedback']);
  });
});

describe('a paper said lost, then found damaged', () => {
  it('is exchanged, not issued again for loss; one still missing stays lost', async () => {
    const answers = await runDialogues([
      { dialog: 'found', q: 'sổ đỏ nhà tôi bị mất trong đợt lũ, làm lại thế nào' },
      { dialog: 'found', q: 'à tìm thấy rồi, sổ không mất mà bị ngấm nước rách hết' },
      { dialog: 'lost', q: 'sổ đỏ nhà tôi bị mất trong đợt lũ, làm lại thế nào' },
      { dialog: 'lost', q: 'cả nhà tìm mãi không thấy' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['cap-lai-gcn-bi-mat', 'cap-doi-gcn', 'cap-lai-gcn-bi-mat', 'cap-lai-gcn-bi-mat']);
  });
});

describe('procedures discussed before the topic are remembered', () => {
  it('a follow-up that names one again goes back to it, facet and all; "quay lại" finds it even when it reads as something else', async () => {
    const answers = await runDialogues([
      { dialog: 'name', q: 'muốn đổi tên cho con gái vì tên xấu bị bạn trêu' },
      { dialog: 'name', q: 'đổi xong thì căn cước của cháu có phải làm lại không' },
      { dialog: 'name', q: 'vậy đổi tên hết bao nhiêu tiền' },
      { dialog: 'name', q: 'thế căn cước làm lại mất mấy ngày' },
      { dialog: 'land', q: 'muốn chuyển 200m2 đất vườn sang đất ở' },
      { dialog: 'land', q: 'rồi tách phần đó ra sổ riêng cho con được không' },
      { dialog: 'land', q: 'quay lại vụ chuyển mục đích, nộp hồ sơ ở đâu' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['thay-doi-cai-chinh-ho-tich', 'overview'],
      ['cap-can-cuoc', 'overview'],
      ['thay-doi-cai-chinh-ho-tich', 'fee'],
      ['cap-can-cuoc', 'time'],
      ['chuyen-muc-dich-su-dung-dat', 'overview'],
      ['tach-thua-hop-thua', 'overview'],
      ['chuyen-muc-dich-su-dung-dat', 'where'],
    ]);
  });
});

describe('a procedure the resident\'s own words rule out (content: not_when)', () => {
  it('registering again needs the register lost too: "the register is still kept" goes to the copy, "not kept" does not', async () => {
    const answers = await runDialogues([
      { dialog: 'kept', q: 'giấy chứng tử của bà nội mất rồi, bà mất năm 1996, sổ ở xã cũng thất lạc' },
      { dialog: 'kept', q: 'à cán bộ tư pháp vừa tra lại, sổ gốc vẫn còn lưu ở xã' },
      { dialog: 'kept', q: 'thế thì mất bao lâu' },
      { dialog: 'gone', q: 'giấy chứng tử của bà nội mất rồi, bà mất năm 1996' },
      { dialog: 'gone', q: 'xã bảo không còn lưu sổ năm đó' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['dang-ky-lai-khai-tu', 'overview'],
      ['cap-ban-sao-trich-luc-ho-tich', 'overview'],
      ['cap-ban-sao-trich-luc-ho-tich', 'time'],
      ['cap-ban-sao-trich-luc-ho-tich', 'overview'],
      ['dang-ky-lai-khai-tu', 'overview'],
    ]);
  });

  it('a child who already has a birth paper is recognised by the father alone; a registered business changes, it is not founded again', async () => {
    const answers = await runDialogues([
      { dialog: 'father', q: 'bọn em có con chung nhưng chưa đăng ký kết hôn, cháu có giấy khai sinh rồi nhưng chưa có tên bố' },
      { dialog: 'father', q: 'can giay to gi' },
      { dialog: 'not-yet', q: 'bọn em chưa đăng ký kết hôn, cháu chưa có giấy khai sinh, muốn ghi tên bố luôn' },
      // Short forms are written out before the words are looked for ("đã đk hộ kinh doanh").
      { dialog: 'shop', q: 'em có tiệm tạp hóa đã đk hkd, giờ chuyển sang mặt bằng khác trong xã thì phải làm gì' },
      { dialog: 'new', q: 'chị định mở quán tạp hóa, đăng ký hộ kinh doanh cần gì' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-nhan-cha-me-con', 'overview'],
      ['dang-ky-nhan-cha-me-con', 'documents'],
      ['khai-sinh-ket-hop-nhan-cha-me-con', 'overview'],
      ['thay-doi-ho-kinh-doanh', 'overview'],
      ['dang-ky-ho-kinh-doanh', 'documents'],
    ]);
  });

  it('the hospital\'s birth notice is no civil-status paper: losing it is a question on registering the birth, not a copy', async () => {
    const answers = await runDialogues([
      { dialog: 'notice', q: 'vợ em mới sinh bé được 10 ngày, muốn làm giấy khai sinh cho cháu thì cần mang những gì' },
      { dialog: 'notice', q: 'giấy chứng sinh của viện mất rồi thì sao' },
      { dialog: 'paper', q: 'giấy khai sinh của em bị mất rồi thì sao' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['dang-ky-khai-sinh', 'dang-ky-khai-sinh', 'cap-ban-sao-trich-luc-ho-tich']);
  });

  it('asking for the single-status paper to marry abroad is that paper, not the marriage with a foreigner', async () => {
    const answers = await runDialogues([
      { dialog: 'paper', q: 'toi can giay xac nhan chua ket hon de sang Dai Loan lay chong' },
      { dialog: 'paper', q: 'mat may ngay' },
      { dialog: 'marriage', q: 'đăng ký kết hôn với người Hàn Quốc cần giấy tờ gì' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['xac-nhan-tinh-trang-hon-nhan', 'documents'],
      ['xac-nhan-tinh-trang-hon-nhan', 'time'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'documents'],
    ]);
  });

  it('a lost marriage paper, told with words between the paper and its loss, is a copy from the register; "làm mất mấy ngày" is how long it takes', async () => {
    const answers = await runDialogues([
      { dialog: 'lost', q: 'giay dang ky ket hon cua vo chong toi lam mat roi, cuoi nhau nam 2005' },
      { dialog: 'lost2', q: 'vợ chồng tôi cưới năm 2005 có đăng ký ở xã, giờ mất giấy đăng ký kết hôn rồi' },
      { dialog: 'new', q: 'thang 10 e cuoi, muon lay giay ket hon truoc thi lam mat may ngay' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['cap-ban-sao-trich-luc-ho-tich', 'cap-ban-sao-trich-luc-ho-tich', 'dang-ky-ket-hon']);
  });

  it('a parent who died without a will leaves an estate to divide, not a will to certify; one who wants to make a will certifies it', async () => {
    const answers = await runDialogues([
      { dialog: 'no-will', q: 'bo e mat ko de lai di chuc, manh dat van dung ten bo' },
      { dialog: 'no-will', q: 'can nhung giay to gi' },
      { dialog: 'will', q: 'bố tôi năm nay 80 tuổi muốn lập di chúc để lại nhà cho các con, xã chứng thực được không' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['chung-thuc-phan-chia-di-san', 'overview'],
      ['chung-thuc-phan-chia-di-san', 'documents'],
      ['chung-thuc-di-chuc', 'overview'],
    ]);
  });
});

describe('what follows "… xong rồi, giờ" is what is asked, read with the case told before', () => {
  it('funeral support only, after the death was registered: the support of the allowance the deceased had', async () => {
    const answers = await runDialogues([
      { dialog: 'bro', q: 'chú tôi bị khuyết tật nặng, đang hưởng trợ cấp bảo trợ xã hội hàng tháng, mới mất hôm qua' },
      { dialog: 'bro', q: 'giấy chứng tử thì nhà làm xong rồi, giờ chỉ hỏi tiền hỗ trợ mai táng thôi' },
      { dialog: 'bro', q: 'bao lâu thì có' },
    ]);
    expect(answers.slice(1).map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['ho-tro-chi-phi-mai-tang', 'overview'],
      ['ho-tro-chi-phi-mai-tang', 'time'],
    ]);
  });
});

describe('a life event told earlier does not turn a request into the case it lacks', () => {
  it('"muốn đăng ký kết hôn" after a birth to unmarried parents is the marriage, not the birth with the father named', async () => {
    const answers = await runDialogues([
      { dialog: 'wed', q: 'vợ em mới sinh bé, hai đứa chưa đăng ký kết hôn, làm giấy khai sinh có tên bố được không' },
      { dialog: 'wed', q: 'nhân tiện hai vợ chồng muốn đăng ký kết hôn luôn thì làm sao' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['khai-sinh-ket-hop-nhan-cha-me-con', 'dang-ky-ket-hon']);
  });
});

describe('a message naming the general procedure of which the topic is a case', () => {
  it('stays with the case told before (a Japanese groom); a combination is not a case of its second part', async () => {
    const answers = await runDialogues([
      { dialog: 'wed', q: 'con trai tôi sắp cưới vợ người Nhật, nhà phải chuẩn bị gì' },
      { dialog: 'wed', q: 'tụi nó muốn đăng ký kết hôn ở quê mình luôn' },
      { dialog: 'wed', q: 'mất bao lâu' },
      { dialog: 'dad', q: 'bé nhà em mới sinh, bố mẹ chưa đăng ký kết hôn, giờ muốn làm khai sinh có tên bố' },
      { dialog: 'dad', q: 'còn đứa lớn đã có giấy khai sinh rồi mà trống tên bố, giờ bố nó muốn nhận thì sao' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'documents'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'overview'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'time'],
      ['khai-sinh-ket-hop-nhan-cha-me-con', 'overview'],
      ['dang-ky-nhan-cha-me-con', 'overview'],
    ]);
  });
});

describe('a paper of another procedure asked about during a topic, written on 1/12', () => {
  it('"có phải xin …" and "… là đủ chưa" ask about the topic’s documents; "xong rồi …" moves to the next procedure', async () => {
    const answers = await runDialogues([
      { dialog: 'wed', q: 'em muốn đăng ký kết hôn với bạn trai người Hàn Quốc thì làm ở đâu ạ' },
      { dialog: 'wed', q: 'thế em có phải xin giấy xác nhận độc thân ko ạ' },
      { dialog: 'car', q: 'mua bán xe máy cũ thì hợp đồng chứng thực ở xã được không' },
      { dialog: 'car', q: 'ca vet xe voi cccd 2 ben la du chua' },
      { dialog: 'land', q: 'tach so rieng thi can nhung giay to gi' },
      { dialog: 'land', q: 'xong rồi làm hợp đồng tặng cho nó thì chứng thực ở xã được không' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'where'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'documents'],
      ['chung-thuc-hop-dong-giao-dich', 'where'],
      ['chung-thuc-hop-dong-giao-dich', 'documents'],
      ['tach-thua-hop-thua', 'documents'],
      ['chung-thuc-hop-dong-giao-dich', 'where'],
    ]);
  });
});

describe('whether a paper is needed, asked of the topic without a facet’s words', () => {
  it('is a question on the topic’s documents', async () => {
    const answers = await runDialogues([
      { dialog: 'move', q: 'e mới cưới, giờ muốn chuyển hộ khẩu từ quê về nhà chồng ở xã mình thì làm sao ạ' },
      { dialog: 'move', q: 'nhà của bố chồng thì có cần bố chồng ký đồng ý không ạ' },
      { dialog: 'move', q: 'cần hợp đồng thuê trọ có công chứng không ạ' },
      { dialog: 'move', q: 'chủ nhà có phải đi cùng không' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-thuong-tru-tam-tru', 'overview'],
      ['dang-ky-thuong-tru-tam-tru', 'documents'],
      ['dang-ky-thuong-tru-tam-tru', 'documents'],
      // No paper named: not a question on the papers, but on who must come (the steps).
      ['dang-ky-thuong-tru-tam-tru', 'steps'],
    ]);
  });
});

describe('asides written on 1/12', () => {
  it('office hours asked with a time of day, and a phone changed for the VNeID account, leave the topic for a turn', async () => {
    const answers = await runDialogues([
      { dialog: 'born', q: 'vợ em mới sinh bé ở bệnh viện huyện, giờ muốn làm giấy khai sinh, nhập khẩu với thẻ bảo hiểm cho bé một lần luôn' },
      { dialog: 'born', q: 'trưa nay 12h ra nộp có ai ở đó ko' },
      { dialog: 'born', q: 'đổi điện thoại mới thì đăng nhập lại vneid thế nào ad' },
      { dialog: 'born', q: 'bao lau co the bhyt' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['lien-thong-khai-sinh-thuong-tru-bhyt', 'overview'],
      ['hours'],
      ['online_guide'],
      ['lien-thong-khai-sinh-thuong-tru-bhyt', 'time'],
    ]);
  });
});

describe('another procedure named in a few words', () => {
  it('is the new topic, though what the resident said before names the old one', async () => {
    const answers = await runDialogues([
      { dialog: 'named', q: 'đăng ký kết hôn cần gì' },
      { dialog: 'named', q: 'đăng ký khai sinh' },
      { dialog: 'named', q: 'lệ phí bao nhiêu' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-ket-hon', 'documents'],
      ['dang-ky-khai-sinh', 'overview'],
      ['dang-ky-khai-sinh', 'fee'],
    ]);
  });
});

describe('a question about the resident’s own file or account is not a question about the topic', () => {
  it('answers where a handed-in file stands and a login problem as such; "nộp online ở đâu" stays on the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'birth', q: 'đăng ký khai sinh cho con cần gì' },
      { dialog: 'birth', q: 'em nộp hôm thứ 3 rồi, giờ tra cứu kết quả ở đâu ạ' },
      { dialog: 'copy', q: 'chứng thực bản sao mất bao lâu' },
      { dialog: 'copy', q: 'cổng dịch vụ công cứ báo lỗi không đăng nhập được' },
      { dialog: 'marriage', q: 'đăng ký kết hôn cần gì' },
      { dialog: 'marriage', q: 'nộp online ở đâu' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['dang-ky-khai-sinh', 'documents'],
      ['status'],
      ['chung-thuc-ban-sao-tu-ban-chinh', 'time'],
      ['online_guide'],
      ['dang-ky-ket-hon', 'documents'],
      ['dang-ky-ket-hon', 'online'],
    ]);
  });
});

describe('a life event told a message earlier', () => {
  it('reads the case of a conditional step in the next message (the pension of the deceased → funeral support for pensioners)', async () => {
    const answers = await runDialogues([
      { dialog: 'death', q: 'ông nội em vừa mất hôm qua' },
      { dialog: 'death', q: 'ông đang hưởng trợ cấp hưu trí xã hội hàng tháng' },
      { dialog: 'death', q: 'cần giấy gì' },
      // Without a death in the conversation the same words are about the pension itself.
      { dialog: 'alive', q: 'ông đang hưởng trợ cấp hưu trí xã hội hàng tháng' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-khai-tu', 'overview'],
      ['ho-tro-mai-tang-huu-tri-xa-hoi', 'overview'],
      ['ho-tro-mai-tang-huu-tri-xa-hoi', 'documents'],
      ['tro-cap-huu-tri-xa-hoi', 'overview'],
    ]);
    expect(answers[1]!.reply).not.toContain('chia buồn');
  });
});

describe('a statement of the resident’s circumstances', () => {
  it('stays with the topic it explains, and moves on when it points elsewhere even read with the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'single', q: 'xin giấy xác nhận độc thân cần gì' },
      { dialog: 'single', q: 'tôi đang ở trọ tại xã này, hộ khẩu gốc ở Nghệ An' },
      { dialog: 'single', q: 'mất mấy ngày' },
      { dialog: 'marriage', q: 'đăng ký kết hôn ở xã cần giấy tờ gì' },
      { dialog: 'marriage', q: 'vợ sắp cưới của tôi là người Lào' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['xac-nhan-tinh-trang-hon-nhan', 'documents'],
      ['xac-nhan-tinh-trang-hon-nhan', 'overview'],
      ['xac-nhan-tinh-trang-hon-nhan', 'time'],
      ['dang-ky-ket-hon', 'documents'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'overview'],
    ]);
  });
});

describe('a question about the resident’s own account or file, worded without "lỗi" or "kết quả"', () => {
  it('is answered as online help or status even when it names VNeID or "online"', async () => {
    const answers = await runDialogues([
      { dialog: 'login', q: 'đăng ký tạm trú cần giấy tờ gì' },
      { dialog: 'login', q: 'đăng nhập vneid toàn báo sai mật khẩu là sao' },
      { dialog: 'filed', q: 'chứng thực chữ ký mất bao lâu' },
      { dialog: 'filed', q: 'hôm kia em có nộp hồ sơ online mà chưa nhận được phản hồi gì' },
      { dialog: 'ask', q: 'đăng ký tạm trú cần giấy tờ gì' },
      { dialog: 'ask', q: 'nộp qua vneid được không' },
      { dialog: 'locked', q: 'cấp bản sao trích lục khai sinh mất bao lâu' },
      { dialog: 'locked', q: 'tài khoản vneid của em bị khóa rồi, mở lại thế nào' },
      { dialog: 'waiting', q: 'đăng ký kết hôn cần gì' },
      { dialog: 'waiting', q: 'em nộp qua mạng từ thứ hai mà vẫn chưa thấy ai liên hệ' },
      { dialog: 'how', q: 'xin ban sao giay khai sinh cho con de nop ho so vao lop 1' },
      { dialog: 'how', q: 'ma dang nhap cong dich vu cong bang vneid kieu gi vay, e thu mai ko dc' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['dang-ky-thuong-tru-tam-tru', 'documents'],
      ['online_guide'],
      ['chung-thuc-chu-ky', 'time'],
      ['status'],
      ['dang-ky-thuong-tru-tam-tru', 'documents'],
      ['dang-ky-thuong-tru-tam-tru', 'online'],
      ['cap-ban-sao-trich-luc-ho-tich', 'time'],
      ['online_guide'],
      ['dang-ky-ket-hon', 'documents'],
      ['status'],
      ['cap-ban-sao-trich-luc-ho-tich', expect.anything()],
      ['online_guide'],
    ]);
  });

  it('how much a benefit pays, or whether lateness is fined, is a question on the topic (its summary), not out of scope', async () => {
    const answers = await runDialogues([
      { dialog: 'funeral', q: 'mẹ tôi đang hưởng trợ cấp xã hội hằng tháng vừa mất, nhà được hỗ trợ mai táng không' },
      { dialog: 'funeral', q: 'duoc ho tro bao nhieu' },
      { dialog: 'late', q: 'ông tôi mất được 20 ngày rồi, giờ mới đi khai tử' },
      { dialog: 'late', q: 'tre han vay co bi phat ko' },
      // Doing the topic's file ("làm hồ sơ trợ cấp") is not getting the paper asked about.
      { dialog: 'file', q: 'co giay xac nhan khuyet tat roi thi chau dc huong tro cap hang thang ko' },
      { dialog: 'file', q: 'làm hồ sơ trợ cấp có cần bản sao giấy khai sinh của cháu không' },
    ]);
    expect(answers.map((a) => [a.intent, a.results[0]?.id])).toEqual([
      ['procedure', 'ho-tro-chi-phi-mai-tang'],
      ['procedure', 'ho-tro-chi-phi-mai-tang'],
      ['procedure', 'dang-ky-khai-tu'],
      ['procedure', 'dang-ky-khai-tu'],
      ['procedure', 'tro-cap-xa-hoi-hang-thang'],
      ['procedure', 'tro-cap-xa-hoi-hang-thang'],
    ]);
    expect(answers[5]!.facet).toBe('documents');
  });

  it('reads what follows "… xong thì" and a correction ("mà là …") as the question; a paper named there is left to the rules on papers', async () => {
    const answers = await runDialogues([
      { dialog: 'fix', q: 'so do nha e ghi sai ten bo e' },
      { dialog: 'fix', q: 'à nhầm, ko phải sai tên, mà là sổ cũ quá bị mờ hết chữ, rách mấy chỗ rồi' },
      { dialog: 'name', q: 'con gái em 3 tuổi, giấy khai sinh để trống phần cha, giờ bố cháu muốn nhận con' },
      { dialog: 'name', q: 'nhận con xong thì đổi họ cho bé theo họ bố được không' },
      { dialog: 'old', q: 'cải chính tên cho con trong giấy khai sinh' },
      { dialog: 'old', q: 'sửa xong thì giấy khai sinh cũ của bé còn dùng được ko' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual([
      'dinh-chinh-gcn',
      'cap-doi-gcn',
      'dang-ky-nhan-cha-me-con',
      'thay-doi-cai-chinh-ho-tich',
      'thay-doi-cai-chinh-ho-tich',
      'thay-doi-cai-chinh-ho-tich',
    ]);
  });

  it('a facet question that surely names another case leaves a topic that explains it only loosely', async () => {
    const answers = await runDialogues([
      { dialog: 'estate', q: 'bố mẹ mất để lại mảnh đất, mấy anh em muốn làm văn bản chia di sản' },
      { dialog: 'estate', q: 'anh cả không muốn nhận phần thì làm giấy gì' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['chung-thuc-phan-chia-di-san', expect.anything()],
      ['chung-thuc-tu-choi-nhan-di-san', 'documents'],
    ]);
  });

  it('"hay là …" turns to the alternative it names (a petition instead of meeting the leaders)', async () => {
    const answers = await runDialogues([
      { dialog: 'meet', q: 'cho toi hoi muon gap lanh dao xa trinh bay viec nha toi bi ngap do cong trinh lam duong thi lam the nao' },
      { dialog: 'meet', q: 'hay là tôi gửi phản ánh qua đây luôn được ko' },
    ]);
    expect(answers.map((a) => a.intent)).toEqual(['procedure', 'feedback']);
  });
});

describe('an aside in the middle of a topic', () => {
  it('is answered as what it is, without the topic’s summary again, and the topic is still there after it', async () => {
    const answers = await runDialogues([
      { dialog: 'stay', q: 'em thuê trọ ở xã, đăng ký tạm trú cần gì ạ' },
      { dialog: 'stay', q: 'thôn em mai có cắt điện ko' },
      { dialog: 'stay', q: 'ad ơi ăn trưa chưa' },
      { dialog: 'stay', q: 'lệ phí bao nhiêu' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['dang-ky-thuong-tru-tam-tru', 'documents'],
      ['out_of_scope'],
      ['out_of_scope'],
      ['dang-ky-thuong-tru-tam-tru', 'fee'],
    ]);
  });
});

describe('"còn …" turns to what it names', () => {
  it('answers the procedure named after "còn", even with a facet asked, and keeps the facet', async () => {
    const answers = await runDialogues([
      { dialog: 'papers', q: 'xin giấy xác nhận tình trạng hôn nhân cần gì' },
      { dialog: 'papers', q: 'thế còn đăng ký kết hôn thì nộp ở đâu' },
      { dialog: 'fee', q: 'đăng ký kết hôn cần gì' },
      { dialog: 'fee', q: 'còn lệ phí thì sao' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['xac-nhan-tinh-trang-hon-nhan', 'documents'],
      ['dang-ky-ket-hon', 'where'],
      ['dang-ky-ket-hon', 'documents'],
      ['dang-ky-ket-hon', 'fee'],
    ]);
  });
});

describe('a message that is clearly something else, though it has a facet’s words', () => {
  it('thanks, office hours and other agencies’ business are answered as such, and the topic is kept', async () => {
    const answers = await runDialogues([
      { dialog: 'birth', q: 'làm giấy khai sinh cho con cần gì ạ' },
      { dialog: 'birth', q: 'dạ em cảm ơn nhiều, để em về chuẩn bị giấy tờ đã' },
      { dialog: 'birth', q: 'chiều thứ bảy xã có nhận hồ sơ không hay phải đợi sáng thứ hai' },
      { dialog: 'birth', q: 'tiện cho em hỏi nộp phạt nguội xe máy ở đâu vậy' },
      { dialog: 'birth', q: 'mà gần xã có quán photo nào mở muộn không ad' },
      { dialog: 'birth', q: 'phí bao nhiêu' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? [a.results[0]?.id, a.facet] : [a.intent]))).toEqual([
      ['dang-ky-khai-sinh', 'documents'],
      ['greeting'],
      ['hours'],
      ['out_of_scope'],
      ['out_of_scope'],
      ['dang-ky-khai-sinh', 'fee'],
    ]);
  });
});

describe('whether the topic needs a paper another procedure issues', () => {
  it('is a question on the topic’s documents', async () => {
    const answers = await runDialogues([
      { dialog: 'residence', q: 'con dâu về ở nhà chồng thì nhập khẩu thế nào' },
      { dialog: 'residence', q: 'có cần sổ hộ khẩu cũ nữa không hay chỉ cần căn cước' },
      { dialog: 'foreign', q: 'vợ em người Hàn, sinh con ở đây thì khai sinh cho cháu ở đâu' },
      { dialog: 'foreign', q: 'hộ chiếu của vợ em có cần dịch công chứng không' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-thuong-tru-tam-tru', expect.anything()],
      ['dang-ky-thuong-tru-tam-tru', 'documents'],
      ['dang-ky-khai-sinh-yeu-to-nuoc-ngoai', 'where'],
      ['dang-ky-khai-sinh-yeu-to-nuoc-ngoai', 'documents'],
    ]);
  });
});

describe('turning to another matter or another case', () => {
  it('"mà …" and "thế nếu …" turn to what they name; a case told before carries over to the next procedure', async () => {
    const answers = await runDialogues([
      { dialog: 'pause', q: 'tạm ngừng kinh doanh hộ cá thể cần gì' },
      { dialog: 'pause', q: 'thế nếu nghỉ bán hẳn luôn thì sao' },
      { dialog: 'pause', q: 'hồ sơ gồm gì' },
      { dialog: 'heir', q: 'đăng ký khai tử cho ông nội cần giấy gì' },
      { dialog: 'heir', q: 'dạ vâng, mà bác em không muốn nhận phần đất ông để lại thì phải làm giấy gì' },
      { dialog: 'foreign', q: 'chồng sắp cưới của em là người Nhật, đăng ký kết hôn ở đâu ạ' },
      { dialog: 'foreign', q: 'sau này có em bé sinh ở VN thì khai sinh cho bé thế nào' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual([
      'tam-ngung-ho-kinh-doanh',
      'cham-dut-ho-kinh-doanh',
      'cham-dut-ho-kinh-doanh',
      'dang-ky-khai-tu',
      'chung-thuc-tu-choi-nhan-di-san',
      'dang-ky-ket-hon-yeu-to-nuoc-ngoai',
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai',
    ]);
  });
});

describe('the resident’s own file or complaint', () => {
  it('is what an unclear follow-up refers to, while no procedure is the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'file', q: 'hồ sơ đăng ký hộ kinh doanh tôi nộp hôm thứ hai mà giờ chưa thấy ai gọi' },
      { dialog: 'file', q: 'bao giờ thì xong' },
      { dialog: 'alone', q: 'bao giờ thì xong' },
    ]);
    expect(answers.map((a) => a.intent)).toEqual(['status', 'status', expect.not.stringMatching(/^status$/)]);
  });
});

describe('a question in the words of one of the topic’s own papers', () => {
  it('asks about the topic’s documents, though by itself it reads as nothing in scope', async () => {
    const answers = await runDialogues([
      { dialog: 'father', q: 'chồng em muốn nhận con, cháu có giấy khai sinh rồi mà để trống tên bố thì làm sao' },
      { dialog: 'father', q: 'có bắt buộc phải xét nghiệm ADN không ạ' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-nhan-cha-me-con', expect.anything()],
      ['dang-ky-nhan-cha-me-con', 'documents'],
    ]);
    expect(answers[1]!.reply).toContain('ADN');
  });
});

describe('a question naming its own procedure with a facet', () => {
  it('stays with the topic only when both the topic’s name and what was said before explain it', async () => {
    const answers = await runDialogues([
      // From the ninth held-out set: the long name of the linked death procedure outweighed the question.
      { dialog: 'estate', q: 'Cho bác hỏi, bố tôi mới mất hôm qua ở nhà, giờ gia đình phải làm những thủ tục gì ở xã ạ' },
      { dialog: 'estate', q: 'Thế có phải đi cắt hộ khẩu cho ông không hay nó tự xóa' },
      { dialog: 'estate', q: 'Ông để lại mảnh đất, mấy anh em muốn làm giấy chia nhau thì làm ở đâu' },
      { dialog: 'single', q: 'xin giấy xác nhận độc thân cần gì ạ' },
      { dialog: 'single', q: 'em đang tạm trú ở đây, hộ khẩu ở quê thì xin ở đâu' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      [expect.stringMatching(/khai-tu/), expect.anything()],
      ['lien-thong-khai-tu-xoa-thuong-tru-mai-tang', expect.anything()],
      ['chung-thuc-phan-chia-di-san', 'where'],
      ['xac-nhan-tinh-trang-hon-nhan', 'documents'],
      ['xac-nhan-tinh-trang-hon-nhan', 'where'],
    ]);
  });
});

describe('who has to come in person', () => {
  it('is asked of the topic, though by itself it reads as out of scope', async () => {
    const answers = await runDialogues([
      { dialog: 'both', q: 'bọn em có con chung 2 tuổi mà chưa cưới, giờ anh ấy muốn nhận con' },
      { dialog: 'both', q: '2 dua phai cung len hay 1 dua di dc' },
      { dialog: 'alone', q: 'bọn em có con chung 2 tuổi mà chưa cưới, giờ anh ấy muốn nhận con' },
      { dialog: 'alone', q: 'anh ay di lam xa, e di 1 minh dc ko' },
    ]);
    expect(answers.map((a) => [a.intent, a.results[0]?.id])).toEqual([
      ['procedure', 'dang-ky-nhan-cha-me-con'],
      ['procedure', 'dang-ky-nhan-cha-me-con'],
      ['procedure', 'dang-ky-nhan-cha-me-con'],
      ['procedure', 'dang-ky-nhan-cha-me-con'],
    ]);
  });
});

describe('"out of scope" that gives the topic real weight', () => {
  it('is read with the topic; an advert that only brushes it is not', async () => {
    const answers = await runDialogues([
      // The follow-up is from the eighteenth held-out set (read): by itself, out of scope at 0.59.
      { dialog: 'dispute', q: 'tranh chap dat voi hang xom' },
      { dialog: 'dispute', q: 'xa co hoa giai giup ko' },
      { dialog: 'advert', q: 'cấp đổi sổ đỏ cũ sang mẫu mới' },
      { dialog: 'advert', q: 'NHAN LAM SO DO NHANH KHONG CAN LEN XA, LH 09xx.xxx.xxx' },
    ]);
    expect(answers.map((a) => [a.intent, a.results[0]?.id])).toEqual([
      ['procedure', 'hoa-giai-tranh-chap-dat-dai'],
      ['procedure', 'hoa-giai-tranh-chap-dat-dai'],
      ['procedure', 'cap-doi-gcn'],
      ['out_of_scope', expect.anything()],
    ]);
  });
});

describe('one\'s own file, read as its procedure with where it stands close behind', () => {
  it('asks where the file stands when the words are about a file handed in; asking where to hand it in is the procedure', async () => {
    const answers = await runDialogues([
      // From the thirty-third held-out set (read): the building permit 0.55, where one's file stands 0.39.
      { dialog: 'permit', q: 'bố mẹ muốn tách sổ cho 2 anh em mỗi người 1 mảnh' },
      { dialog: 'permit', q: 'à hồ sơ xin phép xây nhà của e nộp tháng trước giờ đến đâu rồi' },
      { dialog: 'where', q: 'bố mẹ muốn tách sổ cho 2 anh em mỗi người 1 mảnh' },
      { dialog: 'where', q: 'à hồ sơ xin phép xây nhà thì nộp ở đâu' },
    ]);
    expect(answers.map((a) => [a.intent, a.intent === 'procedure' ? a.results[0]?.id : null])).toEqual([
      ['procedure', 'tach-thua-hop-thua'],
      ['status', null],
      ['procedure', 'tach-thua-hop-thua'],
      ['procedure', 'giay-phep-xay-dung-nha-o'],
    ]);
  });
});

describe('"… thì có được không": whether the topic applies in the case told', () => {
  it('stays with the topic when read with what was said before; a case that changes the procedure still moves on', async () => {
    const answers = await runDialogues([
      // From the thirty-third held-out set (read): by itself the poor-household recognition 0.52, the topic 0.19.
      { dialog: 'pension', q: 'me toi 76 tuoi ko co luong huu, nghe noi co tien huu tri xa hoi, xin the nao' },
      { dialog: 'pension', q: 'bố e 72 tuổi, nhà thuộc hộ nghèo thì có được ko' },
      { dialog: 'marriage', q: 'đăng ký kết hôn ở xã cần giấy tờ gì' },
      { dialog: 'marriage', q: 'vợ sắp cưới của em là người Lào thì có được không' },
      { dialog: 'register', q: 'giấy khai sinh của tôi bị mất' },
      { dialog: 'register', q: 'xã bảo sổ gốc cũng mất rồi thì có làm lại được không' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual([
      'tro-cap-huu-tri-xa-hoi',
      'tro-cap-huu-tri-xa-hoi',
      'dang-ky-ket-hon',
      'dang-ky-ket-hon-yeu-to-nuoc-ngoai',
      'cap-ban-sao-trich-luc-ho-tich',
      'dang-ky-lai-khai-sinh',
    ]);
  });
});

describe('"giấy đó" after asking whether the topic needs another procedure\'s paper', () => {
  it('is about getting that paper; without such a question it stays with the topic', async () => {
    const answers = await runDialogues([
      // From the thirty-third held-out set (read).
      { dialog: 'single', q: 'e vs ny định đkkh tháng sau, cần mang gì ạ' },
      { dialog: 'single', q: 'ny e hộ khẩu ở tỉnh khác, bạn ấy có phải xin giấy độc thân ở quê ko' },
      { dialog: 'single', q: 'xin giấy đó ở đâu' },
      { dialog: 'single', q: 'mat phi ko ad' },
      { dialog: 'plain', q: 'e vs ny định đkkh tháng sau, cần mang gì ạ' },
      { dialog: 'plain', q: 'xin giấy đó ở đâu' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-ket-hon', 'documents'],
      ['dang-ky-ket-hon', 'documents'],
      ['xac-nhan-tinh-trang-hon-nhan', 'where'],
      ['xac-nhan-tinh-trang-hon-nhan', 'fee'],
      ['dang-ky-ket-hon', 'documents'],
      ['dang-ky-ket-hon', 'where'],
    ]);
  });
});

describe('a correction that tells circumstances naming papers ("ý em là … sổ gốc mất")', () => {
  it('is read as the focus of the message: "hỏi rồi" tells what was asked, it does not ask', async () => {
    const answers = await runDialogues([
      // From the thirty-third held-out set (read).
      { dialog: 'register', q: 'xin ban sao giay khai sinh o dau vay' },
      { dialog: 'register', q: 'ko phải, ý em là mẹ e lên xã hỏi rồi, cán bộ bảo sổ gốc năm đó mất, bản chính cũng mất' },
      { dialog: 'register', q: 'vay can giay to gi' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['cap-ban-sao-trich-luc-ho-tich', 'dang-ky-lai-khai-sinh', 'dang-ky-lai-khai-sinh']);
  });
});

describe('"còn <general procedure>" while the topic is a case of it', () => {
  it('stays with the case when what was said before tells it', async () => {
    const answers = await runDialogues([
      // From the thirty-third held-out set (read).
      { dialog: 'japan', q: 'em sắp lấy chồng Nhật, đăng ký kết hôn ở đâu ạ' },
      { dialog: 'japan', q: 'bên em thì có phải xin giấy độc thân ko' },
      { dialog: 'japan', q: 'còn đăng ký kết hôn mấy ngày thì xong' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'where'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'documents'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'time'],
    ]);
  });
});

describe('a short question that points back to the topic', () => {
  it('is about the topic, though the words alone read as nothing of ours; another agency\'s business asked without pointing back is not', async () => {
    const answers = await runDialogues([
      // From the thirty-third held-out set (read): by itself, out of scope.
      { dialog: 'pause', q: 'con quan cafe cua chong minh thi chi nghi tam 2 thang thoi' },
      { dialog: 'pause', q: 'cái này có phải đi lại nhiều ko' },
      { dialog: 'power', q: 'con quan cafe cua chong minh thi chi nghi tam 2 thang thoi' },
      { dialog: 'power', q: 'xe máy của tôi bị phạt nguội thì nộp phạt ở đâu' },
    ]);
    expect(answers.map((a) => [a.intent, a.results[0]?.id])).toEqual([
      ['procedure', 'tam-ngung-ho-kinh-doanh'],
      ['procedure', 'tam-ngung-ho-kinh-doanh'],
      ['procedure', 'tam-ngung-ho-kinh-doanh'],
      ['out_of_scope', expect.anything()],
    ]);
  });
});

describe('what was said before rules out a reading', () => {
  it('when, read together, the message’s own reading all but vanishes', async () => {
    const answers = await runDialogues([
      { dialog: 'death', q: 'bà ngoại tôi mất năm 1990, giờ cần giấy chứng tử để làm thừa kế mà nhà đánh mất rồi' },
      // By itself a birth registered again; with the grandmother's death paper, her death registered again.
      { dialog: 'death', q: 'xa bao so ho tich nam do bi chay mat roi' },
      { dialog: 'marriage', q: 'giấy đăng ký kết hôn của bố mẹ tôi mất rồi, cưới năm 1985' },
      { dialog: 'marriage', q: 'xa bao so goc nam do bi chuot can hong het roi' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual([
      'cap-ban-sao-trich-luc-ho-tich',
      'dang-ky-lai-khai-tu',
      'cap-ban-sao-trich-luc-ho-tich',
      'dang-ky-lai-ket-hon',
    ]);
  });
});

describe('a death already being handled', () => {
  it('bringing the deceased\'s card, asked for confirmation, is about the papers; the death told again in passing does not restart the guide', async () => {
    const answers = await runDialogues([
      { dialog: 'dad', q: 'bố em mất sáng nay ở nhà' },
      { dialog: 'dad', q: 'mang theo căn cước của bố đúng không ạ' },
      { dialog: 'dad', q: 'bố em đang hưởng trợ cấp hưu trí xã hội' },
      { dialog: 'dad', q: 'còn ông nội em năm nay 82 tuổi, không có lương hưu, giờ bố mất rồi không ai nuôi, có được trợ cấp không' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-khai-tu', 'overview'],
      ['dang-ky-khai-tu', 'documents'],
      ['ho-tro-mai-tang-huu-tri-xa-hoi', 'overview'],
      ['tro-cap-huu-tri-xa-hoi', 'overview'],
    ]);
  });
});

describe('"cái … thì" turns to the thing it names', () => {
  it('"cái khai tử thì …" after a veteran\'s death support is the death registration; "cái này thì …" stays', async () => {
    const answers = await runDialogues([
      { dialog: 'vet', q: 'ông nhà tôi là thương binh đang hưởng trợ cấp người có công, vừa mất tuần trước, nhà được hưởng chế độ gì' },
      { dialog: 'vet', q: 'cái khai tử thì bác cần mang những gì' },
      { dialog: 'this', q: 'đăng ký kết hôn cần giấy tờ gì' },
      { dialog: 'this', q: 'cái này thì mất bao lâu' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['tro-cap-nguoi-co-cong-tu-tran', 'overview'],
      ['dang-ky-khai-tu', 'documents'],
      ['dang-ky-ket-hon', 'documents'],
      ['dang-ky-ket-hon', 'time'],
    ]);
  });
});

describe('what was told before still counts on a later turn', () => {
  it('a child with a birth paper already, told when the topic was set, rules out the birth registered with the recognition later', async () => {
    const answers = await runDialogues([
      { dialog: 'father', q: 'con em 2 tuổi, hồi làm khai sinh không có tên bố, nay anh ấy muốn nhận con' },
      { dialog: 'father', q: 'bọn em chưa đăng ký kết hôn thì có làm được không' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['dang-ky-nhan-cha-me-con', 'dang-ky-nhan-cha-me-con']);
  });

  it('"cán bộ bảo sổ … mất" tells the case, it asks nothing: the death registered again stays the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'death', q: 'đăng ký lại khai tử cho ông tôi mất năm 1990 thì cần những gì' },
      { dialog: 'death', q: 'can bo tu phap noi so ho tich nam do bi moi an het roi' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['dang-ky-lai-khai-tu', 'dang-ky-lai-khai-tu']);
  });

  it('whether a paper must be made again asks about that paper, not about the topic\'s documents', async () => {
    const answers = await runDialogues([
      { dialog: 'move', q: 'vợ em mới cưới, giờ muốn nhập khẩu về nhà chồng thì làm sao' },
      { dialog: 'move', q: 'căn cước của vợ em có phải làm lại không' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['dang-ky-thuong-tru-tam-tru', 'cap-can-cuoc']);
  });

  it('after the death of a person of merit, a widow asking for the monthly survivor allowance stays with the benefits of that case', async () => {
    const answers = await runDialogues([
      { dialog: 'merit', q: 'bố tôi là bệnh binh, mới mất hôm qua, gia đình được hưởng những chế độ gì' },
      // By itself this reads as the social pension of the elderly (0.41 to 0.36), and the death told
      // before made it the funeral support of that pension; the case told is a person of merit.
      { dialog: 'merit', q: 'tôi là vợ, 71 tuổi rồi, không lương hưu, có được nhận tuất hàng tháng không ạ' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['tro-cap-nguoi-co-cong-tu-tran', 'tro-cap-nguoi-co-cong-tu-tran']);
  });

  it('"xong xin …" moves to the next procedure, and "ở xã luôn được không" asks where', async () => {
    const answers = await runDialogues([
      { dialog: 'split', q: 'tôi muốn tách thửa đất cho con trai thì làm thế nào' },
      { dialog: 'split', q: 'xong xin giấy phép xây nhà ở xã luôn được không' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['tach-thua-hop-thua', 'overview'],
      ['giay-phep-xay-dung-nha-o', 'where'],
    ]);
  });
});

describe('ethnicity and turns in "thế … thì"', () => {
  it('changing a child\'s recorded ethnicity is a civil-status change; parents of two ethnic groups are no foreign element', async () => {
    const answers = await runDialogues([
      { dialog: 'change', q: 'con tôi khai sinh ghi dân tộc Kinh theo mẹ, giờ muốn đổi sang dân tộc Mường của bố' },
      { dialog: 'which', q: 'bố người Tày mẹ người Kinh thì làm khai sinh con theo dân tộc nào' },
      { dialog: 'foreign', q: 'chồng em người Nhật, em người Kinh, làm khai sinh cho con thế nào' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['thay-doi-cai-chinh-ho-tich', 'dang-ky-khai-sinh', 'dang-ky-khai-sinh-yeu-to-nuoc-ngoai']);
  });

  it('"thế <another procedure> thì <facet>" turns to it, facet and all', async () => {
    const answers = await runDialogues([
      { dialog: 'turn', q: 'làm lại căn cước bị mất ở đâu' },
      { dialog: 'turn', q: 'vậy đăng ký tạm trú cho em họ ở cùng thì nộp ở đâu' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['cap-can-cuoc', 'where'],
      ['dang-ky-thuong-tru-tam-tru', 'where'],
    ]);
  });
});

describe('follow-ups written on 3/12', () => {
  it('naming the general procedure keeps its case; "quay lại" to it returns to the case discussed last', async () => {
    const answers = await runDialogues([
      { dialog: 'wed', q: 'tụi em tính cưới đầu năm sau, đăng ký kết hôn cần gì ạ' },
      { dialog: 'wed', q: 'anh ấy quốc tịch Úc nha ad' },
      { dialog: 'wed', q: 'bao lâu thì nhận được giấy kết hôn' },
      { dialog: 'wed', q: 'em xin giấy xác nhận độc thân luôn thì làm ở đâu' },
      { dialog: 'wed', q: 'quay lại chuyện kết hôn, lệ phí bao nhiêu' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-ket-hon', 'documents'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'overview'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'time'],
      ['xac-nhan-tinh-trang-hon-nhan', 'where'],
      ['dang-ky-ket-hon-yeu-to-nuoc-ngoai', 'fee'],
    ]);
  });

  it('a long facet question surely about another procedure, giving the topic nothing, is about that one', async () => {
    // The turns of a dialogue of the twenty-ninth held-out set: read after the topic's name, or after
    // the words about the invalid's death, the last one shares their vocabulary ("người có công",
    // "thương binh") and stayed with the death benefits.
    const answers = await runDialogues([
      { dialog: 'war', q: 'Cháu kính chào các cô chú ở xã ạ. Bố cháu là thương binh, đang lĩnh trợ cấp hàng tháng, cụ vừa mất đêm qua. Nhà cháu đang lo hậu sự, cháu muốn hỏi giờ phải làm những giấy tờ gì ạ' },
      { dialog: 'war', q: 'truoc mat lam giay bao tu cho bo chau thi can mang nhung gi a' },
      { dialog: 'war', q: 'con tien mai tang phi voi tro cap tuat cua bo chau thi lam the nao a' },
      { dialog: 'war', q: 'ho so do nop o dau a, o xa hay phai len phong lao dong' },
      { dialog: 'war', q: 'bao lâu thì gia đình nhận được tiền ạ' },
      { dialog: 'war', q: 'Mẹ cháu là vợ thương binh, bà cần giấy xác nhận là thân nhân người có công để làm thẻ bảo hiểm thì xin ở đâu ạ' },
    ]);
    expect([answers[4]!.results[0]?.id, answers[5]!.results[0]?.id, answers[5]!.facet]).toEqual(['tro-cap-nguoi-co-cong-tu-tran', 'xac-nhan-than-nhan-nguoi-co-cong', 'where']);
  });

  it('asking where to hand a file in is a facet question, not where one\'s own file stands', async () => {
    const answers = await runDialogues([
      { dialog: 'aid', q: 'cháu tôi mồ côi cả cha lẫn mẹ, có được trợ cấp hằng tháng không' },
      { dialog: 'aid', q: 'nộp hồ sơ trợ cấp cho cháu tôi ở đâu' },
      { dialog: 'own', q: 'cháu tôi mồ côi cả cha lẫn mẹ, có được trợ cấp hằng tháng không' },
      { dialog: 'own', q: 'hồ sơ của tôi nộp ở một cửa tháng trước, giờ tra cứu ở đâu' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? `${a.results[0]?.id} ${a.facet}` : a.intent))).toEqual([
      'tro-cap-xa-hoi-hang-thang overview',
      'tro-cap-xa-hoi-hang-thang where',
      'tro-cap-xa-hoi-hang-thang overview',
      'status',
    ]);
  });

  it('whether a paper will do, or what to do without one, asks about the topic\'s documents', async () => {
    const answers = await runDialogues([
      { dialog: 'land', q: 'nhà tôi ở mảnh đất này từ năm 1992 mà chưa có sổ đỏ, giờ muốn làm sổ lần đầu' },
      { dialog: 'land', q: 'giấy mua bán viết tay hồi đó có dùng được không' },
      { dialog: 'birth', q: 'vợ em mới sinh, em đi làm giấy khai sinh cho con' },
      { dialog: 'birth', q: 'giấy chứng sinh của bệnh viện bị mất rồi thì răng' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['dang-ky-dat-dai-cap-gcn-lan-dau', 'overview'],
      ['dang-ky-dat-dai-cap-gcn-lan-dau', 'documents'],
      ['dang-ky-khai-sinh', 'overview'],
      ['dang-ky-khai-sinh', 'documents'],
    ]);
  });

  it('an unmarked "con … thi" turns to the procedure it names, facet and all', async () => {
    const answers = await runDialogues([
      { dialog: 'single', q: 'xin giấy xác nhận tình trạng hôn nhân cần gì' },
      { dialog: 'single', q: 'con dang ky ket hon thi nop o xa nha trai hay nha gai' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['xac-nhan-tinh-trang-hon-nhan', 'documents'],
      ['dang-ky-ket-hon', 'where'],
    ]);
  });
});

describe('a second subject in the middle of a topic', () => {
  it('another paper lost or burnt too is its own procedure; the register kept at the commune is not', async () => {
    const answers = await runDialogues([
      { dialog: 'fire', q: 'nha bi chay het giay to, co ca giay dang ky ho kinh doanh quan tap hoa' },
      { dialog: 'fire', q: 'lam lai can gi' },
      { dialog: 'fire', q: 'so do cung chay luon roi' },
      { dialog: 'card', q: 'Giấy khai sinh của tôi bị cháy trong vụ cháy nhà, tôi sinh năm 1980' },
      { dialog: 'card', q: 'len xa hoi thi can bo noi so ho tich nam do bi lu cuon mat roi' },
      { dialog: 'card', q: 'ma the can cuoc cua toi cung chay luon, lam lai o dau' },
      { dialog: 'register', q: 'giấy kết hôn của ông bà tôi bị mất' },
      { dialog: 'register', q: 'xã bảo sổ lưu năm đó cũng mất luôn rồi' },
    ]);
    const tops = answers.map((a) => a.results[0]?.id);
    expect(tops.slice(0, 2)).toEqual(['cap-lai-giay-chung-nhan-ho-kinh-doanh', 'cap-lai-giay-chung-nhan-ho-kinh-doanh']);
    // Burnt, the land certificate is issued again or exchanged: either is the certificate's, not the shop's.
    expect(['cap-lai-gcn-bi-mat', 'cap-doi-gcn']).toContain(tops[2]);
    expect(tops.slice(4)).toEqual(['dang-ky-lai-khai-sinh', 'cap-can-cuoc', 'cap-ban-sao-trich-luc-ho-tich', 'dang-ky-lai-ket-hon']);
  });

  it('"uh. con vu …" turns to the procedure named, or back to the case of it discussed before', async () => {
    const answers = await runDialogues([
      { dialog: 'baby', q: 'bạn gái em mới sinh, tụi em chưa cưới, em muốn làm giấy khai sinh cho con ghi em là bố' },
      { dialog: 'baby', q: 'sau do tui em muon dang ky ket hon luon thi sao' },
      { dialog: 'baby', q: 'uh. con vu khai sinh cho be lam online dc ko' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['khai-sinh-ket-hop-nhan-cha-me-con', 'overview'],
      ['dang-ky-ket-hon', 'overview'],
      ['khai-sinh-ket-hop-nhan-cha-me-con', 'online'],
    ]);
  });
});

describe('the portal and "that sum" in the middle of a topic', () => {
  it('how to log in to the portal is a question on online services; asking the papers "to get that sum" is on the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'copy', q: 'tôi muốn xin bản sao trích lục khai tử của mẹ, xã vẫn còn sổ' },
      { dialog: 'copy', q: 'cho hỏi cách đăng nhập cổng dịch vụ công bằng tài khoản VNeID' },
      { dialog: 'funeral', q: 'bà tôi đang lĩnh trợ cấp hưu trí xã hội, vừa mất, nhà có được hỗ trợ tiền mai táng không' },
      { dialog: 'funeral', q: 'can nhung giay to gi de xin khoan do' },
      // Handing the topic's file in online is the topic's online service; signing in is the portal's how-to.
      { dialog: 'marriage', q: 'e voi ny dinh dkkh, 2 dua khac tinh' },
      { dialog: 'marriage', q: 'co nop ho so tren cong dv cong dc ko' },
      { dialog: 'marriage', q: 'đăng nhập cổng dịch vụ công bằng VNeID làm sao vậy' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? `${a.results[0]?.id} ${a.facet}` : a.intent))).toEqual([
      'cap-ban-sao-trich-luc-ho-tich overview',
      'online_guide',
      'ho-tro-mai-tang-huu-tri-xa-hoi overview',
      'ho-tro-mai-tang-huu-tri-xa-hoi documents',
      'dang-ky-ket-hon overview',
      'dang-ky-ket-hon online',
      'online_guide',
    ]);
  });
});

describe('loose readings in the middle of a topic', () => {
  it('a part of the topic asked to be done together with it ("cùng lúc", "một lần") is the topic, when the topic is its rival', async () => {
    const answers = await runDialogues([
      { dialog: 'birth', q: 'ad ơi vợ e vừa sinh bé gái ở viện huyện hôm qua' },
      { dialog: 'birth', q: 'tiện thể làm thẻ bảo hiểm y tế cho bé luôn được không ạ' },
      // By itself the residence 0.50, the birth registered with residence and health card 0.36.
      { dialog: 'birth', q: 'vay nhap khau cho be vao ho ong noi cung luc duoc luon ha' },
      { dialog: 'birth', q: 'lam tren vneid hay bat buoc ra xa' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual([
      'dang-ky-khai-sinh',
      'lien-thong-khai-sinh-thuong-tru-bhyt',
      'lien-thong-khai-sinh-thuong-tru-bhyt',
      'lien-thong-khai-sinh-thuong-tru-bhyt',
    ]);
  });

  it('whether a paper must be handed in asks about the topic even when the paper’s name reads as another procedure', async () => {
    const answers = await runDialogues([
      { dialog: 'close', q: 'quán nước của mẹ tôi không bán nữa' },
      // "giấy phép" alone reads as the building permit, loosely (0.3): the topic is among the candidates.
      { dialog: 'close', q: 'có phải nộp lại bản gốc giấy phép ko' },
      // Out of scope by itself, the topic second to its neighbour (suspending): read with the topic.
      { dialog: 'close', q: 'còn nợ thuế khoán 2 tháng thì có đóng cửa được không' },
      { dialog: 'tax', q: 'quán nước của mẹ tôi không bán nữa' },
      { dialog: 'tax', q: 'còn nợ thuế khoán 2 tháng thì có đóng cửa được không' },
    ]);
    expect(answers.map((a) => [a.intent, a.results[0]?.id, a.facet])).toEqual([
      ['procedure', 'cham-dut-ho-kinh-doanh', 'overview'],
      ['procedure', 'cham-dut-ho-kinh-doanh', 'documents'],
      ['procedure', 'cham-dut-ho-kinh-doanh', 'overview'],
      ['procedure', 'cham-dut-ho-kinh-doanh', 'overview'],
      ['procedure', 'cham-dut-ho-kinh-doanh', 'overview'],
    ]);
  });

  it('where the commune office is, asked in the words of a "where" question, is the office; where to do something is the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'office', q: 'đăng ký thường trú cho con cần gì' },
      { dialog: 'office', q: 'ủy ban xã nằm ở đâu vậy ad' },
      { dialog: 'office', q: 'làm ở công an xã hay ủy ban' },
    ]);
    expect(answers.map((a) => [a.intent, a.intent === 'procedure' ? a.results[0]?.id : undefined, a.facet])).toEqual([
      ['procedure', 'dang-ky-thuong-tru-tam-tru', 'documents'],
      ['hours', undefined, null],
      ['procedure', 'dang-ky-thuong-tru-tam-tru', 'where'],
    ]);
  });
});

describe('where one’s own file stands', () => {
  it('is asked by words about a file handed in, even when its procedure reads sure, with a topic or none', async () => {
    const answers = await runDialogues([
      // The split of a plot 0.68, where the file stands 0.19 behind it.
      { dialog: 'none', q: 'hồ sơ tách thửa ấy, tôi nộp một tháng rồi' },
      { dialog: 'merge', q: 'tôi muốn gộp hai thửa đất liền nhau thành một sổ' },
      { dialog: 'merge', q: 'gộp xong thì xin phép xây nhà luôn được không' },
      // The merge was spoken of before the building permit: where its file stands, not the merge again.
      { dialog: 'merge', q: 'hồ sơ gộp sổ nộp rồi thì tra cứu tiến độ chỗ nào' },
    ]);
    expect(answers.map((a) => a.intent === 'procedure' ? a.results[0]?.id : a.intent)).toEqual(['status', 'tach-thua-hop-thua', 'giay-phep-xay-dung-nha-o', 'status']);
  });
});

describe('a what-if in the middle of a topic', () => {
  it('"nếu … thì sao", nothing of ours by itself with the topic first among its procedures, asks about the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'tet', q: 'quán của tôi tết này nghỉ bán một tháng về quê, có phải báo xã không' },
      { dialog: 'tet', q: 'neu ve som hon thi sao' },
    ]);
    expect(answers.map((a) => [a.intent, a.results[0]?.id])).toEqual([
      ['procedure', 'tam-ngung-ho-kinh-doanh'],
      ['procedure', 'tam-ngung-ho-kinh-doanh'],
    ]);
  });
});

describe('turning to another subject, typed without marks', () => {
  it('"the con … thi" turns to what it names even with a facet asked', async () => {
    const answers = await runDialogues([
      { dialog: 'veteran', q: 'bố em là thương binh, đang hưởng trợ cấp hằng tháng, bố vừa mất' },
      { dialog: 'veteran', q: 'the con xoa ho khau cho bo thi lam o dau' },
      // A longer clause after "the con": still a turn, not a child.
      { dialog: 'school', q: 'mai con tôi nộp hồ sơ đi học, cần photo công chứng học bạ với giấy khai sinh' },
      { dialog: 'school', q: 'the con giay cam ket co chu ky cua chau thi xa xac nhan cho dc ko' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['tro-cap-nguoi-co-cong-tu-tran', 'overview'],
      ['lien-thong-khai-tu-xoa-thuong-tru-mai-tang', 'where'],
      ['chung-thuc-ban-sao-tu-ban-chinh', 'overview'],
      ['chung-thuc-chu-ky', 'overview'],
    ]);
  });

  it('a turn in words that read as nothing of ours goes back to a procedure spoken of before among their candidates', async () => {
    const answers = await runDialogues([
      { dialog: 'pension', q: 'Cháu chào ad, bà nội cháu 76 tuổi ở một mình, không có lương hưu, không có khoản trợ cấp nào' },
      { dialog: 'pension', q: 'giấy ủy quyền có phải ra xã chứng thực chữ ký không' },
      // By itself out of scope (0.31), the social pension first among its procedures (0.12).
      { dialog: 'pension', q: 'the con tien cua ba bao lau thi duoc nhan' },
    ]);
    expect(answers.map((a) => [a.results[0]?.id, a.facet])).toEqual([
      ['tro-cap-huu-tri-xa-hoi', 'overview'],
      ['chung-thuc-chu-ky', 'where'],
      ['tro-cap-huu-tri-xa-hoi', 'time'],
    ]);
  });

  it('a loose turn whose close rival was spoken of before is about that one', async () => {
    const answers = await runDialogues([
      { dialog: 'pension', q: 'bà tôi đang lĩnh trợ cấp hưu trí xã hội, bà vừa mất hôm qua' },
      { dialog: 'pension', q: 'làm giấy báo tử cần gì' },
      // Funeral support in general 0.45, that of the social pension 0.34: the latter was spoken of.
      { dialog: 'pension', q: 'con tien mai tang cho ba thi sao' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['ho-tro-mai-tang-huu-tri-xa-hoi', 'dang-ky-khai-tu', 'ho-tro-mai-tang-huu-tri-xa-hoi']);
  });
});

describe('the original or a copy of a paper, in the middle of a topic', () => {
  it('is asked of the topic’s papers, though "bản sao" alone reads as certifying a copy', async () => {
    const answers = await runDialogues([
      { dialog: 'foreign', q: 'Chồng em người Nhật, bé nhà em sinh ở Việt Nam tháng này' },
      { dialog: 'foreign', q: 'hộ chiếu của chồng em cần bản gốc hay bản sao' },
      { dialog: 'foreign', q: 'lam o xa hay phai len so tu phap' },
      // Asked by itself, it is still the certification of a copy.
      { dialog: 'alone', q: 'chứng thực bản sao hộ chiếu cần bản gốc hay bản sao' },
    ]);
    expect(answers.map((a) => `${a.results[0]?.id} ${a.facet}`)).toEqual([
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai overview',
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai documents',
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai where',
      'chung-thuc-ban-sao-tu-ban-chinh documents',
    ]);
  });
});

describe('another agency’s paper in the middle of a topic', () => {
  it('getting it, asked where, when or how much, is out of scope; the topic stays for the next question', async () => {
    const answers = await runDialogues([
      { dialog: 'shop', q: 'e định mở tiệm tạp hóa ở nhà thì đăng ký kinh doanh thế nào' },
      // By itself the registration of a household business, 0.69.
      { dialog: 'shop', q: 'ma mo tiem roi thi dong thue khoan o dau, muc bao nhieu' },
      { dialog: 'shop', q: 'lệ phí đăng ký bao nhiêu' },
      { dialog: 'japan', q: 'Chồng em người Nhật, bé nhà em sinh ở Việt Nam tháng này' },
      { dialog: 'japan', q: 'visa của chồng em sắp hết hạn, gia hạn ở đâu ạ' },
      // The passport as one of the topic's papers is a question on its documents.
      { dialog: 'japan', q: 'ho chieu cua chong e photo dc ko' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? `${a.results[0]?.id} ${a.facet}` : a.intent))).toEqual([
      'dang-ky-ho-kinh-doanh overview',
      'out_of_scope',
      'dang-ky-ho-kinh-doanh fee',
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai overview',
      'out_of_scope',
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai documents',
    ]);
  });
});

describe('the health-insurance card in the middle of a birth', () => {
  it('a child\'s first card is the topic; renewing an adult\'s is the social insurance agency\'s business', async () => {
    const answers = await runDialogues([
      { dialog: 'card', q: 'vợ em mới sinh bé, làm khai sinh với nhập khẩu và thẻ bhyt cho bé một lần được không' },
      { dialog: 'card', q: 'bao lâu thì có thẻ bhyt' },
      { dialog: 'card', q: 'à thẻ bảo hiểm y tế của mẹ em hết hạn rồi, gia hạn ở đâu' },
      // The topic stays for the next question.
      { dialog: 'card', q: 'khai sinh cho bé thì hết bao nhiêu tiền' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? `${a.results[0]?.id} ${a.facet}` : a.intent))).toEqual([
      'lien-thong-khai-sinh-thuong-tru-bhyt overview',
      'lien-thong-khai-sinh-thuong-tru-bhyt time',
      'out_of_scope',
      'lien-thong-khai-sinh-thuong-tru-bhyt fee',
    ]);
  });
});

describe('back to a general procedure whose case was discussed', () => {
  it('"quay lại việc khai sinh" after a birth with a Japanese father and an aside is that birth', async () => {
    const answers = await runDialogues([
      { dialog: 'japan', q: 'chồng em quốc tịch Nhật, bé sinh ở Việt Nam, giờ làm giấy khai sinh cho con ở đâu ạ' },
      { dialog: 'japan', q: 'số điện thoại của xã là gì ạ' },
      { dialog: 'japan', q: 'quay lại việc khai sinh, chồng em đang ở Nhật không về được thì em đi một mình được không' },
      { dialog: 'japan', q: 'le phi bao nhieu a' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? `${a.results[0]?.id} ${a.facet}` : a.intent))).toEqual([
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai where',
      'hotline',
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai steps',
      'dang-ky-khai-sinh-yeu-to-nuoc-ngoai fee',
    ]);
  });
});

describe('the file made ready is not the topic done', () => {
  it('"làm đơn xong …" asks about handing in the same procedure', async () => {
    const answers = await runDialogues([
      { dialog: 'poor', q: 'nhà cháu ở bản xa, bố mẹ già yếu, làm nương thu nhập ít lắm, muốn xin vào hộ nghèo có được không ạ' },
      // By itself nearly nothing (the marriage 0.10): "xong" here is the application written.
      { dialog: 'poor', q: 'làm đơn xong đưa cho trưởng bản được không hay phải xuống xã' },
    ]);
    expect(answers.map((a) => `${a.results[0]?.id} ${a.facet}`)).toEqual(['cong-nhan-ho-ngheo-can-ngheo overview', 'cong-nhan-ho-ngheo-can-ngheo where']);
  });
});

describe('what comes after a topic spoken of as done', () => {
  it('is not the topic under its general name, nor a procedure named for what is done', async () => {
    const answers = await runDialogues([
      { dialog: 'birth', q: 'con dâu tôi người Nhật mới sinh cháu ở bệnh viện tỉnh, làm giấy khai sinh cho cháu thế nào' },
      // By itself: the residence 0.46, the birth with residence and health card 0.25. Read with the
      // Japanese mother, the birth comes first; it is done, so the residence comes next.
      { dialog: 'birth', q: 'khai sinh xong cháu ở với ông bà, nhập khẩu vào nhà tôi được không' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['dang-ky-khai-sinh-yeu-to-nuoc-ngoai', 'dang-ky-thuong-tru-tam-tru']);
  });
});

describe('a question in the middle of a topic, without its words', () => {
  it('asks about the topic; only an aside or a statement is the neighbour the topic brings up', async () => {
    const answers = await runDialogues([
      { dialog: 'owner', q: 'em đi xuất khẩu lao động Nhật 5 năm mới về, tính mở quán cafe nhỏ ở quê, đăng ký hộ kinh doanh thì làm ở xã hay lên huyện ạ' },
      // With the topic's name it reads as changing a business's owner (0.49) before registering one:
      // the question asks whether the business being registered may be in the wife's name.
      { dialog: 'owner', q: 'vợ em đứng tên chủ hộ được không, em thì lo pha chế' },
    ]);
    expect(answers[1]!.results[0]?.id).toBe('dang-ky-ho-kinh-doanh');
  });
});

describe('a second matter in the middle of a topic', () => {
  it('"con mot viec" typed without marks is "còn một việc": what follows is its own subject', async () => {
    const answers = await runDialogues([
      { dialog: 'land', q: 'sổ đỏ nhà tôi cấp năm 1998, giờ rách nát hết, muốn đổi sổ mới thì làm sao' },
      // Read with the worn certificate told before, a wrong birth year would be part of the exchange.
      { dialog: 'land', q: 'con mot viec, so ghi sai nam sinh cua toi' },
    ]);
    expect(answers.map((a) => a.results[0]?.id)).toEqual(['cap-doi-gcn', 'dinh-chinh-gcn']);
  });
});

describe('a death told as the circumstance of a question on the topic', () => {
  it('is background when the message itself reads the topic among its first procedures', async () => {
    const answers = await runDialogues([
      { dialog: 'close', q: 'mẹ tôi bán quán nước có đăng ký hộ kinh doanh, nay nghỉ bán hẳn, làm thủ tục chấm dứt thế nào' },
      // By itself: ending a guardianship first, closing the business third (0.14); the death would
      // send it to the death registration.
      { dialog: 'close', q: 'mẹ tôi mất tháng trước rồi, vậy ai đứng ra làm thủ tục chấm dứt' },
      { dialog: 'death', q: 'bố tôi mới mất hôm qua' },
    ]);
    expect(answers.map((a) => `${a.results[0]?.id} ${a.facet}`)).toEqual([
      'cham-dut-ho-kinh-doanh overview',
      'cham-dut-ho-kinh-doanh steps',
      // Told by itself, the death is still the subject.
      `dang-ky-khai-tu ${answers[2]!.facet}`,
    ]);
  });
});

describe('how soon it is done is no topic done', () => {
  it('"làm xong liền trong ngày được không" asks the time of the topic', async () => {
    const answers = await runDialogues([
      { dialog: 'copy', q: 'em cần chứng thực bản sao giấy khai sinh với bằng tốt nghiệp, mang gì theo' },
      { dialog: 'copy', q: 'lam xong lien trong ngay duoc khong' },
    ]);
    expect(answers.map((a) => `${a.results[0]?.id} ${a.facet}`)).toEqual(['chung-thuc-ban-sao-tu-ban-chinh documents', 'chung-thuc-ban-sao-tu-ban-chinh time']);
  });
});

describe('how long once handed in, in the middle of a topic', () => {
  it('asks the topic\'s time; a wait already under way asks where one\'s own file stands', async () => {
    const answers = await runDialogues([
      { dialog: 'allowance', q: 'cháu tôi bị khuyết tật nặng, xin trợ cấp xã hội hằng tháng cần giấy tờ gì' },
      // By itself the model reads where one's file stands (0.50).
      { dialog: 'allowance', q: 'nộp hồ sơ rồi bao lâu thì được giải quyết' },
      { dialog: 'allowance', q: 'em nộp hồ sơ từ tuần trước rồi mà vẫn chưa thấy gì' },
    ]);
    expect(answers.map((a) => (a.intent === 'procedure' ? `${a.results[0]?.id} ${a.facet}` : a.intent))).toEqual([
      'tro-cap-xa-hoi-hang-thang documents',
      'tro-cap-xa-hoi-hang-thang time',
      'status',
    ]);
  });
});
