/** Hands out send slots for one platform: in memory (Pacer), or shared by processes (PostgreSQL). */
export interface SendPacer {
  /** Resolves when the caller may send one message. */
  take(): Promise<void>;
  /** The platform said "retry after": nobody sends until then. */
  pause(ms: number): void;
}

/**
 * Spaces sends to stay under a platform's rate (Telegram: about 30 messages a second overall),
 * so a morning wave of thousands of prompts does not trip 429s in the first place. A 429 that
 * comes anyway pauses every sender of that platform for the time the platform asked.
 */
export class Pacer implements SendPacer {
  private next = 0;
  private pausedUntil = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when the caller may send one message. */
  async take(): Promise<void> {
    if (!Number.isFinite(this.perSecond)) return;
    const interval = 1000 / this.perSecond;
    const now = this.now();
    const slot = Math.max(now, this.next, this.pausedUntil);
    this.next = slot + interval;
    if (slot > now) await this.sleep(slot - now);
  }

  /** The platform said "retry after": nobody sends until then. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
