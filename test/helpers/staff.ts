import type { RunningApp } from '../../src/main.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import type { Role } from '../../src/staff/roles.js';

export interface StaffClient {
  cookie: string;
  csrf: string;
  userId: string;
  /** fetch against the app with the session cookie and CSRF header; JSON body when given. */
  call(method: string, path: string, body?: unknown, o?: { csrf?: boolean }): Promise<Response>;
}

let n = 0;
/** Creates a staff account with `roles` directly in the database and logs it in over HTTP. */
export async function staffClient(app: RunningApp, roles: Role[], name?: string): Promise<StaffClient> {
  n += 1;
  const username = name ?? `${roles.join('-')}${n}`;
  const password = 'mat-khau-du-dai-123';
  await createStaffUser(app.database.db, { username, displayName: `Cán bộ ${n}`, password, roles }, new Date());
  return loginClient(app, username, password);
}

export async function loginClient(app: RunningApp, username: string, password: string): Promise<StaffClient> {
  const res = await fetch(`${app.url}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return {
    cookie,
    csrf: body.csrfToken,
    userId: body.user.id,
    call: (method, path, payload, o) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: {
          cookie,
          ...(o?.csrf === false ? {} : { 'x-csrf-token': body.csrfToken }),
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      }),
  };
}
