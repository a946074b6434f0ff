// The life of an interaction as Discord keeps it: one response within 3 s, then follow-ups and edits
// through its webhook token for 15 minutes. Answers outside those rules get Discord's own errors.
import { RESTJSONErrorCodes } from 'discord.js';
import type { DiscordErrorBody } from './discord-limits.js';
import { checkInteractionResponse, checkMessage } from './discord-limits.js';

/** Discord drops an interaction that is not answered within 3 s. */
export const RESPONSE_DEADLINE_MS = 3000;
/** An interaction token is valid for 15 minutes. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;

export interface Verdict {
  status: number;
  error?: DiscordErrorBody;
}

interface Live {
  type: number;
  createdAt: number;
  /** The response type it was answered with (4, 5, 6, 7, 8), once answered. */
  answered?: number;
}

const UNKNOWN_INTERACTION: Verdict = { status: 404, error: { code: RESTJSONErrorCodes.UnknownInteraction, message: 'Unknown interaction' } };
const ACKNOWLEDGED: Verdict = { status: 400, error: { code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, message: 'Interaction has already been acknowledged.' } };
const UNKNOWN_WEBHOOK: Verdict = { status: 404, error: { code: RESTJSONErrorCodes.UnknownWebhook, message: 'Unknown Webhook' } };
const EXPIRED_TOKEN: Verdict = { status: 401, error: { code: RESTJSONErrorCodes.InvalidWebhookToken, message: 'Invalid Webhook Token' } };

export class InteractionLedger {
  private readonly live = new Map<string, Live & { id: string }>();

  constructor(private readonly now: () => number) {}

  open(id: string, token: string, type: number): void {
    this.live.set(token, { id, type, createdAt: this.now() });
  }

  /** POST /interactions/:id/:token/callback. */
  respond(id: string, token: string, body: unknown): Verdict {
    const it = this.live.get(token);
    if (!it || it.id !== id) return UNKNOWN_INTERACTION;
    if (it.answered !== undefined) return ACKNOWLEDGED;
    if (this.now() - it.createdAt > RESPONSE_DEADLINE_MS) return UNKNOWN_INTERACTION;
    const error = checkInteractionResponse(body, it.type);
    if (error) return { status: 400, error };
    it.answered = (body as { type: number }).type;
    return { status: 200 };
  }

  /** A request to /webhooks/:app/:token[/messages/@original|:id]: follow-ups, edits, deletes. */
  webhook(token: string, method: string, body: unknown, files: number): Verdict {
    const it = this.live.get(token);
    // Before the interaction is answered its webhook does not exist yet.
    if (!it || it.answered === undefined) return UNKNOWN_WEBHOOK;
    if (this.now() - it.createdAt > TOKEN_LIFETIME_MS) return EXPIRED_TOKEN;
    if (method === 'DELETE' || method === 'GET') return { status: 200 };
    const error = checkMessage(body, { edit: method === 'PATCH', files });
    return error ? { status: 400, error } : { status: 200 };
  }
}
