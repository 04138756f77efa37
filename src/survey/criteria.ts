/**
 * The five criteria of the national satisfaction index for public administrative services (SIPAS):
 * access to the service, the procedure, the staff who handled it, the result, and how feedback is
 * received and handled. Residents score each 1–5. The questions below are our short wording for
 * a phone screen, not the official questionnaire, and the index computed from them is SIPAS-style
 * (see figures.ts), not the official SIPAS figure.
 */
export const SURVEY_CRITERIA = [
  { id: 'access', name: 'Tiếp cận dịch vụ', question: 'Việc tìm thông tin, liên hệ và đến nơi làm thủ tục có thuận tiện không?' },
  { id: 'procedure', name: 'Thủ tục hành chính', question: 'Giấy tờ, các bước và thời hạn có được công khai, rõ ràng và đúng như quy định không?' },
  { id: 'staff', name: 'Công chức giải quyết công việc', question: 'Cán bộ có lịch sự, tận tình và hướng dẫn dễ hiểu không?' },
  { id: 'result', name: 'Kết quả giải quyết', question: 'Kết quả có đúng hẹn, đúng quy định và đầy đủ thông tin không?' },
  { id: 'feedback', name: 'Tiếp nhận, xử lý góp ý, phản ánh', question: 'Ý kiến, phản ánh của ông/bà có được tiếp nhận và trả lời thỏa đáng không?' },
] as const;

export type CriterionId = (typeof SURVEY_CRITERIA)[number]['id'];
export const CRITERION_IDS = SURVEY_CRITERIA.map((c) => c.id) as [CriterionId, ...CriterionId[]];

/** The 1–5 scale, as residents read it. */
export const SCALE = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'] as const;

export type SurveyScores = Record<CriterionId, number>;
