import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Catalog } from '../catalog/catalog.js';
import type { Assistant } from '../assistant/assistant.js';
import { openDatabase } from '../store/database.js';
import { petitionChatHandler } from '../petitions/chat-flow.js';
import { digestHandler } from '../news/delivery.js';
import type { WebhookEvent } from '../zalo/events.js';
import { createChat } from './chain.js';

/** Each turn of a dialogue is this much later than the one before (as a resident types). */
const TURN_GAP_MS = 60_000;

/**
 * `ask --json --dialogue`: JSON lines {"dialog","q"} in, one JSON line per turn out:
 * {"dialog","q","intent","results":[{"id","score"}],"facet","reply"}. One conversation per dialog
 * id, run by the same chain of handlers as Zalo (on an in-memory database), so follow-ups, typed
 * picks and flows behave as they would in the chat. `reply` is every text the resident reads.
 */
export async function askDialogueLines(o: {
  catalog: Catalog;
  assistant: Assistant;
  articleUrl: (id: string) => string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}): Promise<void> {
  const database = await openDatabase('sqlite::memory:');
  const chat = createChat({
    catalog: o.catalog,
    assistant: o.assistant,
    pseudonymKey: randomUUID(),
    capabilities: {
      newsDigest: digestHandler({ links: { article: o.articleUrl } }),
      // No desk here to notify: the conversation is the same, the notification is not.
      petitions: petitionChatHandler({ catalog: o.catalog, contactImageUrl: 'https://example.invalid/the-contact-card.png', onCreated: async () => {} }),
    },
  });
  const users = new Map<string, string>();
  let clock = Date.UTC(2026, 10, 30, 2, 0, 0);
  try {
    for await (const line of createInterface({ input: o.input, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      const { dialog, q } = JSON.parse(line) as { dialog: string; q: string };
      const userId = users.get(dialog) ?? String(7_200_000_000_000_000_000n + BigInt(users.size));
      users.set(dialog, userId);
      clock += TURN_GAP_MS;
      const now = new Date(clock);
      const event: WebhookEvent = {
        kind: 'text',
        text: q,
        eventName: 'user_send_text',
        appId: 'dialogue',
        timestamp: clock,
        userIdByApp: undefined,
        userId,
        oaId: 'dialogue',
        msgId: randomUUID(),
      };
      const turn = await database.db.transaction().execute((tx) => chat(tx, { event, eventId: randomUUID(), userId, communeId: 'dialogue', now }));
      const outcome = turn.outcome;
      o.output.write(
        JSON.stringify({
          dialog,
          q,
          intent: outcome?.intent ?? 'out_of_scope',
          results: (outcome?.results ?? []).map((r) => ({ id: r.id, score: Number(r.score.toFixed(3)) })),
          facet: outcome?.facet ?? null,
          reply: turn.replies.map((r) => r.text).join('\n\n'),
        }) + '\n',
      );
    }
  } finally {
    await database.close();
  }
}
