import { z } from 'zod';
import { cleanDeep } from '../text/control-chars.js';

/**
 * Wire-level helpers shared by the client, the webhook parser and the sandbox.
 *
 * Zalo ids (user_id, oa_id, msg_id, app_id) are 18–19 digit numbers sent as strings. They exceed
 * 2^53, so a single id that arrives as a bare JSON number would be silently rounded by JSON.parse
 * and then address a different person. We therefore read every Zalo body with `parseZaloJson`,
 * which keeps integers that a double cannot hold exactly as their original digits (a string).
 */

/** Strict JSON number grammar; anchored with the sticky flag so we can scan in place. */
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * JSON.parse, except that integer literals outside Number's safe range become strings holding
 * their exact digits. Everything else (safe integers, fractions, strings) parses as usual, and
 * strings lose their control characters (a "\u0000" in a resident's message would make
 * PostgreSQL refuse every statement that stores it). Throws SyntaxError on invalid JSON.
 */
export function parseZaloJson(text: string | Uint8Array): unknown {
  const source = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
  // Both passes are exact but cost a walk over every character; most bodies need neither (the
  // webhook reads every event through here), so a cheap native test decides whether to run them.
  const parsed = JSON.parse(MAY_HOLD_UNSAFE_INTEGER.test(source) ? quoteUnsafeIntegers(source) : source);
  return MAY_HOLD_CONTROL.test(source) ? cleanDeep(parsed) : parsed;
}

/**
 * A number of 16 digits or more where JSON allows a value (start, after ":", "[" or ","): every
 * integer beyond 2^53 matches. Digits inside strings match only by chance (then the exact pass runs).
 */
const MAY_HOLD_UNSAFE_INTEGER = /(?:^|[:[,])\s*-?\d{16}/;
/**
 * JSON text cannot hold a raw C0 control inside a string, so one reaches a parsed string only as
 * an escape (\u0000–\u001F, \b, \f) or as a raw DEL, which JSON allows. Without any of those
 * nothing needs cleaning (an escaped backslash before "b" or "u00" only costs the full pass).
 */
const MAY_HOLD_CONTROL = /\\(?:u00[01][0-9a-fA-F]|u007[fF]|[bf])|\x7f/;

function quoteUnsafeIntegers(source: string): string {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      // Skip over a string literal, honouring backslash escapes, so digits inside text stay untouched.
      i++;
      while (i < source.length) {
        const c = source.charCodeAt(i);
        if (c === 0x5c /* \ */) i += 2;
        else if (c === 0x22) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39)) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(source);
      if (!match) {
        i++; // not a number after all; JSON.parse will report it
        continue;
      }
      const literal = match[0];
      const isInteger = match[1] === undefined && match[2] === undefined;
      if (isInteger && !Number.isSafeInteger(Number(literal))) {
        out += source.slice(copiedUpTo, i) + '"' + literal + '"';
        copiedUpTo = i + literal.length;
      }
      i += literal.length;
      continue;
    }
    i++;
  }
  return copiedUpTo === 0 ? source : out + source.slice(copiedUpTo);
}

/**
 * A Zalo id as a string. Accepts a JSON number only when it is a safe integer (so it was not
 * rounded); `parseZaloJson` has already turned unsafe ones into strings.
 */
export const zaloIdSchema = z
  // Real ids are under 40 characters; a bound keeps hostile input out of keys and indexes.
  .union([z.string().trim().min(1).max(128), z.number().int().nonnegative().refine(Number.isSafeInteger)])
  .transform((v) => String(v));

/**
 * Epoch milliseconds, sent by Zalo as a digit string (sometimes a number). Kept as a number:
 * millisecond instants are far below 2^53.
 */
export const zaloMillisSchema = z
  .union([z.string().regex(/^\d{1,15}$/, 'expected epoch milliseconds'), z.number().int().nonnegative().safe()])
  .transform((v) => Number(v));

/** A numeric field that Zalo may send as a number or a digit string ("90000", "8"). */
export const numericSchema = z
  .union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/)])
  .transform((v) => Number(v));
