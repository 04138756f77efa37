import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { fold } from '../catalog/fold.js';
import { owingHandler, type ChatContext, type ChatHandler, type OwedProbe } from '../chat/context.js';
import { PETITION_CODE } from '../understanding/understand.js';
import { shortFormWriter } from '../understanding/text-preparer.js';
import type { SubmittedInfo } from '../zalo/events.js';
import { markDeliveredInChat, undeliveredReplies } from './delivery.js';
import { dropDraft, FLOW_KIND, touchDraft } from './drafts.js';
import { findByCode, insertPetition, isOwner, petitionsOfResident, type PetitionRow } from './repo.js';
import * as T from './texts.js';
import { LIMITS, PAYLOAD, START_PAYLOAD } from './texts.js';
import { categoriesOf, DOSSIER_CODE, type CategoryView } from './categories.js';
import { parseTypedContact } from './typed-contact.js';
import { createChatWords, facetAsked } from '../chat/phrases.js';
import { activeTopic, questionNotComplaint } from '../chat/topic.js';

/**
 * The petition conversation, one handler placed before the menu and the assistant:
 *
 * 1. Replies the desk could not send (outside Zalo's 7-day window) go out first, on any event.
 * 2. "tra cứu PA-2026-000123" (any message naming a petition code) → where it stands; personal
 *    parts only for its owner. A one-stop dossier code → the province portal's lookup page.
 *    The status intent without a code → the resident's own petitions, if any.
 * 3. The menu's "Gửi phản ánh" or a message the assistant reads as feedback starts a draft:
 *    category → content (several messages, photos, locations; "Xong") → contact through Zalo's
 *    request_user_info card, or "Bỏ qua" → summary → "Gửi" creates the petition with its code
 *    and deadline. "Hủy" ends the draft at any step.
 *
 * While a draft is open the flow consumes the resident's messages (petition text must not reach
 * the assistant, which records questions). Two exceptions, so nobody is trapped: buttons of the
 * menu or of earlier answers (payloads starting with "#") and petition-code look-ups are answered
 * as usual, the draft kept, with a one-line reminder to continue or cancel.
 */

export interface ChatFlowDeps {
  catalog: Catalog;
  contactImageUrl: string;
  /** A petition was stored (in the event's transaction): notify the desk. */
  onCreated: (tx: ChatContext['tx'], p: PetitionRow) => Promise<void>;
}

const contactSchema = z.object({ name: z.string().optional(), phone: z.string().optional(), address: z.string().optional() });
const flowSchema = z.object({
  kind: z.literal(FLOW_KIND),
  step: z.enum(['category', 'content', 'contact', 'confirm']),
  startedAt: z.string(),
  data: z.object({
    category: z.string().optional(),
    parts: z.array(z.string()).default([]),
    images: z.array(z.string()).default([]),
    contact: contactSchema.optional(),
  }),
});
type Flow = z.infer<typeof flowSchema>;
type Step = Flow['step'];

/** A message with more syllables than this, starting a draft, is kept as its first content. */
const CONTENT_SYLLABLES = 8;
/** A draft starts on the model's word only when it is this sure the resident wants to complain. */
const FEEDBACK_AT = 0.3;
/**
 * Inside a draft, a short message this clearly about something else (the hotline, office hours, a
 * procedure) is a question, not petition text: it is answered and the draft resumes.
 */
const ASIDE_AT = 0.7;
/** The same where no petition text is expected (the category or the contact is asked). */
const ASIDE_NO_CONTENT_AT = 0.5;
const ASIDE_MAX_SYLLABLES = 14;
/** Words that make a short message a question ("mấy giờ…", "…ở đâu", "…không"); petition text states things. */
const QUESTION_WORDS = ['khong', 'ko', 'k', 'may', 'bao', 'dau', 'nao', 'gi', 'j', 'chua', 'sao', 'ntn', 'ai', 'hong', 'hok'];
/** Around a petition code, this many other syllables still make a look-up ("tra cứu", "xem mã"). */
const LOOKUP_SYLLABLES = 3;

const CANCEL = new Set(['huy', 'huy bo', 'huy phan anh', 'thoi huy', 'dung lai', 'khong gui nua']);
const DONE = new Set(['xong', 'da xong', 'xong roi', 'het', 'het roi', 'du roi']);
const SKIP = new Set(['bo qua', 'khong can', 'khong']);
const SEND = new Set(['gui', 'gui di', 'dong y', 'xac nhan', 'ok']);
const RESUME = new Set(['tiep tuc', 'tiep']);

type Command = 'cancel' | 'done' | 'skip' | 'send' | 'edit' | 'resume' | 'start';

function commandOf(text: string): Command | undefined {
  switch (text) {
    case PAYLOAD.cancel:
      return 'cancel';
    case PAYLOAD.done:
      return 'done';
    case PAYLOAD.skip:
      return 'skip';
    case PAYLOAD.send:
      return 'send';
    case PAYLOAD.edit:
      return 'edit';
    case PAYLOAD.resume:
      return 'resume';
    case START_PAYLOAD:
      return 'start';
  }
  const f = fold(text);
  if (CANCEL.has(f)) return 'cancel';
  if (DONE.has(f)) return 'done';
  if (SKIP.has(f)) return 'skip';
  if (SEND.has(f)) return 'send';
  if (RESUME.has(f)) return 'resume';
  return undefined;
}

function readFlow(ctx: ChatContext): Flow | undefined {
  if (ctx.state.flow?.kind !== FLOW_KIND) return undefined;
  const parsed = flowSchema.safeParse(ctx.state.flow);
  return parsed.success ? parsed.data : undefined;
}

function saveFlow(ctx: ChatContext, flow: Flow): void {
  ctx.state.flow = { kind: flow.kind, step: flow.step, startedAt: flow.startedAt, data: { ...flow.data } };
}

function contactOf(info: SubmittedInfo): Flow['data']['contact'] {
  const address = [info.address, info.ward, info.district, info.city].filter((v) => v && v.trim()).join(', ');
  return { name: info.name, phone: info.phone, address: address || undefined };
}

const residentOf = (ctx: Pick<ChatContext, 'userId' | 'event'>) => ({ zaloUserId: ctx.userId, appUserId: ctx.event.userIdByApp });

/**
 * Mini App petitions of this resident not yet linked to their chat. Only this commune's: the
 * app-scoped id is the same for every OA of the Zalo App.
 */
const unlinkedAppPetitions: OwedProbe = (ctx) => {
  const { appUserId } = residentOf(ctx);
  if (!appUserId) return undefined;
  return ctx.tx.selectFrom('petitions').select('id').where('commune_id', '=', ctx.communeId).where('app_user_id', '=', appUserId).where('zalo_user_id', 'is', null);
};

/** Desk replies held until the resident writes (or refused by Zalo's window). */
const heldDeskReplies: OwedProbe = (ctx) => undeliveredReplies(ctx.tx, residentOf(ctx), ctx.communeId);

export function petitionChatHandler(deps: ChatFlowDeps): ChatHandler {
  const commune = () => deps.catalog.current.content.commune;

  function categoryById(id: string | undefined): CategoryView | undefined {
    return id ? categoriesOf(deps.catalog).find((c) => c.id === id) : undefined;
  }

  function pickCategory(text: string): CategoryView | undefined {
    const all = categoriesOf(deps.catalog);
    if (text.startsWith(`${PAYLOAD.category} `)) return all.find((c) => c.id === text.slice(PAYLOAD.category.length + 1).trim());
    const n = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    if (n >= 1 && n <= all.length) return all[n - 1];
    const f = fold(text);
    return all.find((c) => fold(c.name) === f || c.id === f.replace(/ /g, '-'));
  }

  function prompt(ctx: ChatContext, flow: Flow): void {
    const category = categoryById(flow.data.category);
    switch (flow.step) {
      case 'category':
        ctx.reply(T.askCategory(categoriesOf(deps.catalog), commune().leadership.title, { restarted: true }));
        return;
      case 'content':
        ctx.reply(category ? T.askContent(category, flow.data.parts.length > 0) : T.askCategory(categoriesOf(deps.catalog), commune().leadership.title, { restarted: true }));
        return;
      case 'contact':
        ctx.reply({ ...T.askContact(), contactRequest: { ...T.CONTACT_CARD, imageUrl: deps.contactImageUrl } });
        return;
      case 'confirm':
        if (!category) {
          flow.step = 'category';
          return prompt(ctx, flow);
        }
        ctx.reply(T.summary({ category, content: flow.data.parts.join('\n'), images: flow.data.images.length, contact: flow.data.contact }));
        return;
    }
  }

  function goTo(ctx: ChatContext, flow: Flow, step: Step): void {
    flow.step = step;
    if (step === 'contact' && flow.data.contact) flow.step = 'confirm';
    prompt(ctx, flow);
  }

  function appendText(flow: Flow, text: string): boolean {
    const used = flow.data.parts.reduce((n, p) => n + p.length + 1, 0);
    if (used + text.length > LIMITS.contentChars) return false;
    flow.data.parts.push(text);
    return true;
  }

  async function deliverHeldReplies(ctx: ChatContext): Promise<void> {
    const who = residentOf(ctx);
    // A petition sent from the Mini App is linked to this chat once its owner writes to the OA.
    if (await ctx.isOwed(unlinkedAppPetitions)) {
      await ctx.tx
        .updateTable('petitions')
        .set({ zalo_user_id: ctx.userId })
        .where('commune_id', '=', ctx.communeId)
        .where('app_user_id', '=', who.appUserId!)
        .where('zalo_user_id', 'is', null)
        .execute();
    }
    if (!(await ctx.isOwed(heldDeskReplies))) return;
    for (const r of await undeliveredReplies(ctx.tx, who, ctx.communeId).orderBy('r.created_at').execute()) {
      if (await markDeliveredInChat(ctx.tx, r.id, r.delivery, ctx.now)) ctx.reply(T.deskReplyMessage({ code: r.code }, r.kind, r.text));
    }
  }

  async function answerStatus(ctx: ChatContext, code: string): Promise<void> {
    const p = await findByCode(ctx.tx, code, ctx.communeId);
    if (!p) {
      ctx.reply(T.petitionNotFound(code, commune()));
      return;
    }
    const owner = isOwner(p, residentOf(ctx));
    const replies = owner
      ? await ctx.tx.selectFrom('petition_replies').select(['text', 'created_at as at']).where('petition_id', '=', p.id).orderBy('created_at').execute()
      : [];
    ctx.reply(T.statusReply(p, { owner, replies, now: ctx.now }));
  }

  async function rate(ctx: ChatContext, text: string): Promise<void> {
    const [, code, n] = text.split(/\s+/);
    const p = code ? await findByCode(ctx.tx, code, ctx.communeId) : undefined;
    const score = Number(n);
    if (!p || !isOwner(p, residentOf(ctx)) || !(score >= 1 && score <= 5)) return;
    const r = await ctx.tx
      .updateTable('petitions')
      .set({ rating: score, rated_at: ctx.now.toISOString() })
      .where('id', '=', p.id)
      .where('rating', 'is', null)
      .executeTakeFirst();
    ctx.reply(T.ratingThanks(Number(r.numUpdatedRows) !== 1));
  }

  async function submit(ctx: ChatContext, flow: Flow): Promise<void> {
    const category = categoryById(flow.data.category);
    if (!category) return goTo(ctx, flow, 'category');
    if (flow.data.parts.length === 0) {
      flow.step = 'content';
      ctx.reply(T.contentMissing());
      return;
    }
    const contact = flow.data.contact ?? {};
    const p = await insertPetition(ctx.tx, {
      communeId: ctx.communeId,
      channel: 'zalo',
      submissionKey: `chat:${ctx.eventId}`,
      category,
      content: flow.data.parts.join('\n'),
      attachments: flow.data.images,
      contact: { name: contact.name, phone: contact.phone, address: contact.address },
      zaloUserId: ctx.userId,
      appUserId: ctx.event.userIdByApp,
      now: ctx.now,
    });
    await deps.onCreated(ctx.tx, p);
    endFlow(ctx);
    ctx.reply(T.confirmed(p, category, commune().leadership.title));
  }

  function endFlow(ctx: ChatContext): void {
    delete ctx.state.flow;
  }

  /** A message inside an open draft (the flow answers it, or hands a foreign button on). */
  async function inFlow(ctx: ChatContext, flow: Flow, next: () => Promise<void>): Promise<void> {
    const ev = ctx.event;
    if (ev.kind === 'text') {
      const text = ev.text.normalize('NFC').trim();
      const command = commandOf(text) ?? (createChatWords(deps.catalog.current.content.chatWords).isStop(text) ? 'cancel' : undefined);
      if (command === 'cancel') {
        endFlow(ctx);
        ctx.reply(T.cancelled());
        return;
      }
      if (command === 'resume' || command === 'start') return prompt(ctx, flow);
      // Thanks is a courtesy, not part of the petition: a short close, the draft kept.
      if (!command && createChatWords(deps.catalog.current.content.chatWords).isThanks(text)) {
        ctx.reply(T.thanksWhileDrafting());
        ctx.outcome = { intent: 'greeting', results: [], facet: null };
        return;
      }
      if (!command && ((text.startsWith('#') && !text.startsWith('#pa-')) || isAside(ctx, text, flow))) {
        // Someone else's button, or a question about something else: answer it, keep the draft.
        await next();
        ctx.reply(T.stillDrafting());
        return;
      }
      switch (flow.step) {
        case 'category': {
          const picked = pickCategory(text);
          if (picked) {
            flow.data.category = picked.id;
            return goTo(ctx, flow, 'content');
          }
          // "gửi cho ai, ở đâu": a question about the petition, not its text; where it goes, then the categories again.
          if (!command && isQuestion(text) && ctx.understanding()?.intent === 'feedback') {
            ctx.reply(T.askCategory(categoriesOf(deps.catalog), commune().leadership.title, { hasContent: flow.data.parts.length > 0 }));
            return;
          }
          if (!command && fold(text).split(' ').length >= 3 && appendText(flow, text)) {
            ctx.reply(T.askCategory(categoriesOf(deps.catalog), commune().leadership.title, { restarted: true, hasContent: true }));
            return;
          }
          return prompt(ctx, flow);
        }
        case 'content': {
          if (command === 'done' || command === 'send') {
            if (flow.data.parts.length === 0) {
              ctx.reply(T.contentMissing());
              return;
            }
            return goTo(ctx, flow, 'contact');
          }
          if (command === 'edit' || command === 'skip' || text.startsWith('#pa-')) return prompt(ctx, flow);
          ctx.reply(appendText(flow, text) ? T.contentNoted({ images: flow.data.images.length, imageAdded: false }) : T.contentTooLong());
          return;
        }
        case 'contact': {
          if (command === 'skip' || command === 'done' || command === 'send') return goTo(ctx, flow, 'confirm');
          // Typed instead of shared: the summary that follows shows what was read, to confirm or fix.
          const typed = parseTypedContact(text);
          if (typed) {
            flow.data.contact = typed;
            return goTo(ctx, flow, 'confirm');
          }
          if (command === 'edit') return goTo(ctx, flow, 'content');
          ctx.reply(T.askContact());
          return;
        }
        case 'confirm': {
          if (command === 'send') return submit(ctx, flow);
          if (command === 'edit') return goTo(ctx, flow, 'content');
          return prompt(ctx, flow);
        }
      }
    }
    if (ev.kind === 'submit_info') {
      flow.data.contact = contactOf(ev.info);
      if (flow.step === 'contact' || flow.step === 'confirm') return goTo(ctx, flow, 'confirm');
      return prompt(ctx, flow);
    }
    if (flow.step === 'content' || (flow.step === 'category' && ev.kind === 'image')) {
      if (ev.kind === 'image') {
        const room = LIMITS.images - flow.data.images.length;
        if (room <= 0) {
          ctx.reply(T.tooManyImages());
          return;
        }
        flow.data.images.push(...ev.images.slice(0, room).map((i) => i.url));
        if (ev.caption) appendText(flow, ev.caption);
        if (flow.step === 'category') return prompt(ctx, flow);
        ctx.reply(T.contentNoted({ images: flow.data.images.length, imageAdded: true }));
        return;
      }
      if (ev.kind === 'location') {
        appendText(flow, `Vị trí: ${ev.latitude}, ${ev.longitude}${ev.text ? ` (${ev.text})` : ''}`);
        ctx.reply(T.contentNoted({ images: flow.data.images.length, imageAdded: false }));
        return;
      }
      ctx.reply(T.unsupportedAttachment());
      return;
    }
    return prompt(ctx, flow);
  }

  /**
   * A short question clearly about something else than the petition being written. Before any
   * content is written (the category step) and while contact details are asked, two more readings
   * count, since petition text is not expected there: a message the model is sure names a
   * procedure ("tôi muốn gặp thẳng chủ tịch" is the citizen-reception procedure), and a question on
   * a facet of the conversation's topic ("có phải hẹn trước không, mang gì", "lệ phí cấp phép"). While the resident
   * writes the content, such words may belong to the complaint and are kept.
   */
  function isQuestion(text: string): boolean {
    return text.includes('?') || fold(text).split(' ').some((w) => QUESTION_WORDS.includes(w));
  }

  function isAside(ctx: ChatContext, text: string, flow: Flow): boolean {
    if (flow.step !== 'content' && flow.step !== 'category' && flow.step !== 'contact') return false;
    const words = fold(text).split(' ');
    const question = isQuestion(text);
    const u = ctx.understanding();
    const noContentExpected = flow.step === 'category' || flow.step === 'contact';
    const sureProcedure = u?.intent === 'procedure' && u.certainty === 'sure';
    // A question the model is sure about is one at any length ("còn nếu tôi không đồng ý với quyết định…, muốn khiếu nại thì sao").
    if (noContentExpected && sureProcedure && question) return true;
    // Long text is petition text, except where none is expected.
    if (words.length > ASIDE_MAX_SYLLABLES && !noContentExpected) return false;
    // A question about the petition itself ("gửi phản ánh cho ai, ở đâu") is the flow's to answer.
    if (u?.intent === 'feedback') return false;
    // "nhà ở nông thôn cũng phải xin à" after an aside on building permits: the resident is still on
    // the procedure they turned to during the draft (its topic is newer than the draft), and a short
    // message that picks no category goes on with it; the categories wait.
    const topic = activeTopic(ctx.state, ctx.now);
    if (noContentExpected && topic && topic.at > flow.startedAt && words.length <= ASIDE_MAX_SYLLABLES && !(flow.step === 'category' && pickCategory(text))) return true;
    // A facet of the topic is a question even typed as a bare phrase ("lệ phí cấp phép"), unless it names a category.
    const topicFacet = topic && facetOf(text) && !(flow.step === 'category' && pickCategory(text));
    if (noContentExpected && (sureProcedure || topicFacet)) return true;
    if (!u || u.intent === 'greeting') return false;
    // Nothing of ours is petition text while the resident writes it ("điện chập chờn cả tuần nay, hỏi
    // không ai trả lời"); where none is expected, a question surely about something else ("hôm nay có
    // mưa không ad" when a category is asked) is answered as such, and the categories asked again.
    if (u.intent === 'out_of_scope') return noContentExpected && question && u.confidence >= ASIDE_AT;
    // A request of another kind needs no question word ("đừng gửi tin cho tôi nữa, tôi hủy theo dõi").
    if (noContentExpected && u.intent !== 'procedure' && u.confidence >= ASIDE_AT) return true;
    if (!question) return false;
    // Where no petition text is expected, a question on a facet of a fairly sure procedure
    // ("chứng thực hợp đồng tặng cho…, cần đủ những gì") is asked too; a loose one ("gửi qua đây được
    // không hay phải viết đơn") is about the petition.
    if (u.intent === 'procedure') return u.certainty === 'sure' || (noContentExpected && u.confidence >= ASIDE_NO_CONTENT_AT && !!facetOf(text));
    // Where no petition text is expected, a likely question of another kind ("hồ sơ tôi nộp tháng
    // trước giờ đến đâu rồi") is asked, not written into the petition.
    return u.confidence >= (noContentExpected ? ASIDE_NO_CONTENT_AT : ASIDE_AT);
  }

  /** The facet a message asks about (documents, fee, time…), read as the assistant reads it. */
  function facetOf(text: string) {
    const { content } = deps.catalog.current;
    return facetAsked(content.facets, shortFormWriter(content.shorthand), text);
  }

  function isLookup(text: string, code: string): boolean {
    const rest = fold(text.replace(new RegExp(code, 'i'), ' '));
    return rest === '' || rest.split(' ').length <= LOOKUP_SYLLABLES;
  }

  return owingHandler([unlinkedAppPetitions, heldDeskReplies], async (ctx, next) => {
    const ev = ctx.event;
    if (ev.kind === 'other' || ev.kind === 'unfollow' || ev.kind === 'follow') return next();
    await deliverHeldReplies(ctx);

    let flow = readFlow(ctx);
    if (!flow && ctx.state.flow?.kind === FLOW_KIND) {
      // A stored draft this version cannot read: drop it rather than trap the resident.
      delete ctx.state.flow;
      await dropDraft(ctx.tx, ctx.userId);
    }
    if (ev.kind === 'text') {
      const text = ev.text.normalize('NFC').trim();
      if (text.startsWith(`${PAYLOAD.rate} `)) return rate(ctx, text);
      const code = PETITION_CODE.exec(text)?.[0]?.toUpperCase();
      if (code && (!flow || flow.step !== 'content' || isLookup(text, code))) {
        await answerStatus(ctx, code);
        ctx.outcome = { intent: 'status', results: [], facet: null };
        if (flow) {
          ctx.reply(T.stillDrafting());
          await touchDraft(ctx.tx, ctx.userId, flow.startedAt, ctx.now);
        }
        return;
      }
      if (!flow) {
        const dossier = DOSSIER_CODE.exec(text)?.[0];
        if (dossier) {
          ctx.reply(T.dossierLookup(dossier, commune()));
          ctx.outcome = { intent: 'status', results: [], facet: null };
          return;
        }
        if (text.startsWith('#pa-')) {
          // A button of a draft that was sent, cancelled or has expired.
          ctx.reply(T.noDraft());
          return;
        }
        const u = text === START_PAYLOAD || text.startsWith('#') ? undefined : ctx.understanding();
        const intent = text === START_PAYLOAD ? 'feedback' : u?.intent;
        if (intent === 'status') {
          const mine = await petitionsOfResident(ctx.tx, { zaloUserId: ctx.userId, appUserId: ev.userIdByApp }, ctx.communeId, 5);
          if (mine.length === 0) return next();
          ctx.reply(T.myPetitions(mine, commune(), ctx.now));
          ctx.outcome = { intent: 'status', results: [], facet: null };
          return;
        }
        if (intent !== 'feedback' || (u && u.confidence < FEEDBACK_AT)) return next();
        // "cán bộ xuống nhà được không" about the procedure being discussed: answered there, no draft.
        if (u && activeTopic(ctx.state, ctx.now) && questionNotComplaint(u, text)) return next();
        ctx.outcome = { intent: 'feedback', results: [], facet: null };
        flow = { kind: FLOW_KIND, step: 'category', startedAt: ctx.now.toISOString(), data: { parts: [], images: [] } };
        const keep = text !== START_PAYLOAD && fold(text).split(' ').length > CONTENT_SYLLABLES && appendText(flow, text);
        ctx.reply(T.askCategory(categoriesOf(deps.catalog), commune().leadership.title, { hasContent: keep }));
        saveFlow(ctx, flow);
        await touchDraft(ctx.tx, ctx.userId, flow.startedAt, ctx.now);
        return;
      }
    }
    if (!flow) return next();

    await inFlow(ctx, flow, next);
    ctx.outcome ??= { intent: 'feedback', results: [], facet: null };
    if (ctx.state.flow?.kind === FLOW_KIND) {
      saveFlow(ctx, flow);
      await touchDraft(ctx.tx, ctx.userId, flow.startedAt, ctx.now);
    } else {
      await dropDraft(ctx.tx, ctx.userId);
    }
  });
}
