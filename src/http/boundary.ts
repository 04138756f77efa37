import { parse as parseQueryString } from 'node:querystring';
import type { RequestHandler } from 'express';
import { Invalid } from '../errors.js';
import { cleanDeep } from '../text/control-chars.js';

// A percent-encoded C0 control character or DEL in the path (%00–%1F, %7F).
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;

/**
 * Route parameters come from the path: a path with an encoded control character (a NUL in a
 * petition code, say) is refused with 400 before any route sees it. Paths have no business
 * holding them, so refusing loses nothing a person typed.
 */
export const rejectControlCharsInPath: RequestHandler = (req, _res, next) => {
  if (ENCODED_CONTROL.test(req.path)) throw new Invalid('Địa chỉ có ký tự không hợp lệ.');
  next();
};

/** Runs after the JSON parser: every string of the body, keys included, without control characters. */
export const cleanJsonBody: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined && !Buffer.isBuffer(req.body)) req.body = cleanDeep(req.body);
  next();
};

/** Express's "simple" query parser (node:querystring), with control characters removed from every value. */
export function cleanQueryParser(query: string): Record<string, unknown> {
  return cleanDeep({ ...parseQueryString(query) });
}
