import { deviceStorage } from '../services/zalo';

const KEY = 'xa.commune';

/** The commune this device chose in the picker (its id), if any: the Mini App then shows that commune. */
export async function chosenCommune(): Promise<string | undefined> {
  try {
    const id = await deviceStorage.get(KEY);
    return id && /^[a-z0-9-]{1,64}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

export async function rememberCommune(id: string): Promise<void> {
  await deviceStorage.set(KEY, id);
}
