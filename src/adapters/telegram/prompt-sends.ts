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

/** `retry` (auto-retry) for every call but a daily prompt's. */
export function unlessPrompt(retry: Transformer): Transformer {
  return (prev, method, payload, signal) => (prompts.getStore() ? prev(method, payload, signal) : retry(prev, method, payload, signal));
}
