import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { communeSchema, type Commune } from '../catalog/schema.js';

/** The slug a commune is known by in URLs and rows: lower-case ASCII words joined by hyphens. */
export const COMMUNE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const communeIdSchema = z.string().regex(COMMUNE_ID_PATTERN, 'chữ thường không dấu, số và dấu gạch ngang, ví dụ xa-vi-du').max(64);
/** A commune's own hotline as a province admin types it ("0225 3888 123"); empty: none given. */
export const hotlineSchema = z
  .string()
  .trim()
  .max(20, 'Số điện thoại tối đa 20 ký tự.')
  .regex(/^(?:[0-9][0-9 .]{5,}[0-9])?$/, 'Số điện thoại chỉ gồm chữ số, dấu cách hoặc dấu chấm, ví dụ 0225 3888 123.');
/** Zalo ids are digit strings beyond 2^53: never numbers. */
export const oaIdSchema = z.string().regex(/^\d{5,25}$/, 'chỉ gồm chữ số');

/** A commune as the content files describe it, before it is in the database. */
export interface CommuneSeed {
  id: string;
  name: string;
  provinceId: string;
  oaId: string;
  example: boolean;
  /** The full profile (hotlines, hours, desk…) when the file carries one that validates. */
  profile: Commune | undefined;
  file: string;
}

/** The OA id the bundled single-commune profile gets when it names none: the sandbox's default OA. */
export const FALLBACK_OA_ID = '4318203940283912345';
export const FALLBACK_COMMUNE_ID = 'xa-vi-du';
export const FALLBACK_PROVINCE_ID = 'tinh-mau';

const fileHead = z.looseObject({ id: communeIdSchema, name: z.string().min(1), zalo_oa_id: oaIdSchema, example: z.boolean().optional() });

/**
 * The communes the content folder declares: one file per commune under
 * `provinces/<province>/communes/<commune>.yaml` (the layered layout), or else the single
 * `commune.yaml` of a one-commune deployment, known as `xa-vi-du`. A file that does not say
 * which commune and OA it is for is a content error (thrown, with the file named).
 */
export function readCommuneSeeds(contentDir: string): CommuneSeed[] {
  const seeds: CommuneSeed[] = [];
  const provincesDir = join(contentDir, 'provinces');
  const provinces = existsSync(provincesDir) ? readdirSync(provincesDir, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];
  for (const province of provinces.map((d) => d.name).sort()) {
    const dir = join(provincesDir, province, 'communes');
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const file = `provinces/${province}/communes/${name}`;
      const raw = parseYaml(readFileSync(join(dir, name), 'utf8')) as unknown;
      const head = fileHead.safeParse(raw);
      if (!head.success) {
        throw new Error(`communes: ${file}: ${head.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      // The profile proper is the content layer's business; here it only rides along when it validates.
      const { id: _id, ...rest } = head.data as Record<string, unknown>;
      const profile = communeSchema.safeParse(rest);
      seeds.push({
        id: head.data.id,
        name: head.data.name,
        provinceId: province,
        oaId: head.data.zalo_oa_id,
        example: head.data.example ?? false,
        profile: profile.success ? profile.data : undefined,
        file,
      });
    }
  }
  if (seeds.length > 0) return seeds;
  const single = join(contentDir, 'commune.yaml');
  if (!existsSync(single)) return [];
  const raw = parseYaml(readFileSync(single, 'utf8')) as { name?: string; zalo_oa_id?: string; example?: boolean };
  return [
    {
      id: FALLBACK_COMMUNE_ID,
      name: typeof raw?.name === 'string' ? raw.name : 'Xã',
      provinceId: FALLBACK_PROVINCE_ID,
      oaId: typeof raw?.zalo_oa_id === 'string' ? raw.zalo_oa_id : FALLBACK_OA_ID,
      example: raw?.example === true,
      profile: undefined,
      file: 'commune.yaml',
    },
  ];
}
