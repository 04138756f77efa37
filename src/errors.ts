/**
 * The few typed errors business code throws. They say what went wrong in terms of the domain;
 * http/error-handler.ts maps them to HTTP once, and the chat maps them to Vietnamese text.
 * `message` is safe to show (Vietnamese, no personal data); `fields` holds per-field messages.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends AppError {
  constructor(message = 'Không tìm thấy.') {
    super('not_found', message);
  }
}

export class Invalid extends AppError {
  constructor(message = 'Dữ liệu không hợp lệ.', fields?: Record<string, string>) {
    super('invalid', message, fields);
  }
}

export class Unauthorized extends AppError {
  constructor(message = 'Cần đăng nhập.') {
    super('unauthorized', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'Không có quyền thực hiện thao tác này.') {
    super('forbidden', message);
  }
}

export class Conflict extends AppError {
  /** `fields`: the field a form should mark (the id already taken). */
  constructor(message: string, fields?: Record<string, string>) {
    super('conflict', message, fields);
  }
}

export class TooManyRequests extends AppError {
  constructor(
    message = 'Ông/bà gửi quá nhiều yêu cầu, vui lòng thử lại sau ít phút.',
    readonly retryAfterSeconds = 60,
  ) {
    super('too_many_requests', message);
  }
}

/** A capability that depends on something not installed on this server (a speech engine). */
export class Unavailable extends AppError {
  constructor(message: string) {
    super('unavailable', message);
  }
}
