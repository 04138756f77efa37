import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import { createCatalog } from '../../src/catalog/catalog.js';
import { publicFacts } from '../../src/catalog/public-facts.js';
import { bundledCatalog } from '../helpers/catalog.js';

/** content:check starts tsx and loads the whole catalog: minutes on a loaded 2-core machine. */
const CLI_TIMEOUT = 240_000;

function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  cpSync(BUNDLED_CONTENT_DIR, dir, { recursive: true });
  return dir;
}

/** Runs content:check on a folder; its exit status and what it printed. */
function contentCheck(dir: string): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('npx', ['tsx', 'src/cli.ts', 'content:check'], { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('content layers', () => {
  it('keeps provincial figures out of the national procedure files', () => {
    const catalog = bundledCatalog();
    for (const p of catalog.shared.content.procedures) {
      const text = JSON.stringify({ ...p, sources: [] });
      expect(text, p.file).not.toMatch(/Hải Phòng|75\.000 đồng|NQ-HĐND/);
    }
  });

  it('gives every commune its province\'s fee with the act that sets it, and keeps national facts where the province says nothing', () => {
    const catalog = bundledCatalog();
    const national = catalog.shared.index.get('dang-ky-lai-khai-sinh')!;
    expect(national.fee).toBe('Theo nghị quyết của HĐND tỉnh');
    for (const id of ['xa-an-lao', 'xa-an-quang']) {
      const p = catalog.forCommune(id).current.index.get('dang-ky-lai-khai-sinh')!;
      expect(p.fee).toContain('8.000 đồng');
      expect(p.origins?.fee).toMatchObject({ layer: 'province', source: expect.stringContaining('Nghị quyết 12/2018/NQ-HĐND') });
      // The national doubt the province settled is gone; the uncertainty line does not repeat it.
      expect(p.unconfirmed.some((u) => /lệ phí/iu.test(u))).toBe(false);
    }
    const chuKy = catalog.forCommune('xa-an-quang').current.index.get('chung-thuc-chu-ky')!;
    expect(chuKy).toBe(catalog.shared.index.get('chung-thuc-chu-ky'));
    expect(chuKy.origins).toBeUndefined();
  });

  it('shares the national and province parts between communes, and copies only what a commune adds', () => {
    const catalog = bundledCatalog();
    const lao = catalog.forCommune('xa-an-lao').current;
    const quang = catalog.forCommune('xa-an-quang').current;
    expect(lao.index.get('dang-ky-khai-sinh')).toBe(quang.index.get('dang-ky-khai-sinh'));
    expect(lao.understanding).toBe(quang.understanding);
    // Each commune's own note only in its own view.
    expect(quang.index.get('dang-ky-ket-hon')!.notes!.map((n) => n.layer)).toEqual(['province', 'commune']);
    expect(lao.index.get('dang-ky-ket-hon')!.notes!.map((n) => n.layer)).toEqual(['province']);
    expect(lao.content.commune.hotlines[0]!.number).not.toBe(quang.content.commune.hotlines[0]!.number);
    expect(catalog.forCommune('xa-an-quang').current).toBe(quang);
  });

  it('tells residents a province figure its own layer doubts as uncertain, naming whom to call', () => {
    const catalog = bundledCatalog().forCommune('xa-an-lao').current;
    const facts = publicFacts(catalog.index.get('dang-ky-ket-hon-yeu-to-nuoc-ngoai')!, catalog.content.commune, 'https://example.org');
    expect(facts.citations).toEqual([]);
    expect(facts.caution).toContain('0200 000 0000');
  });

  it('serves a commune added at run time over its province layer, and refuses an unknown one', () => {
    const catalog = bundledCatalog();
    const profile = catalog.forCommune('xa-an-lao').current.content.commune;
    const added = catalog.forCommune('xa-moi', { provinceId: 'hai-phong', profile: { ...profile, name: 'UBND xã Mới', hotlines: [{ label: 'Đường dây nóng', number: '0200 111 2222', example: true }] } });
    expect(added.current.content.commune.name).toBe('UBND xã Mới');
    expect(added.current.index.get('dang-ky-lai-ket-hon')!.fee).toContain('30.000 đồng');
    expect(() => catalog.forCommune('xa-khong-co')).toThrow('Không có xã này');
  });

  it('still loads a one-commune folder (commune.yaml, no province layer)', () => {
    const dir = copyOfContent();
    rmSync(join(dir, 'provinces'), { recursive: true });
    rmSync(join(dir, 'national.yaml'));
    cpSync(new URL('../fixtures/legacy-commune.yaml', import.meta.url), join(dir, 'commune.yaml'));
    const catalog = createCatalog(dir);
    expect(catalog.communes().map((c) => c.id)).toEqual(['xa-vi-du']);
    expect(catalog.current.content.commune.name).toBe('UBND xã Ví Dụ');
    expect(catalog.current.index.get('dang-ky-lai-khai-sinh')!.fee).toBe('Theo nghị quyết của HĐND tỉnh');
  });

  it('content:check names a fact the province must supply and does not', () => {
    const dir = copyOfContent();
    const file = join(dir, 'provinces', 'hai-phong', 'procedures', 'dang-ky-lai-ket-hon.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^fee:\n(  .*\n)+/m, ''));
    const { status, stderr } = contentCheck(dir);
    expect(status).toBe(1);
    expect(stderr).toContain('missing: provinces/hai-phong/procedures/dang-ky-lai-ket-hon.yaml: fee: set by the province');
    expect(stderr).toContain('1 fact(s) missing at the layer that must supply them');
    // The service still runs on it: residents get the national rule for that fee.
    expect(createCatalog(dir).current.index.get('dang-ky-lai-ket-hon')!.fee).toBe('Theo nghị quyết của HĐND tỉnh');
  }, CLI_TIMEOUT);

  it('content:check refuses a commune note about an unknown procedure and two communes on one OA', () => {
    const dir = copyOfContent();
    const communes = join(dir, 'provinces', 'hai-phong', 'communes');
    const quang = join(communes, 'xa-an-quang.yaml');
    writeFileSync(quang, readFileSync(quang, 'utf8').replace('zalo_oa_id: "4318203940283912346"', 'zalo_oa_id: "4318203940283912345"').replace('  dang-ky-ket-hon:', '  dang-ky-ket-hon-sai:'));
    const { status, stderr } = contentCheck(dir);
    expect(status).toBe(1);
    expect(stderr).toContain('provinces/hai-phong/communes/xa-an-quang.yaml: procedure_notes: unknown procedure(s): dang-ky-ket-hon-sai');
    expect(stderr).toContain('provinces/hai-phong/communes/xa-an-quang.yaml: zalo_oa_id: also used by provinces/hai-phong/communes/xa-an-lao.yaml');
  }, CLI_TIMEOUT);

  it('content:check passes the bundled layers and counts them', () => {
    const { status, stdout } = contentCheck(BUNDLED_CONTENT_DIR);
    expect(status).toBe(0);
    expect(stdout).toContain('1 province layer(s), 2 commune(s)');
  }, CLI_TIMEOUT);
});
