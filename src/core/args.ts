import type { AnyCommand, OptionDef } from './command.js';
import type { Translate } from './i18n/strings.js';
import { clip, ECHO_MAX } from './text.js';

export type ArgsResult = { ok: true; args: Record<string, unknown> } | { ok: false; message: string };

/** `/subscribe [time] [timezone] [every]`: how a command is typed. */
export function usage(cmd: AnyCommand): string {
  const opts = (cmd.options as readonly OptionDef[]).map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return [`/${cmd.name}`, ...opts].join(' ');
}

/**
 * Splits the text after a typed command over its options: one word each, the last option takes
 * the rest of the line (so `/search open vswitch bridge` keeps all three words). An option may
 * also be named, as in `/subscribe 08:00 every 3` or `every=3`: named ones are taken out first.
 */
export function splitText(cmd: AnyCommand, rest: string): Record<string, string> {
  const all = cmd.options as readonly OptionDef[];
  const out: Record<string, string> = {};
  // Only for commands of several short options: a search for "every day" is words, not an option.
  if (all.length > 1) {
    for (const o of all) {
      if (o.type !== 'integer') continue;
      const named = new RegExp(`(?:^|\\s)${o.name}(?:\\s+|=)(\\S+)(?=\\s|$)`, 'i').exec(rest);
      // "/subscribe every" with no number: the word is every's (bad) value, not a time of day.
      const bare = named ? undefined : new RegExp(`(?:^|\\s)(${o.name})$`, 'i').exec(rest.trim());
      if (bare) {
        out[o.name] = bare[1]!;
        rest = rest.trim().slice(0, bare.index);
        continue;
      }
      if (!named) continue;
      out[o.name] = named[1]!;
      rest = rest.slice(0, named.index) + rest.slice(named.index + named[0].length);
    }
  }
  const options = all.filter((o) => !(o.name in out));
  let remaining = rest.trim();
  options.forEach((o, i) => {
    if (!remaining) return;
    if (i === options.length - 1) {
      out[o.name] = remaining;
      remaining = '';
    } else {
      const m = /^(\S+)\s*([\s\S]*)$/.exec(remaining)!;
      out[o.name] = m[1]!;
      remaining = m[2]!;
    }
  });
  return out;
}

/** Checks and converts raw option values (typed text, or a platform's typed options) for a handler. */
export function coerceArgs(cmd: AnyCommand, raw: Record<string, unknown>, t: Translate): ArgsResult {
  const args: Record<string, unknown> = {};
  for (const o of cmd.options as readonly OptionDef[]) {
    // Platforms send strings, numbers and booleans; anything else (an object, an array from a
    // forged payload) is treated as not given rather than read back as "[object Object]".
    const given = raw[o.name];
    const value = typeof given === 'string' || typeof given === 'number' || typeof given === 'boolean' ? given : undefined;
    if (value === undefined || value === '') {
      if (o.required && o.type !== 'string') return { ok: false, message: t('err.missing', { usage: usage(cmd) }) };
      if (o.required && o.choices) return { ok: false, message: t('err.missing', { usage: usage(cmd) }) };
      args[o.name] = o.required ? '' : undefined;
      continue;
    }
    if (o.type === 'integer') {
      const text = String(value).trim();
      const n = /^-?\d{1,9}$/.test(text) ? Number(text) : NaN;
      const inRange = Number.isInteger(n) && (o.min === undefined || n >= o.min) && (o.max === undefined || n <= o.max);
      if (!inRange) {
        const value = clip(text, ECHO_MAX);
        if (o.min === undefined || o.max === undefined) return { ok: false, message: t('err.badNumber', { value, hint: usage(cmd) }) };
        // "15 is not a number" is wrong: say whether it is not a number or outside the range, and the range.
        return { ok: false, message: t(Number.isInteger(n) ? 'err.outOfRange' : 'err.notWhole', { value, name: o.name, min: o.min, max: o.max }) };
      }
      args[o.name] = n;
      continue;
    }
    const text = String(value).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
    if (o.choices) {
      const lower = text.toLowerCase();
      const choice = o.choices.find((c) => c.value.toLowerCase() === lower || c.name.toLowerCase() === lower);
      if (!choice) return { ok: false, message: t('err.badChoice', { value: clip(text, ECHO_MAX), choices: o.choices.map((c) => c.value).join(', ') }) };
      args[o.name] = choice.value;
      continue;
    }
    args[o.name] = text;
  }
  return { ok: true, args };
}
