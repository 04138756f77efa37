import type { z } from 'zod';
import { Invalid } from '../errors.js';

/**
 * Parses request data with a zod schema; on failure throws Invalid with one Vietnamese message
 * per field (schemas carry Vietnamese messages; unknown zod messages fall back to a generic one).
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown, message?: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(issue.message)
      ? issue.message
      : 'Giá trị không hợp lệ.';
  }
  throw new Invalid(message ?? summaryOf(fields), fields);
}

/**
 * The message above a form says what to fix, not only that something is wrong: the field's own
 * message when there is one, how many fields otherwise (each has its message beside it).
 */
function summaryOf(fields: Record<string, string>): string {
  const messages = Object.values(fields);
  if (messages.length === 1) return messages[0]!;
  return `Vui lòng sửa ${messages.length} mục được đánh dấu: ${messages[0]!.replace(/\.$/, '')}; …`;
}
