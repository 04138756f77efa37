import { z } from 'zod';
import { TEXT_MAX_CHARS } from '../messaging/rules.js';

/**
 * Builders for the `message` part of an OA API v3 consultation (cs) request, exactly as the
 * reference documents them (§1.3), plus a schema the outbox uses to re-validate stored messages.
 *
 * Limits (§1.4) are enforced by throwing `ZaloMessageError`, never by truncating: a silently cut
 * answer can lose the hotline or the fee at its end, which is worse for a resident than no answer.
 * Callers that have long text split it first (`splitText`) or shorten labels explicitly
 * (`truncateAtWord`), both in text-split.ts. All text is normalised to NFC before counting, and
 * length is counted in UTF-16 code units, which is never less than any other count Zalo might use.
 */

export const ZALO_LIMITS = {
  textChars: TEXT_MAX_CHARS,
  buttonTitleChars: 100,
  queryPayloadChars: 1000,
  /** Examples in the reference never exceed 5; the true maximum is unconfirmed, so stay at 5. */
  buttonsPerMessage: 5,
  requestInfoTitleChars: 100,
  requestInfoSubtitleChars: 500,
} as const;

/** A builder was given something Zalo would reject. `field` names the offending input. */
export class ZaloMessageError extends Error {
  override readonly name = 'ZaloMessageError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`zalo: ${field}: ${message}`);
  }
}

// ---- Wire schemas (the contract; types are inferred from them) ----

const httpUrl = z.url({ protocol: /^https?$/ });
const title = z.string().min(1).max(ZALO_LIMITS.buttonTitleChars);

const buttonSchema = z.discriminatedUnion('type', [
  z.strictObject({ title, type: z.literal('oa.open.url'), payload: z.strictObject({ url: httpUrl }) }),
  z.strictObject({
    title,
    type: z.enum(['oa.query.show', 'oa.query.hide']),
    payload: z.string().min(1).max(ZALO_LIMITS.queryPayloadChars),
  }),
  z.strictObject({
    title,
    type: z.literal('oa.open.phone'),
    payload: z.strictObject({ phone_code: z.string().regex(/^\+?\d{3,15}$/) }),
  }),
]);

const text = z.string().min(1).max(ZALO_LIMITS.textChars);

const textMessageSchema = z.strictObject({ text });

const buttonsMessageSchema = z.strictObject({
  text,
  attachment: z.strictObject({
    type: z.literal('template'),
    payload: z.strictObject({ buttons: z.array(buttonSchema).min(1).max(ZALO_LIMITS.buttonsPerMessage) }),
  }),
});

const requestUserInfoMessageSchema = z.strictObject({
  attachment: z.strictObject({
    type: z.literal('template'),
    payload: z.strictObject({
      template_type: z.literal('request_user_info'),
      elements: z.tuple([
        z.strictObject({
          title: z.string().min(1).max(ZALO_LIMITS.requestInfoTitleChars),
          subtitle: z.string().min(1).max(ZALO_LIMITS.requestInfoSubtitleChars),
          image_url: httpUrl,
        }),
      ]),
    }),
  }),
});

/** Every message this app sends, as stored in the outbox and sent as `message` to /v3.0/oa/message/cs. */
export const outboundMessageSchema = z.union([textMessageSchema, buttonsMessageSchema, requestUserInfoMessageSchema]);

export type ZaloButton = z.infer<typeof buttonSchema>;
export type TextMessage = z.infer<typeof textMessageSchema>;
export type ButtonsMessage = z.infer<typeof buttonsMessageSchema>;
export type RequestUserInfoMessage = z.infer<typeof requestUserInfoMessageSchema>;
/** Serialisable JSON; what the outbox stores and the client sends. */
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/** Validate a message read back from storage (or received by the sandbox). Throws ZodError. */
export function parseOutboundMessage(json: unknown): OutboundMessage {
  return outboundMessageSchema.parse(json);
}

// ---- Builders ----

/** What callers describe; mapped to Zalo's button types. */
export type ButtonSpec =
  | { kind: 'url'; title: string; url: string }
  /** The payload comes back as an ordinary `user_send_text` event; `hidden` uses `oa.query.hide`. */
  | { kind: 'query'; title: string; payload: string; hidden?: boolean }
  | { kind: 'phone'; title: string; phone: string };

/** A plain text message (≤ 2,000 characters after NFC). */
export function textMessage(body: string): TextMessage {
  return { text: checkText('text', body) };
}

/** Text followed by 1–5 buttons (`oa.open.url`, `oa.query.show`/`hide`, `oa.open.phone`). */
export function textWithButtons(body: string, buttons: readonly ButtonSpec[]): ButtonsMessage {
  const checked = checkText('text', body);
  if (buttons.length === 0) throw new ZaloMessageError('buttons', 'at least one button is required');
  if (buttons.length > ZALO_LIMITS.buttonsPerMessage) {
    throw new ZaloMessageError('buttons', `${buttons.length} buttons; the limit is ${ZALO_LIMITS.buttonsPerMessage}`);
  }
  return {
    text: checked,
    attachment: { type: 'template', payload: { buttons: buttons.map((b, i) => toButton(b, `buttons[${i}]`)) } },
  };
}

/** Ask the user to share name/phone/address; the answer arrives as a `user_submit_info` event. */
export function requestUserInfo(input: { title: string; subtitle: string; imageUrl: string }): RequestUserInfoMessage {
  return {
    attachment: {
      type: 'template',
      payload: {
        template_type: 'request_user_info',
        elements: [
          {
            title: checkLength('title', input.title, ZALO_LIMITS.requestInfoTitleChars),
            subtitle: checkLength('subtitle', input.subtitle, ZALO_LIMITS.requestInfoSubtitleChars),
            image_url: checkUrl('imageUrl', input.imageUrl),
          },
        ],
      },
    },
  };
}

function toButton(spec: ButtonSpec, field: string): ZaloButton {
  const buttonTitle = checkLength(`${field}.title`, spec.title, ZALO_LIMITS.buttonTitleChars);
  switch (spec.kind) {
    case 'url':
      return { title: buttonTitle, type: 'oa.open.url', payload: { url: checkUrl(`${field}.url`, spec.url) } };
    case 'query':
      return {
        title: buttonTitle,
        type: spec.hidden ? 'oa.query.hide' : 'oa.query.show',
        payload: checkLength(`${field}.payload`, spec.payload, ZALO_LIMITS.queryPayloadChars),
      };
    case 'phone':
      return { title: buttonTitle, type: 'oa.open.phone', payload: { phone_code: checkPhone(`${field}.phone`, spec.phone) } };
  }
}

function checkText(field: string, value: string): string {
  return checkLength(field, value, ZALO_LIMITS.textChars, ' (split it with splitText)');
}

function checkLength(field: string, value: string, limit: number, hint = ''): string {
  const normalised = value.normalize('NFC');
  if (normalised.trim() === '') throw new ZaloMessageError(field, 'must not be empty');
  if (normalised.length > limit) {
    throw new ZaloMessageError(field, `${normalised.length} characters; the limit is ${limit}${hint}`);
  }
  return normalised;
}

function checkUrl(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ZaloMessageError(field, `"${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ZaloMessageError(field, `"${value}" must be http(s)`);
  }
  return value;
}

/** Hotlines are written with spaces and dots ("0231 3.822.123"); the dialer wants digits. */
function checkPhone(field: string, value: string): string {
  const digits = value.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d{3,15}$/.test(digits)) throw new ZaloMessageError(field, `"${value}" is not a phone number`);
  return digits;
}
