import type { z } from 'zod';
import { Invalid } from '../errors.js';

/**
 * Parses request data with a zod schema; on failure throws Invalid with one Vietnamese message
 * per field (schemas carry Vietnamese messages; unknown zod messages fall back to a generic one).
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown, message = 'Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.'): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(issue.message)
      ? issue.message
      : 'Giá trị không hợp lệ.';
  }
  throw new Invalid(message, fields);
}
