import type { Store } from '../../core/ports/store.js';
import type { Logger } from '../../logger.js';

/**
 * A group that became a supergroup gets a new chat id; its subscription moves with it (history
 * and deliveries included: it is the same row), and so do the members the bot has seen there. Run on the service message and on the 400 error
 * that carries migrate_to_chat_id; the second time there is nothing left to move.
 */
export async function moveChat(store: Store, from: string, to: string, log: Logger): Promise<boolean> {
  const sub = await store.getSubscription('telegram', from);
  if (!sub) return false;
  if (await store.getSubscription('telegram', to)) {
    // Someone subscribed the supergroup already: its own settings are the newer ones.
    log.warn({ from, to }, 'group upgraded to a supergroup that has its own subscription; the old one stays');
    return false;
  }
  const moved = await store.patchSubscription(sub.id, { chatId: to });
  // The group view counts the members the bot saw in the group: they are the supergroup's now.
  if (moved) await store.moveChatMembers('telegram', from, to);
  if (moved) log.info({ from, to, subscription: sub.id }, 'group upgraded to a supergroup: subscription moved');
  return moved;
}

/** The supergroup a 400 error says the group became, if that is what it says. */
export function migratedTo(err: unknown): number | undefined {
  const e = err as { error_code?: number; parameters?: { migrate_to_chat_id?: number } } | undefined;
  return e?.error_code === 400 ? e.parameters?.migrate_to_chat_id : undefined;
}
