import { pino, type Logger } from 'pino';

/**
 * JSON logs, one line per event. Personal data (phone, name, petition and message text) is never
 * passed to the logger; the redact list is a second line of defence for fields that might slip in.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['text', 'phone', 'name', 'content', 'message.text', '*.text', '*.phone', '*.name', 'req.headers.cookie', 'password'],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
