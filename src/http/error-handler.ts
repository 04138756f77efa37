import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, TooManyRequests } from '../errors.js';

const STATUS: Record<string, number> = {
  not_found: 404,
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  too_many_requests: 429,
  unavailable: 503,
};

/** Unknown routes under /api answer in the API's error shape, not with an HTML page. */
export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: 'Không tìm thấy địa chỉ này.' } });
};

/** The single place where errors become HTTP: `{ error: { code, message, fields? } }`. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      if (err instanceof TooManyRequests) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      res.status(STATUS[err.code] ?? 400).json({ error: { code: err.code, message: err.message, fields: err.fields } });
      return;
    }
    // body-parser errors: malformed JSON, too large, bad encoding.
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status === 413) {
      res.status(413).json({ error: { code: 'too_large', message: 'Dữ liệu gửi lên quá lớn.' } });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: 'Yêu cầu không hợp lệ (dữ liệu không đọc được).' } });
      return;
    }
    log.error({ err: { name: err?.name, message: err?.message, stack: err?.stack }, path: req.path }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: 'Hệ thống đang gặp sự cố, vui lòng thử lại sau.' } });
  };
}
