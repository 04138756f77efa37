import { EXAMPLE_INTENTS } from '../../src/catalog/intents.js';
import { hasMarks } from '../../src/catalog/fold.js';
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadContent } from '../../src/catalog/load-content.js';
import { createCatalog } from '../../src/catalog/catalog.js';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import { ContentError } from '../../src/catalog/load-content.js';

function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  cpSync(BUNDLED_CONTENT_DIR, dir, { recursive: true });
  return dir;
}

function scopeSlugs(): string[] {
  const csv = readFileSync(new URL('../fixtures/scope.csv', import.meta.url), 'utf8');
  return csv.trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
}

describe('bundled content', () => {
  const result = loadContent(BUNDLED_CONTENT_DIR);

  it('is valid', () => {
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('covers every procedure of the catalog scope, one file per slug', () => {
    if (!result.ok) throw new Error('content invalid');
    expect(result.content.procedures.map((p) => p.id).sort()).toEqual(scopeSlugs().sort());
  });

  it('uses the national codes of the scope', () => {
    if (!result.ok) throw new Error('content invalid');
    const csv = readFileSync(new URL('../fixtures/scope.csv', import.meta.url), 'utf8');
    for (const line of csv.trim().split('\n').slice(1)) {
      const [slug, code] = line.split(',');
      const p = result.content.procedures.find((x) => x.id === slug);
      expect(p?.code ?? '', slug).toBe(code);
    }
  });

  it('is NFC Vietnamese with marks in every name', () => {
    if (!result.ok) throw new Error('content invalid');
    for (const p of result.content.procedures) {
      expect(p.name.normalize('NFC')).toBe(p.name);
      expect(/[\u0300-\u036f]|đ/i.test(p.name.normalize('NFD')), p.id).toBe(true);
    }
  });

  it('has an example corpus: 40+ messages per procedure, 60+ per intent, most without diacritics', () => {
    if (!result.ok) throw new Error('content invalid');
    const { examples, procedures } = result.content;
    const count = (label: string) => examples.filter((e) => e.labels[0] === label).length;
    for (const p of procedures) expect(count(p.id), p.id).toBeGreaterThanOrEqual(40);
    for (const intent of EXAMPLE_INTENTS) expect(count(intent), intent).toBeGreaterThanOrEqual(60);
    const unmarked = examples.filter((e) => !hasMarks(e.text)).length / examples.length;
    expect(unmarked).toBeGreaterThanOrEqual(0.4);
    // Letters in the style of Q&A columns: several sentences of background, the question at the end.
    expect(examples.filter((e) => e.text.length >= 400).length).toBeGreaterThanOrEqual(300);
  });

  it('marks the example commune values as examples', () => {
    if (!result.ok) throw new Error('content invalid');
    expect(result.content.commune.example).toBe(true);
    expect(result.content.commune.hotlines.every((h) => h.example)).toBe(true);
    expect(result.content.commune.national_portal.hotline.number).toBe('1800 1096');
  });
});

describe('content validation', () => {
  it('lists every problem with its file and field', () => {
    const dir = copyOfContent();
    const ketHon = join(dir, 'procedures', 'dang-ky-ket-hon.md');
    writeFileSync(ketHon, readFileSync(ketHon, 'utf8').replace(/^field: .*$/m, 'field: hon_nhan').replace(/^fee: .*$/m, 'fee: ""'));
    writeFileSync(join(dir, 'procedures', 'khong-co-front-matter.md'), 'Chỉ có chữ.');
    writeFileSync(join(dir, 'synonyms.yaml'), 'groups: [ {official: "x" ');
    const result = loadContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const where = result.problems.map((p) => `${p.file}:${p.field}`);
    expect(where).toContain('procedures/dang-ky-ket-hon.md:field');
    expect(where).toContain('procedures/dang-ky-ket-hon.md:fee');
    expect(where).toContain('procedures/khong-co-front-matter.md:(front matter)');
    expect(where).toContain('synonyms.yaml:(yaml)');
  });

  it('rejects a file whose id is not its file name, and duplicate codes', () => {
    const dir = copyOfContent();
    const src = readFileSync(join(dir, 'procedures', 'dang-ky-ket-hon.md'), 'utf8');
    writeFileSync(join(dir, 'procedures', 'ban-sao-ket-hon.md'), src);
    const result = loadContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(expect.objectContaining({ file: 'procedures/ban-sao-ket-hon.md', field: 'id' }));
  });

  it('rejects a "not_when" that names no other procedure of the catalog', () => {
    const dir = copyOfContent();
    const file = join(dir, 'procedures', 'dang-ky-lai-khai-tu.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('use: cap-ban-sao-trich-luc-ho-tich', 'use: ban-sao-khong-co'));
    const result = loadContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(expect.objectContaining({ file: 'procedures/dang-ky-lai-khai-tu.md', field: 'not_when' }));
  });

  it('rejects a "not_when" phrase with more than one "…" or a part missing', () => {
    const dir = copyOfContent();
    const file = join(dir, 'procedures', 'dang-ky-ket-hon.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('hôn thú … thất lạc]', 'hôn thú … thất lạc … rồi, … bị mất]'));
    const result = loadContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.filter((p) => p.file === 'procedures/dang-ky-ket-hon.md' && p.field?.startsWith('not_when'))).toHaveLength(2);
  });

  it('rejects a facet phrase that yields but is not one of the facet\'s phrases', () => {
    const dir = copyOfContent();
    const file = join(dir, 'facets.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('yields: [ra xã,', 'yields: [ra phường,'));
    const result = loadContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual(expect.objectContaining({ file: 'facets.yaml' }));
  });

  it('checks the example corpus: known labels, words in every message, one answer per message', () => {
    const dir = copyOfContent();
    const file = join(dir, 'examples', 'procedures', 'dang-ky-ket-hon.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8') +
        '  - text: "cưới vợ cần gì"\n    also: [khong-co-thu-tuc-nay]\n  - text: "🙂🙂"\n  - text: "giá vàng hôm nay"\n',
    );
    writeFileSync(join(dir, 'examples', 'intents', 'out_of_scope.yaml'), 'intent: out_of_scope\nexamples:\n  - text: "Giá vàng hôm nay!"\n');
    writeFileSync(join(dir, 'examples', 'intents', 'hoi-vu-vo.yaml'), 'intent: hoi-vu-vo\nexamples:\n  - text: "abc"\n');
    const result = loadContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
    expect(messages.some((m) => m.includes('dang-ky-ket-hon.yaml') && m.includes('unknown label(s): khong-co-thu-tuc-nay'))).toBe(true);
    expect(messages.some((m) => m.includes('dang-ky-ket-hon.yaml') && m.includes('has no words'))).toBe(true);
    expect(messages.some((m) => m.includes('out_of_scope.yaml') && m.includes('under another answer'))).toBe(true);
    expect(messages.some((m) => m.includes('hoi-vu-vo.yaml') && m.includes('neither a procedure id nor an intent'))).toBe(true);
  });

  it('refuses to start on broken content', () => {
    const dir = copyOfContent();
    unlinkSync(join(dir, 'national.yaml'));
    expect(() => createCatalog(dir)).toThrow(ContentError);
  });

  it('keeps the last good catalog when a reload finds broken content', () => {
    const dir = copyOfContent();
    const catalog = createCatalog(dir);
    const before = catalog.current;
    writeFileSync(join(dir, 'procedures', 'dang-ky-ket-hon.md'), '---\nid: [\n---\n');
    const result = catalog.reload();
    expect(result.ok).toBe(false);
    expect(catalog.current).toBe(before);
    expect(catalog.current.index.search('đăng ký kết hôn')[0]?.id).toBe('dang-ky-ket-hon');
  });

  it('content:check exits non-zero and names the file and field', () => {
    const dir = copyOfContent();
    const file = join(dir, 'procedures', 'tach-thua-hop-thua.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^online_level: .*$/m, 'online_level: muc_do_4'));
    let output = '';
    let status = 0;
    try {
      execFileSync('npx', ['tsx', 'src/cli.ts', 'content:check'], { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const e = err as { status: number; stderr: string };
      status = e.status;
      output = e.stderr;
    }
    expect(status).toBe(1);
    expect(output).toContain('procedures/tach-thua-hop-thua.md: online_level:');
  });
});
