import { deviceStorage } from '../services/zalo';

const KEY = 'xa.petitions';
const MAX = 10;

export interface SavedPetition {
  code: string;
  category: string;
  deadline: string;
}

/** Petitions sent from this device, newest first, so a resident can track them without typing. */
export async function savedPetitions(): Promise<SavedPetition[]> {
  try {
    const raw = await deviceStorage.get(KEY);
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? (list as SavedPetition[]).filter((p) => typeof p?.code === 'string') : [];
  } catch {
    return [];
  }
}

export async function rememberPetition(p: SavedPetition): Promise<void> {
  const list = (await savedPetitions()).filter((x) => x.code !== p.code);
  await deviceStorage.set(KEY, JSON.stringify([p, ...list].slice(0, MAX)));
}
