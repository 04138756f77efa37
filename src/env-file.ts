import { readFileSync } from 'node:fs';

/**
 * Settings from a `.env` file in the working directory (KEY=value lines, # comments, optional
 * quotes), for every command: `npm start` and `npm run simulate` then read the same PORT and keys.
 * Variables already set in the environment win. Returns the names it set.
 */
export function loadEnvFile(path = '.env', env: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const set: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const [, key, raw] = m as unknown as [string, string, string];
    // A quoted value is taken as written; otherwise a " # comment" after it is dropped.
    const value = /^(["'])(.*?)\1\s*(?:#.*)?$/.exec(raw)?.[2] ?? raw.replace(/\s+#.*$/, '');
    if (env[key] === undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return set;
}
