import { z } from 'zod';
import type { FactOrigin, LayerNote } from './layer-schema.js';

/** The fields (lĩnh vực) procedures are grouped by, with the label residents see. */
export const FIELDS = {
  ho_tich: 'Hộ tịch',
  chung_thuc: 'Chứng thực',
  dat_dai: 'Đất đai',
  kinh_doanh: 'Hộ kinh doanh',
  xay_dung: 'Xây dựng',
  bao_tro_xa_hoi: 'Bảo trợ xã hội',
  nguoi_co_cong: 'Người có công',
  cu_tru: 'Cư trú, căn cước',
  khac: 'Tiếp dân, khiếu nại',
} as const;
export type FieldId = keyof typeof FIELDS;
const fieldIds = Object.keys(FIELDS) as [FieldId, ...FieldId[]];

/** Who decides the case; where it is submitted is a separate fact (`submit`). */
export const HANDLERS = {
  ubnd_xa: 'UBND cấp xã',
  cong_an_xa: 'Công an cấp xã',
  cong_an: 'Công an (cấp xã được phân cấp hoặc cấp tỉnh)',
} as const;

/**
 * Online-service level under Decree 42/2022/NĐ-CP. `chua_xac_nhan` means the sources do not say:
 * the answer then tells the resident to check the portal instead of guessing.
 */
export const ONLINE_LEVELS = {
  toan_trinh: 'Dịch vụ công trực tuyến toàn trình',
  mot_phan: 'Dịch vụ công trực tuyến một phần',
  truc_tiep: 'Chỉ nộp trực tiếp hoặc qua bưu chính',
  chua_xac_nhan: 'Chưa xác nhận mức dịch vụ trực tuyến',
} as const;
export type OnlineLevel = keyof typeof ONLINE_LEVELS;

export const SUBMIT_CHANNELS = {
  mot_cua: 'Bộ phận Một cửa',
  truc_tuyen: 'Cổng Dịch vụ công',
  buu_chinh: 'Dịch vụ bưu chính',
  cong_an: 'Công an',
} as const;

export const DOCUMENT_FORMS = {
  ban_chinh: 'bản chính',
  ban_sao: 'bản sao',
  ban_sao_hoac_xuat_trinh: 'bản sao hoặc xuất trình bản chính',
  xuat_trinh: 'xuất trình',
} as const;

/** The facts of a procedure a province may set or override (each with its source). */
export const PROVINCE_FACTS = ['fee', 'fee_exemptions', 'time_limit', 'online_level', 'portal_url', 'submit_note'] as const;
export type ProvinceFact = (typeof PROVINCE_FACTS)[number];

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case slug');

export const documentSchema = z.strictObject({
  name: text,
  form: z.enum(Object.keys(DOCUMENT_FORMS) as [keyof typeof DOCUMENT_FORMS]).optional(),
  count: z.number().int().positive().optional(),
  note: text.optional(),
});

export const procedureFrontMatterSchema = z.strictObject({
  id: slug,
  /** National TTHC code such as "1.001193"; null where none is published (căn cước). */
  code: z.string().regex(/^\d\.\d{6}$/, 'must look like 1.001193').nullable(),
  /** False where the code was seen only in a secondary source and must be checked. */
  code_confirmed: z.boolean(),
  name: text,
  field: z.enum(fieldIds),
  handled_by: z.enum(Object.keys(HANDLERS) as [keyof typeof HANDLERS]),
  /** Plain words for who decides and who receives, when it is not simply the commune. */
  agency: text,
  applicants: text,
  aliases: z.array(text).min(1),
  documents: z.array(documentSchema).min(1),
  steps: z.array(text).min(1),
  time_limit: text,
  fee: text,
  fee_exemptions: text.optional(),
  submit: z.array(z.enum(Object.keys(SUBMIT_CHANNELS) as [keyof typeof SUBMIT_CHANNELS])).min(1),
  submit_note: text.optional(),
  online_level: z.enum(Object.keys(ONLINE_LEVELS) as [OnlineLevel]),
  portal_url: z.url().startsWith('https://'),
  legal_basis: z.array(text).min(1),
  /** Facts the sources do not confirm; the answer says so instead of asserting them. */
  unconfirmed: z.array(text).default([]),
  sources: z.array(z.url()).min(1),
  last_reviewed: z.iso.date(),
  /**
   * Facts the province sets (a fee by resolution of the provincial People's Council…): every
   * province layer must supply them, and `content:check` names the ones it lacks. The national
   * value is then the general rule, shown only where no province says more.
   */
  province_sets: z.array(z.enum(PROVINCE_FACTS)).default([]),
  /**
   * What this procedure issues is a paper residents bring to other procedures (a certified copy, a
   * certified signature, the ID card): asked whether it is needed during another procedure, it is a
   * question about that procedure's documents, not a wish to get the paper.
   */
  paper_for_others: z.boolean().default(false),
  /**
   * When the procedure does not apply, in the resident's words: said during it ("cán bộ bảo sổ gốc
   * vẫn còn lưu" while registering a lost birth again), the conversation goes to `use` instead;
   * `why` says the rule in plain words for staff reviewing the content. A phrase "A … B" is said when
   * B follows A within a few words ("giấy kết hôn của bố mẹ tôi bị mất").
   */
  not_when: z
    .array(z.strictObject({ said: z.array(text.refine((p) => p.split('…').length <= 2 && !/^\s*…|…\s*$/.test(p), 'at most one "…", between two parts')).min(1), use: slug, why: text }))
    .default([]),
});

export type ProcedureDocument = z.infer<typeof documentSchema>;
export type ProcedureFrontMatter = z.infer<typeof procedureFrontMatterSchema>;
export interface Procedure extends ProcedureFrontMatter {
  /** Markdown guidance below the front matter. */
  body: string;
  /** The file it came from, relative to the content folder (for error messages). */
  file: string;
  /** In a commune's view: where the facts a province or commune set come from (absent: national). */
  origins?: Partial<Record<ProvinceFact, FactOrigin>>;
  /** In a commune's view: the province's and then the commune's own notes on this procedure. */
  notes?: LayerNote[];
}

const phone = z.strictObject({
  label: text,
  number: z.string().regex(/^[0-9 .+]+$/, 'digits, spaces, dots or +'),
  /** True for the commune's own numbers in the bundled example: shown with a warning. */
  example: z.boolean().default(false),
});

/**
 * A commune's hours for sending news, local time [from, until), whole hours: in its profile
 * (`send_hours`) and in the console's setting (src/news/send-hours.ts). NEWS_SEND_HOURS otherwise.
 */
export const sendHoursSchema = z
  .strictObject({
    from: z.number({ error: 'Giờ bắt đầu là một số từ 0 đến 23.' }).int('Giờ bắt đầu là số giờ tròn.').min(0, 'Giờ bắt đầu từ 0 đến 23.').max(23, 'Giờ bắt đầu từ 0 đến 23.'),
    until: z.number({ error: 'Giờ kết thúc là một số từ 1 đến 24.' }).int('Giờ kết thúc là số giờ tròn.').min(1, 'Giờ kết thúc từ 1 đến 24.').max(24, 'Giờ kết thúc từ 1 đến 24.'),
  })
  .refine((h) => h.from < h.until, { path: ['until'], message: 'Giờ kết thúc phải sau giờ bắt đầu.' });

export const communeSchema = z.strictObject({
  /** True in the bundled profile: every local value is a placeholder to be replaced. */
  example: z.boolean(),
  name: text,
  province: text,
  address: text,
  office_hours: z.strictObject({
    weekdays: text,
    saturday: text,
    note: text.optional(),
  }),
  desk: z.strictObject({ name: text, location: text }),
  hotlines: z.array(phone).min(1),
  national_portal: z.strictObject({ name: text, url: z.url(), hotline: phone }),
  province_portal: z.strictObject({ name: text, url: z.url(), lookup_url: z.url() }),
  feedback_portal: z.strictObject({ name: text, url: z.url() }),
  zalo_oa_url: z.url().optional(),
  /** The OA's id, for the Mini App's "Nhắn tin cho xã" (openChat). */
  zalo_oa_id: z.string().regex(/^\d{5,25}$/, 'digits only').optional(),
  /** Who receives complaints about the staff (petitions whose category routes to the leadership). */
  leadership: z.strictObject({ title: text }),
  news_topics: z.array(z.strictObject({ id: slug, name: text, default: z.boolean().default(false) })).min(1),
  /** Its own hours for sending news (e.g. a market-day commune that wants 5h–21h); absent: NEWS_SEND_HOURS. */
  send_hours: sendHoursSchema.optional(),
  /** The loudspeaker radio (đài truyền thanh): its name and the lines that open and close a broadcast. */
  radio: z
    .strictObject({
      station: text.optional(),
      opening: z.array(text).min(1).optional(),
      closing: z.array(text).min(1).optional(),
    })
    .optional(),
  petition_categories: z
    .array(
      z.strictObject({
        id: slug,
        name: text,
        answer_days: z.number().int().positive(),
        legal_source: text,
        /** Who handles it: the desk, or the leadership (complaints about the desk's own staff). */
        route_to: z.enum(['desk', 'leadership']).default('desk'),
      }),
    )
    .min(1),
});
export type Commune = z.infer<typeof communeSchema>;

/** synonyms.yaml: each group lists words residents use for one official term. */
export const synonymsSchema = z.strictObject({
  groups: z
    .array(
      z.strictObject({
        official: text,
        colloquial: z.array(text).min(1),
      }),
    )
    .min(1),
});
export type Synonyms = z.infer<typeof synonymsSchema>;

const foldedWords = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'folded words (lower case, no marks)');

/**
 * shorthand.yaml: chat short forms → full words, both folded, applied word by word; then `phrases`,
 * whole folded phrases whose words mean something else together ("mat bao lau": takes how long,
 * not "lost"), written as words that cannot be misread.
 */
export const shorthandSchema = z.strictObject({
  words: z.record(z.string().regex(/^[a-z0-9]+$/, 'a short form is one folded word (lower case, no marks)'), foldedWords),
  phrases: z.record(foldedWords, foldedWords).default({}),
});
export type Shorthand = z.infer<typeof shorthandSchema>;

/** One resident message of the example corpus, with the other answers that would also be right. */
const exampleSchema = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  /** Other procedure ids or intents that answer this message equally well. */
  also: z.array(z.string().trim().min(1)).optional(),
});

/** content/examples/procedures/<id>.yaml: messages residents send about one procedure. */
export const procedureExamplesSchema = z.strictObject({
  procedure: slug,
  examples: z.array(exampleSchema).min(1),
});

/** content/examples/intents/<intent>.yaml: messages with one non-procedure intent. */
export const intentExamplesSchema = z.strictObject({
  intent: text,
  examples: z.array(exampleSchema).min(1),
});

/**
 * A labelled message: `labels[0]` is the label of the file it came from (a procedure id or an
 * intent name), the rest are the other acceptable answers.
 */
export interface LabelledExample {
  text: string;
  labels: string[];
  file: string;
}

/** facets.yaml: what residents ask about a procedure (fee, time…) and the phrases that ask for it. */
export const FACET_IDS = ['fee', 'time', 'documents', 'online', 'where', 'steps', 'overview'] as const;
export type Facet = (typeof FACET_IDS)[number];
/**
 * One facet's ways of asking (content/facets.yaml). `yields`: phrases of the lists above that only say
 * where one goes ("ra xã"): they decide against shorter phrases, not against another facet's of the
 * same length ("bố phải tự ra xã hay em đi thay được": who may go instead).
 */
const facetSchema = z
  .strictObject({ label: text, phrases: z.array(text).min(1), regional: z.array(text).default([]), recognised_only: z.array(text).default([]), yields: z.array(text).default([]) })
  .refine((f) => f.yields.every((y) => [...f.phrases, ...f.regional, ...f.recognised_only].includes(y)), 'every phrase in `yields` must be one of the facet’s phrases');
export const facetsSchema = z.strictObject({
  facets: z.strictObject(Object.fromEntries(FACET_IDS.map((id) => [id, facetSchema])) as Record<Facet, typeof facetSchema>),
});
export type Facets = z.infer<typeof facetsSchema>;

/** chat-words.yaml: short replies residents type to the assistant's own prompts. */
export const chatWordsSchema = z.strictObject({
  thanks: z.array(text).min(1),
  menu: z.array(text).min(1),
  yes: z.array(text).min(1),
  no: z.array(text).min(1),
  stop: z.array(text).min(1),
  /** Saying the last answer was wrong: the question goes to the review queue. */
  complaint: z.array(text).default([]),
});
export type ChatWords = z.infer<typeof chatWordsSchema>;

/** life-events/<id>.yaml: what a family does at the commune after a life event, step by step. */
export const lifeEventSchema = z.strictObject({
  id: slug,
  title: text,
  /** Condolence or congratulation, said first. */
  opening: text,
  intro: text,
  /** How residents tell the event ("bố tôi mới mất"); folded, whole phrases. */
  situations: z.array(text).min(1),
  /** A situation told of one of these ("giấy chứng tử … mất rồi") is a lost paper, not the event. */
  not_about: z.array(text).optional(),
  steps: z
    .array(
      z.strictObject({
        procedure: slug,
        /** Only in this case ("Nếu người mất đang hưởng trợ cấp …"). */
        when: text.optional(),
        note: text.optional(),
      }),
    )
    .min(1),
});
export type LifeEvent = z.infer<typeof lifeEventSchema>;
