/**
 * Words Vietnamese staff are likely to build passwords from, without marks (the strength check
 * folds marks away before it looks): the zxcvbn-ts common lists know "password" and "iloveyou"
 * but not "matkhau" or "anhyeuem". Most likely first: the order is the dictionary's rank.
 */
export const VIETNAMESE_PASSWORD_WORDS: readonly string[] = [
  // Passwords and phrases
  'matkhau', 'anhyeuem', 'emyeuanh', 'yeuem', 'yeuanh', 'toiyeuem', 'anhyeuemnhieu', 'iloveyou', 'xinchao', 'chaoban',
  'vietnam', 'vietnamvodich', 'hanoi', 'saigon', 'hochiminh', 'danang', 'haiphong', 'cantho', 'hue', 'nhatrang',
  'matma', 'baomat', 'dangnhap', 'taikhoan', 'mkmoi', 'mk',
  // The workplace
  'quantri', 'quantrivien', 'admin', 'ubnd', 'ubndxa', 'uybannhandan', 'motcua', 'bophanmotcua', 'hanhchinh',
  'thutuc', 'congchuc', 'vienchuc', 'canbo', 'vanphong', 'ketoan', 'tuphap', 'hotich', 'diachinh', 'congan',
  'xa', 'phuong', 'thitran', 'huyen', 'tinh', 'thanhpho', 'thonxom', 'khupho', 'dangbo', 'doanthanhnien',
  // Family names, middle names and common given names
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly',
  'van', 'thi', 'duc', 'minh', 'ngoc', 'thanh', 'quoc', 'huu', 'xuan', 'hong', 'kim', 'thu', 'hai', 'cong', 'dinh',
  'an', 'anh', 'binh', 'chi', 'cuong', 'dung', 'giang', 'ha', 'hang', 'hanh', 'hieu', 'hoa', 'hung', 'huong', 'huy',
  'khanh', 'lan', 'linh', 'long', 'mai', 'nam', 'nga', 'nhung', 'phong', 'phuong', 'quang', 'quynh', 'son', 'tam',
  'thao', 'thang', 'thuy', 'trang', 'trung', 'tu', 'tuan', 'tung', 'viet', 'vy', 'yen', 'hoai', 'loan', 'diep',
  // Numbers people say
  'mot', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin', 'muoi', 'motbaba', 'motnamsau',
];
