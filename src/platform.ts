import type { Messenger } from './core/ports/messenger.js';

/**
 * A chat platform the process serves (Telegram, Discord). main.ts starts and stops each the same
 * way; the scheduler sends daily prompts through its messenger.
 */
export interface Platform {
  readonly name: string;
  readonly messenger: Messenger;
  start(): Promise<void>;
  /** Stops taking updates and closes connections; resolves when done. */
  stop(): Promise<void>;
  /** For /healthz: is the platform connected right now? */
  connected(): boolean;
}
