/**
 * What a resident's message can be about, besides a procedure of the catalog. The example corpus
 * (content/examples/intents/) is labelled with these names, and `ask --json` reports them.
 */
export const INTENTS = [
  'procedure',
  'hotline',
  'hours',
  'feedback',
  'status',
  'subscribe',
  'unsubscribe',
  'news',
  'greeting',
  'online_guide',
  'out_of_scope',
] as const;
export type Intent = (typeof INTENTS)[number];
/** The intents that have their own examples (every one but 'procedure', whose examples are per procedure). */
export type ExampleIntent = Exclude<Intent, 'procedure'>;
export const EXAMPLE_INTENTS = INTENTS.filter((i): i is ExampleIntent => i !== 'procedure');

export function isExampleIntent(label: string): label is ExampleIntent {
  return (EXAMPLE_INTENTS as readonly string[]).includes(label);
}
