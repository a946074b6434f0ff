import { parseAction } from '../../core/actions.js';
import { parseInline } from '../../core/inline.js';
import type { Reply } from '../../core/reply.js';

export interface TextStyle {
  /** ANSI colours and bold (a TTY); plain text otherwise, for pipes and files. */
  color?: boolean;
  /** Wrap lines at word boundaries to this many columns (the terminal's width); no wrapping when unset. */
  width?: number;
}

const ansi = (code: string, text: string, on?: boolean) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/**
 * A Reply as terminal text. Buttons become choices typed by their key, and the caller keeps their
 * actions by key: a button that opens a lesson is keyed by the lesson's number ([34]), the same in
 * search results, the roadmap and "did you mean", and the same as typing the number anyway; every
 * other button by a letter ([a] Mark 39 done, [b] Cancel). Positions would shift between views.
 * Quiz answers (spoilers) are not printed: the caller keeps them for `/answers`.
 */
export function renderText(reply: Reply, style: TextStyle = {}): { text: string; actions: Map<string, string>; answers: string[] } {
  const c = style.color;
  const out: string[] = [];
  const answers: string[] = [];
  const wrap = (text: string, indent = '') => (style.width ? wrapText(text, style.width, indent) : text);
  if (reply.title) out.push(ansi('1', wrap(`== ${reply.title} ==`), c));
  for (const b of reply.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(ansi('1;36', wrap(`-- ${b.text} --`), c));
        break;
      case 'paragraph':
        out.push(wrap(inline(b.text, c)));
        break;
      case 'list':
        out.push(b.items.map((item, i) => wrap(`${b.ordered ? `${i + 1}.` : '-'} ${inline(item, c)}`, '  ')).join('\n'));
        break;
      case 'code':
        // Commands are copied as they are: never wrapped.
        out.push(b.text.split('\n').map((l) => ansi('33', `    ${l}`, c)).join('\n'));
        break;
      case 'spoiler':
        answers.push(b.text);
        out.push(ansi('2', `  (answer ${answers.length} hidden: type /answers to see it)`, c));
        break;
    }
  }
  const actions = new Map<string, string>();
  let letters = 0;
  const rows = reply.buttons.map((row) =>
    row.map((button) => {
      const parsed = button.url ? undefined : parseAction(button.action);
      const lesson = parsed?.name === 'lesson' ? String(parsed.lesson) : undefined;
      const key = lesson ?? buttonLetter(letters++);
      actions.set(key, button.action);
      // "34 · Kubernetes introduction" keyed [34] need not say 34 twice, nor "Before this: 28 · iptables…".
      const label = lesson ? button.label.replace(new RegExp(`(^|: |：)(第 )?${lesson}( 课)? · `), '$1') : button.label;
      return button.url ? `[${key}] ${label} (${button.url})` : `[${key}] ${label}`;
    }).join('  '),
  );
  if (rows.length) out.push(rows.map((r) => wrap(r)).join('\n'));
  return { text: out.join('\n\n'), actions, answers };
}

/** a … z, then aa, ab … (no reply has that many buttons, but a key must never repeat). */
function buttonLetter(n: number): string {
  return n < 26 ? String.fromCharCode(97 + n) : buttonLetter(Math.floor(n / 26) - 1) + buttonLetter(n % 26);
}

function inline(text: string, color?: boolean): string {
  return parseInline(text)
    .map((s) => {
      if (s.href) return `${ansi('4', s.text, color)} (${s.href})`;
      if (s.code) return color ? ansi('36', s.text, true) : `\`${s.text}\``;
      if (s.bold) return ansi('1', s.text, color);
      return s.text;
    })
    .join('');
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff]/;
const NO_LINE_START = /[，。、；：！？）」』》】〉”’]/;

/** Display width of text: CJK characters take two columns; colour codes none. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text.replace(/\x1b\[[\d;]*m/g, '')) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/**
 * Wraps each line at spaces to `width` columns (continuation lines indented by `indent`). A word
 * longer than the line, or a run of Chinese with no spaces, is broken where it must be.
 */
export function wrapText(text: string, width: number, indent = ''): string {
  const max = Math.max(20, width - 1);
  return text.split('\n').map((line) => {
    if (columns(line) <= max) return line;
    const out: string[] = [];
    let current = '';
    for (const word of line.split(/(?<= )/)) {
      // Chinese breaks between any two characters: a run that starts on this line fills it, rather than
      // leaving "Kubernetes" alone on a line above a wall of Chinese.
      if (current && columns(current + word.trimEnd()) > max && !CJK.test(word[0] ?? '')) {
        out.push(current.trimEnd());
        current = indent;
      }
      current += word;
      // The trailing space does not count: "…trace a " fits, and cutting it would start the next line with it.
      while (columns(current.trimEnd()) > max) {
        // No space to break at (a URL, Chinese text): cut at the width.
        let cut = 0;
        let used = 0;
        for (const ch of current) {
          const w = columns(ch);
          if (used + w > max) break;
          used += w;
          cut += ch.length;
        }
        // No line starts with closing punctuation (，。）…): the character before it moves down too.
        if (cut > 1 && NO_LINE_START.test(current[cut] ?? '') && current[cut - 1] !== ' ') cut -= 1;
        out.push(current.slice(0, cut).trimEnd());
        current = indent + current.slice(cut).trimStart();
      }
    }
    if (current.trim()) out.push(current.trimEnd());
    return out.join('\n');
  }).join('\n');
}
