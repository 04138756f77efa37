import { z } from 'zod';
import { ONLINE_LEVELS, communeSchema, type OnlineLevel } from './schema.js';

export { PROVINCE_FACTS, type ProvinceFact } from './schema.js';

/**
 * The province and commune layers of the content (content/provinces/<province>/…). The national
 * layer is content/procedures/*.md; a fact shown to a resident comes from the most specific layer
 * that has it, and keeps the source that layer gives for it.
 */

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case slug');

/** Where a fact comes from: the layer, and the act or page that sets it (what a reply can cite). */
export interface FactOrigin {
  layer: 'national' | 'province' | 'commune';
  /** "Nghị quyết 12/2018/NQ-HĐND của HĐND thành phố Hải Phòng". */
  source: string;
  url?: string;
  /** True when the layer itself says the figure is not confirmed by its sources. */
  unconfirmed?: boolean;
}

/** A line a province or commune adds to a procedure, with its source. */
export interface LayerNote {
  text: string;
  layer: 'province' | 'commune';
  source: string;
  url?: string;
}

const sourced = {
  /** The act that sets the fact, as residents and staff can look it up. */
  source: text,
  url: z.url().optional(),
  /** The sources do not confirm the figure: residents are told to check with the desk. */
  unconfirmed: z.boolean().default(false),
};
const sourcedText = z.strictObject({ value: text, ...sourced });
const sourcedLevel = z.strictObject({ value: z.enum(Object.keys(ONLINE_LEVELS) as [OnlineLevel]), ...sourced });
const sourcedUrl = z.strictObject({ value: z.url().startsWith('https://'), ...sourced });

/** content/provinces/<province>/procedures/<procedure>.yaml */
export const provinceProcedureSchema = z.strictObject({
  procedure: slug,
  fee: sourcedText.optional(),
  fee_exemptions: sourcedText.optional(),
  time_limit: sourcedText.optional(),
  online_level: sourcedLevel.optional(),
  portal_url: sourcedUrl.optional(),
  submit_note: sourcedText.optional(),
  /** Extra lines the province adds for this procedure (shown after the national guidance). */
  notes: z.array(sourcedText).default([]),
  last_reviewed: z.iso.date(),
});
export type ProvinceProcedure = z.infer<typeof provinceProcedureSchema>;

const phone = z.strictObject({
  label: text,
  number: z.string().regex(/^[0-9 .+]+$/, 'digits, spaces, dots or +'),
  example: z.boolean().default(false),
});

/** content/provinces/<province>/province.yaml */
export const provinceSchema = z.strictObject({
  id: slug,
  /** "Thành phố Hải Phòng": what the profile's `province` line shows. */
  name: text,
  /** The province's public-service portal, where residents look up a case by its code. */
  portal: z.strictObject({
    name: text,
    url: z.url(),
    lookup_url: z.url(),
    /** True when the address is a placeholder (not confirmed by our sources). */
    example: z.boolean().default(false),
  }),
  hotlines: z.array(phone).default([]),
  /** The acts this layer cites, listed once (staff read them; procedure files cite them by title). */
  resolutions: z.array(z.strictObject({ title: text, url: z.url().optional(), note: text.optional() })).default([]),
  /** The old → new communes list (old-communes.csv beside this file) and the act it comes from. */
  old_communes: z
    .strictObject({
      file: text,
      source: text,
      url: z.url().optional(),
      /** How the file was made from the act, and any correction made by hand. */
      provenance: text,
      /** True when the list is an example, not the real one. */
      example: z.boolean().default(false),
    })
    .optional(),
});
export type Province = z.infer<typeof provinceSchema>;

/** content/national.yaml: the national portal and feedback channel, the same for every commune. */
export const nationalSchema = z.strictObject({
  national_portal: communeSchema.shape.national_portal,
  feedback_portal: communeSchema.shape.feedback_portal,
});
export type National = z.infer<typeof nationalSchema>;

/**
 * content/provinces/<province>/communes/<commune>.yaml: the commune's own profile (what the old
 * commune.yaml held, less the national and provincial facts) and its local notes per procedure.
 */
export const communeFileSchema = communeSchema
  .omit({ province: true, national_portal: true, province_portal: true, feedback_portal: true })
  .extend({
    id: slug,
    /** The OA this commune answers on (events are routed by it). */
    zalo_oa_id: z.string().regex(/^\d{5,25}$/, 'digits only'),
    /** The official unit after the 2025 arrangement ("xã An Lão"), as the old → new list names it. */
    unit: text,
    /** Local notes per procedure id: what only this commune's desk does differently. */
    procedure_notes: z.record(slug, z.array(sourcedText).min(1)).default({}),
  });
export type CommuneFile = z.infer<typeof communeFileSchema>;

/** One row of old-communes.csv: an old unit (with its district) and the new unit it went into. */
export const oldCommuneRowSchema = z.strictObject({
  old_unit: text,
  old_district: text,
  old_province: text,
  new_unit: text,
  new_code: z.string().regex(/^\d{5}$/, 'five digits'),
  /** Whether all of the old unit went into the new one, or part of it (it was split). */
  share: z.enum(['toan_bo', 'mot_phan']),
  /** The clause of the act that says so. */
  clause: z.string().regex(/^\d+$/, 'a clause number'),
});
export type OldCommuneRow = z.infer<typeof oldCommuneRowSchema>;
