import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transformer } from 'grammy';

const prompts = new AsyncLocalStorage<true>();

/**
 * Runs a daily prompt's API calls. The dispatcher paces prompts (one slot each, shared by every
 * process on PostgreSQL) and waits out a 429 itself, pausing the budget for all of them; a retry
 * by auto-retry would be a send that took no slot, so a 429 in here is handed straight back.
 */
export function sendingPrompt<T>(send: () => Promise<T>): Promise<T> {
  return prompts.run(true, send);
}

/** `transformer` for every call but a daily prompt's (for a prompt too unless `skipPrompts`). */
export function unlessPrompt(transformer: Transformer, skipPrompts = true): Transformer {
  if (!skipPrompts) return transformer;
  return (prev, method, payload, signal) => (prompts.getStore() ? prev(method, payload, signal) : transformer(prev, method, payload, signal));
}
