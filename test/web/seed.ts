import type { RunningApp } from '../../src/main.js';
import { staffClient } from '../helpers/staff.js';
import { waitFor } from '../helpers/app.js';

/** "2026-11-22T09:00:00" in Vietnam time, `ms` from now (what a datetime-local input sends). */
export function localInput(ms: number): string {
  return new Date(Date.now() + ms + 7 * 3600_000).toISOString().slice(0, 19);
}

/** Publishes one announcement through the real workflow (draft → approve → schedule → sent). */
export async function publishNews(app: RunningApp, news: { title: string; summary: string; body: string; topic?: string }): Promise<string> {
  const editor = await staffClient(app, ['editor']);
  const approver = await staffClient(app, ['approver']);
  const created = (await (await editor.call('POST', '/api/admin/announcements', { topic: 'cai-cach-hanh-chinh', ...news })).json()) as { id: string };
  await editor.call('POST', `/api/admin/announcements/${created.id}/submit`);
  await approver.call('POST', `/api/admin/announcements/${created.id}/approve`);
  const res = await approver.call('POST', `/api/admin/announcements/${created.id}/schedule`, { at: localInput(0) });
  if (res.status !== 200) throw new Error(`schedule failed: ${res.status} ${await res.text()}`);
  await waitFor(
    async () => {
      await app.scheduler.tick();
      const r = await fetch(`${app.url}/api/news/${created.id}`);
      return r.status === 200;
    },
    10_000,
    'news to be published',
  );
  return created.id;
}

/** A petition as a resident sends it from a browser (no Zalo account). */
export async function submitPetition(app: RunningApp, content: string, extra: Record<string, string> = {}): Promise<{ code: string }> {
  const res = await fetch(`${app.url}/api/petitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'thu-tuc-hanh-chinh', content, ...extra }),
  });
  if (res.status !== 201) throw new Error(`petition failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { code: string };
}
