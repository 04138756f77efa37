/** Reads one cookie from a Cookie header (no dependency needed for the one cookie we use). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function sessionCookie(name: string, value: string, o: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${o.maxAgeSeconds}`,
    ...(o.secure ? ['Secure'] : []),
  ].join('; ');
}
