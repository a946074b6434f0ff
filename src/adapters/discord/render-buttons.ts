import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
} from 'discord.js';
import type { Button, ButtonStyle as CoreButtonStyle } from '../../core/reply.js';

/** Discord's component limits for one message. */
export const BUTTON_LIMITS = { perRow: 5, rows: 5, label: 80, customId: 100 } as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

const STYLES: Record<CoreButtonStyle, APIButtonComponentWithCustomId['style']> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/** Set apart a repeated action in one message; `pressedAction` takes it off again. */
const REPEAT = '#';

/**
 * The Reply's button rows as action rows: a row longer than 5 wraps onto the next, and what does
 * not fit in 5 rows is left off (a missing button beats a message Discord refuses).
 */
export function renderButtons(rows: Button[][]): ButtonRow[] {
  const seen = new Map<string, number>();
  const wrapped = rows.flatMap((row) => chunk(row, BUTTON_LIMITS.perRow)).slice(0, BUTTON_LIMITS.rows);
  return wrapped.map((row) => ({
    type: ComponentType.ActionRow,
    components: row.map((b): APIButtonComponent => {
      const label = clip(b.label.trim() || '…', BUTTON_LIMITS.label);
      // A link button opens the page in the browser; Discord sends no interaction for it.
      if (b.url) return { type: ComponentType.Button, style: ButtonStyle.Link, label, url: b.url };
      // Discord refuses two components with one custom_id in a message, and the core may offer the
      // same action twice (a "Next" that is also a prerequisite).
      const n = (seen.get(b.action) ?? 0) + 1;
      seen.set(b.action, n);
      const customId = n === 1 ? b.action : `${b.action}${REPEAT}${n}`;
      return {
        type: ComponentType.Button,
        style: STYLES[b.style ?? 'secondary'],
        label,
        custom_id: customId.slice(0, BUTTON_LIMITS.customId),
      };
    }),
  }));
}

/** The core action behind a pressed button's custom_id. */
export function pressedAction(customId: string): string {
  const at = customId.indexOf(REPEAT);
  return at === -1 ? customId : customId.slice(0, at);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
}
