import { createCatalog, type Catalog } from '../../src/catalog/catalog.js';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import type { Procedure } from '../../src/catalog/schema.js';

let bundled: Catalog | undefined;

/** The real bundled catalog, loaded once per test file. */
export function bundledCatalog(): Catalog {
  bundled ??= createCatalog(BUNDLED_CONTENT_DIR);
  return bundled;
}

/** A minimal valid procedure for small ranking fixtures. */
export function makeProcedure(p: Partial<Procedure> & Pick<Procedure, 'id' | 'name'>): Procedure {
  return {
    code: null,
    code_confirmed: false,
    field: 'khac',
    handled_by: 'ubnd_xa',
    agency: 'UBND cấp xã',
    applicants: 'Người dân',
    aliases: [p.name],
    documents: [{ name: 'Tờ khai' }],
    steps: ['Nộp hồ sơ'],
    time_limit: '01 ngày làm việc',
    fee: 'Không',
    submit: ['mot_cua'],
    online_level: 'chua_xac_nhan',
    portal_url: 'https://dichvucong.gov.vn',
    legal_basis: ['Luật'],
    unconfirmed: [],
    sources: ['https://example.org'],
    last_reviewed: '2026-11-22',
    province_sets: [],
    paper_for_others: false,
    not_when: [],
    body: '',
    file: `procedures/${p.id}.md`,
    ...p,
  };
}
