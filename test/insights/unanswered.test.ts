import { describe, expect, it } from 'vitest';
import { newUserId, sendAndAwaitReplies, useTestApp, textEvent, textsOf } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { questionSignature } from '../../src/insights/unanswered.js';

describe('unanswered questions → a better catalog', () => {
  const h = useTestApp();

  it('folds equivalent phrasings to one signature', () => {
    expect(questionSignature('Xin giấy bìa xanh!')).toBe(questionSignature('xin giay bia xanh'));
  });

  it('groups what residents asked, links the group to a procedure, and then answers it right', async () => {
    // A nickname the assistant was never taught: residents of one village call the extract of the
    // civil-status book "giấy bìa xanh".
    const question = 'xin giấy bìa xanh';
    const residents = [newUserId(), newUserId(), newUserId()];
    const answers: string[] = [];
    for (const [i, u] of residents.entries()) {
      answers.push(textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, u, i === 2 ? 'Xin giấy bìa xanh!' : question))).join('\n'));
    }
    expect(answers[0]).not.toContain('Cấp bản sao trích lục hộ tịch');

    const editor = await staffClient(h.app, ['editor']);
    const list = (await (await editor.call('GET', '/api/admin/questions/unanswered')).json()) as { items: Array<{ signature: string; text: string; count: number }> };
    const group = list.items.find((g) => g.text.toLowerCase().includes('bìa xanh'));
    expect(group?.count).toBe(3);

    const linked = await editor.call('POST', '/api/admin/questions/groups/link', { signature: group!.signature, procedureId: 'cap-ban-sao-trich-luc-ho-tich' });
    expect(linked.status).toBe(200);

    const after = (await (await editor.call('GET', '/api/admin/questions/unanswered')).json()) as { items: Array<{ signature: string }> };
    expect(after.items.some((g) => g.signature === group!.signature)).toBe(false);

    const again = newUserId();
    const answer = textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, again, 'cho hỏi xin giấy bìa xanh ở đâu')));
    expect(answer[0]!.toLowerCase()).toContain('cấp bản sao trích lục hộ tịch');

    const patch = await (await editor.call('GET', '/api/admin/aliases/export')).text();
    expect(patch).toContain('+++ b/content/procedures/cap-ban-sao-trich-luc-ho-tich.md');
    expect(patch).toContain('+  - "xin giấy bìa xanh"');
    // The residents' messages became examples the model learns from, exported for content/examples.
    const examples = await (await editor.call('GET', '/api/admin/examples/export')).text();
    expect(examples).toContain('+++ b/content/examples/procedures/cap-ban-sao-trich-luc-ho-tich.yaml');
    expect(examples).toContain('+  - text: "xin giấy bìa xanh"');
    expect(examples).toContain('+  - text: "Xin giấy bìa xanh!"');
  });

  it('lets staff set a group aside as out of scope', async () => {
    const u = newUserId();
    await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, u, 'giá xăng hôm nay bao nhiêu'));
    const editor = await staffClient(h.app, ['editor']);
    const list = (await (await editor.call('GET', '/api/admin/questions/unanswered')).json()) as { items: Array<{ signature: string; text: string }> };
    const group = list.items.find((g) => g.text.includes('giá xăng'))!;
    expect((await editor.call('POST', '/api/admin/questions/groups/out-of-scope', { signature: group.signature })).status).toBe(200);
    const after = (await (await editor.call('GET', '/api/admin/questions/unanswered')).json()) as { items: Array<{ signature: string }> };
    expect(after.items.some((g) => g.signature === group.signature)).toBe(false);
  });
});
