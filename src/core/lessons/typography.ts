/**
 * Chinese typography of a lesson file: the one rule set that `lessons check` holds zh lessons to and
 * `lessons fix-typography` applies. The rules (lessons/README.md, "Chinese typography"):
 *
 * - Chinese prose uses full-width punctuation: ，。：；？！（）and “”. An ASCII `, . : ; ? ! ( ) "`
 *   touching a Chinese character (through `**` or link brackets) is an error.
 * - One space between a Chinese character and a Latin letter, a digit or inline code that touch it.
 * - No space next to full-width punctuation.
 *
 * Code blocks, inline code, URLs, the front matter (except the `title:` and `summary:` values, which
 * learners read), the `Q:`/`A:` markers and list markers are left alone.
 *
 * Checking and fixing are one analysis: `findEdits` proposes every edit, the checker reports them and
 * the fixer applies them until none is left (a converted bracket can make a neighbouring space wrong).
 */

export interface TypographyProblem {
  line: number;
  column: number;
  message: string;
}

type Kind = 'prose' | 'markup' | 'code' | 'fixed';

export interface Cell {
  ch: string;
  kind: Kind;
}

interface Edit {
  at: number;
  /** The cell's new text ('' deletes it). */
  to: string;
  message: string;
}

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Full-width punctuation that counts as Chinese when it touches ASCII punctuation. */
const CJK_PUNCT = /[\u3000-\u303f\uff00-\uffef“”‘’…《》「」]/u;
/** Full-width punctuation that takes no space on either side. */
const NO_SPACE_PUNCT = /[，。：；？！（）、“”《》「」]/u;
const LATIN = /[A-Za-z0-9]/;
const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '。', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };
const ABBREVIATION = /(?:^|[^A-Za-z.])(?:e\.g|i\.e|etc|vs|cf|al|approx|No|Fig|[IVX]+)$/i;

/** Every typography problem of a Chinese lesson file, with its line and column (1-based). */
export function checkTypography(source: string): TypographyProblem[] {
  const cells = toCells(source);
  const starts = lineStarts(cells);
  return findEdits(cells).map((e) => problemAt(starts, e.at, e.message));
}

/** A problem at a cell, located by the line starts of its file. */
export function problemAt(starts: number[], at: number, message: string): TypographyProblem {
  let line = starts.length - 1;
  while (starts[line]! > at) line--;
  return { line: line + 1, column: at - starts[line]! + 1, message };
}

/** The file with every mechanical typography fix applied; code, URLs and front matter keys untouched. */
export function fixTypography(source: string): string {
  let text = source;
  for (let pass = 0; pass < 5; pass++) {
    const cells = toCells(text);
    const edits = findEdits(cells);
    if (!edits.length) break;
    for (const e of edits) cells[e.at]!.ch = e.to;
    text = cells.map((c) => c.ch).join('');
  }
  return text;
}

/** Splits the file into cells, one per character, each marked with what it is. */
export function toCells(source: string): Cell[] {
  const cells: Cell[] = [];
  const push = (text: string, kind: Kind) => {
    for (const ch of text) cells.push({ ch, kind });
  };
  const lines = source.split('\n');
  let i = 0;
  const fm = lines[0]?.trim() === '---' ? lines.indexOf('---', 1) : -1;
  if (fm > 0) {
    for (; i <= fm; i++) {
      const field = /^((?:title|summary):\s*)(.*)$/.exec(lines[i]!);
      // A quoted YAML value keeps its quotes; the text between them is prose.
      const quoted = field && /^(["'])(.*)\1\s*$/.exec(field[2]!);
      if (quoted) {
        push(field[1]! + quoted[1]!, 'fixed');
        proseLine(quoted[2]!, push);
        push(field[2]!.slice(quoted[2]!.length + 1), 'fixed');
      } else if (field) {
        push(field[1]!, 'fixed');
        proseLine(field[2]!, push);
      } else push(lines[i]!, 'fixed');
      push('\n', 'fixed');
    }
  }
  let fence: string | undefined;
  let span = '';
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence || open) {
      if (!fence) fence = open![1]!;
      else if (line.trim().startsWith(fence)) fence = undefined;
      push(line, 'fixed');
      span = '';
    } else if (!line.trim()) {
      push(line, 'fixed');
      span = '';
    } else span = proseLine(line, push, span);
    if (i < lines.length - 1) push('\n', fence || !line.trim() ? 'fixed' : 'prose');
  }
  return cells;
}

/**
 * One line of prose: code spans, link targets, URLs and line markers are marked as not prose.
 * `span` is the backtick run of a code span that an earlier line of the paragraph opened and did
 * not close (Markdown lets a span cross a soft line break); the run still open at the end is returned.
 */
function proseLine(line: string, push: (text: string, kind: Kind) => void, span = ''): string {
  let start = 0;
  if (span) {
    const close = new RegExp(`(?<!\`)${span}(?!\`)`).exec(line);
    if (!close) {
      push(line, 'code');
      return span;
    }
    start = close.index + span.length;
    push(line.slice(0, start), 'code');
  }
  const rest = line.slice(start);
  const marker = start ? '' : /^(\s*(?:#{1,6}\s+|(?:[-*+]|\d+[.)])\s+|>\s*)*(?:(?:\*\*)?[QA][:：](?:\*\*)?)?)/.exec(rest)![1]!;
  push(marker, 'fixed');
  const token = /(`+)[\s\S]*?\1|`+[^`]*$|\]\([^)\s]*\)|<https?:[^>\s]*>|https?:\/\/[!-~]+|\*+|\[|\]/g;
  let last = marker.length;
  let open = '';
  for (const m of rest.slice(marker.length).matchAll(token)) {
    const at = marker.length + m.index;
    if (m[0].startsWith('`') && !m[1]) open = /^`+/.exec(m[0])![0];
    push(rest.slice(last, at), 'prose');
    const text = m[0];
    if (text.startsWith('](')) {
      push(']', 'markup');
      push(text.slice(1), 'markup');
    } else if (text.startsWith('`') || text.startsWith('<') || text.startsWith('http')) {
      // A bare URL ends before trailing sentence punctuation, which is prose.
      const url = text.startsWith('http') ? text.replace(/[,.:;?!)]+$/, '') : text;
      push(url, 'code');
      push(text.slice(url.length), 'prose');
    } else push(text, 'markup');
    last = at + text.length;
  }
  push(rest.slice(last), 'prose');
  return open;
}

type Class = 'han' | 'cjk-punct' | 'latin' | 'space' | 'other' | 'none';

function classOf(cell: Cell | undefined): Class {
  if (!cell || cell.kind === 'fixed') return 'none';
  if (cell.kind === 'code') return 'latin';
  if (cell.kind === 'markup') return 'other';
  if (cell.ch === ' ' || cell.ch === '\n') return 'space';
  if (HAN.test(cell.ch)) return 'han';
  if (CJK_PUNCT.test(cell.ch)) return 'cjk-punct';
  if (LATIN.test(cell.ch)) return 'latin';
  return 'other';
}

const isChinese = (c: Class) => c === 'han' || c === 'cjk-punct';

/** The nearest cell in a direction, looking through markup (and spaces when asked). */
function near(cells: Cell[], from: number, step: 1 | -1, throughSpaces = false): number {
  let i = from + step;
  while (i >= 0 && i < cells.length) {
    const c = cells[i]!;
    if (c.kind === 'markup' || (throughSpaces && c.kind === 'prose' && (c.ch === ' ' || c.ch === '\n'))) i += step;
    else return i;
  }
  return -1;
}

function findEdits(cells: Cell[]): Edit[] {
  const edits = new Map<number, Edit>();
  const edit = (at: number, to: string, message: string) => {
    if (!edits.has(at)) edits.set(at, { at, to, message });
  };
  const cls = (i: number) => (i < 0 ? 'none' : classOf(cells[i]));
  punctuation(cells, cls, edit);
  brackets(cells, cls, edit);
  for (let i = 0; i < cells.length; i++) {
    const c = cls(i);
    if (c === 'han') {
      const before = near(cells, i, -1);
      const after = near(cells, i, 1);
      if (cls(before) === 'latin') edit(i, ' ' + cells[i]!.ch, `no space between "${cells[before]!.ch}" and "${cells[i]!.ch}": put one space between Chinese and Latin or digits`);
      if (cls(after) === 'latin') edit(i, cells[i]!.ch + ' ', `no space between "${cells[i]!.ch}" and "${cells[after]!.ch}": put one space between Chinese and Latin or digits`);
    }
    // A space inside a line next to full-width punctuation (a line break is left to joinSoftBreaks).
    if (cells[i]!.kind === 'prose' && cells[i]!.ch === ' ') {
      const prev = cells[i - 1];
      const next = cells[i + 1];
      const inLine = (c?: Cell) => !!c && c.kind !== 'fixed' && c.ch !== '\n' && c.ch !== '|';
      if (!inLine(prev) || !inLine(next)) continue;
      const punct = [prev!, next!].find((c) => c.kind === 'prose' && NO_SPACE_PUNCT.test(c.ch));
      if (punct) edit(i, '', `space next to "${punct.ch}": full-width punctuation takes no space`);
    }
  }
  return [...edits.values()].sort((a, b) => a.at - b.at);
}

type ClassAt = (i: number) => Class;
type EditFn = (at: number, to: string, message: string) => void;

/** `, . : ; ? !` touching Chinese become full-width; `...` touching Chinese becomes `……`. */
function punctuation(cells: Cell[], cls: ClassAt, edit: EditFn): void {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.kind !== 'prose' || !',.:;?!'.includes(cell.ch)) continue;
    const left = cls(near(cells, i, -1));
    // At the end of a paragraph, a Latin word's full stop belongs to the sentence it ends.
    const right = cls(near(cells, i, 1, true)) === 'none' && left === 'latin' && clauseHasHan(cells, i) ? 'han' : cls(near(cells, i, 1, true));
    const message = (to: string) => `ASCII "${cell.ch}" in Chinese prose: use "${to}"`;
    if (cell.ch === '.') {
      let end = i;
      while (cells[end + 1]?.kind === 'prose' && cells[end + 1]!.ch === '.') end++;
      const run = end - i + 1;
      const touches = isChinese(left) || isChinese(cls(near(cells, end, 1)));
      if (run === 3 && touches) {
        edit(i, '……', 'ASCII "..." in Chinese prose: use "……"');
        edit(i + 1, '', 'ASCII "..." in Chinese prose: use "……"');
        edit(i + 2, '', 'ASCII "..." in Chinese prose: use "……"');
      } else if (run === 1 && ((isChinese(left) && !/[a-z0-9]/.test(cells[i + 1]?.ch ?? '')) || (left === 'latin' && right === 'han' && !ABBREVIATION.test(textBefore(cells, i))))) {
        edit(i, '。', message('。'));
      }
      i = end;
      continue;
    }
    const chinese = isChinese(left) || (left !== 'space' && left !== 'none' && isChinese(right));
    if (chinese || (',;:'.includes(cell.ch) && pressedInChinese(cells, i))) edit(i, FULL_WIDTH[cell.ch]!, message(FULL_WIDTH[cell.ch]!));
  }
}

/**
 * `/etc/x`,sysctl, `a`;`b`, CLUSTER-IP,`web`, PVC; at a line's end: an ASCII `, ; :` pressed against
 * inline code (or between two Latin words) with no space after it, in a line of Chinese prose, is a
 * Chinese mark typed in ASCII;
 * English puts a space after it. Digits on both sides (9:1, 10:30, 1,000) are a ratio, time or number,
 * and a name before `:digits` (VIP:80, nginx:1.27) is an address with its port or an image with its tag.
 */
function pressedInChinese(cells: Cell[], at: number): boolean {
  const left = cells[near(cells, at, -1)];
  const right = cells[near(cells, at, 1)];
  if (!left || !right || left.kind === 'fixed' || right.kind === 'fixed' || right.ch === ' ') return false;
  if (!lineHasHan(cells, at)) return false;
  if (left.kind === 'prose' && right.kind === 'prose' && /[0-9]/.test(right.ch) && (/[0-9]/.test(left.ch) || (cells[at]!.ch === ':' && LATIN.test(left.ch)))) return false;
  // At a soft line break the mark ends a Chinese clause whatever the next line starts with.
  return left.kind === 'code' || right.kind === 'code' || right.ch === '\n' || (LATIN.test(left.ch) && LATIN.test(right.ch));
}

/** Whether the line holding `at` has a Chinese character in its prose. */
function lineHasHan(cells: Cell[], at: number): boolean {
  const isHan = (c: Cell) => c.kind === 'prose' && HAN.test(c.ch);
  for (let i = at; i >= 0 && cells[i]!.ch !== '\n'; i--) if (isHan(cells[i]!)) return true;
  for (let i = at; i < cells.length && cells[i]!.ch !== '\n'; i++) if (isHan(cells[i]!)) return true;
  return false;
}

/** Pairs of `( )` and `" "` in a paragraph become （）and “” when they hold or touch Chinese. */
function brackets(cells: Cell[], cls: ClassAt, edit: EditFn): void {
  const stack: number[] = [];
  let quotes: number[] = [];
  const holdsHan = (from: number, to: number) => cells.slice(from + 1, to).some((c) => c.kind === 'prose' && HAN.test(c.ch));
  // `socket()`, `virsh(1)`, `min(cwnd, rwnd)`: a name's own brackets stay ASCII even in Chinese prose.
  // `tc(8)`, `socket()`: a man page's section or an empty argument list marks a name, whatever follows.
  // A formula's brackets (`min(cwnd, rwnd)`, `(MTBF + MTTR)`) hold an operator or a list.
  const isName = (open: number, close: number) => {
    const inside = cells.slice(open + 1, close).map((c) => c.ch).join('');
    return close === open + 1 || /^[0-9][a-z]*$/.test(inside) || /[,+*=<>]|\s[-/]\s/.test(inside);
  };
  const isCall = (open: number, close: number) => isName(open, close) || (cls(open - 1) === 'latin' && !pressedBrackets(open, close));
  // NAT(masquerade)。, `ReadOnlyMany`(ROX)、: brackets right after inline code, or pressed against Chinese
  // after them, are a Chinese aside typed in ASCII.
  const pressedBrackets = (open: number, close: number) =>
    !isName(open, close) && (cells[open - 1]?.kind === 'code' || isChinese(cls(near(cells, close, 1))));
  // Latin in brackets is a Chinese aside when Chinese comes before it: 插件（add-on）, not (MTBF + MTTR)，.
  const touches = (open: number) => isChinese(cls(near(cells, open, -1, true)));
  const endParagraph = () => {
    for (const open of stack.splice(0)) {
      if (isChinese(cls(near(cells, open, -1))) || isChinese(cls(near(cells, open, 1)))) edit(open, '（', 'ASCII "(" in Chinese prose: use "（"');
    }
    // An odd count cannot be paired mechanically: each quote touching Chinese is reported, not fixed.
    if (quotes.length % 2) {
      for (const q of quotes) {
        if (isChinese(cls(near(cells, q, -1))) || isChinese(cls(near(cells, q, 1)))) edit(q, '"', 'ASCII """ in Chinese prose without its pair: use “ ”');
      }
    } else {
      for (let k = 0; k < quotes.length; k += 2) {
        const [open, close] = [quotes[k]!, quotes[k + 1]!];
        if (holdsHan(open, close) || touches(open) || isChinese(cls(near(cells, close, 1, true)))) {
          edit(open, '“', 'ASCII quotes in Chinese prose: use “ ”');
          edit(close, '”', 'ASCII quotes in Chinese prose: use “ ”');
        }
      }
    }
    quotes = [];
  };
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.kind === 'fixed' && cell.ch === '\n') endParagraph();
    if (cell.kind !== 'prose') continue;
    if (cell.ch === '"') quotes.push(i);
    else if (cell.ch === '(') stack.push(i);
    else if (cell.ch === ')') {
      const open = stack.pop();
      if (open === undefined) {
        if (isChinese(cls(near(cells, i, -1))) || isChinese(cls(near(cells, i, 1)))) edit(i, '）', 'ASCII ")" in Chinese prose: use "）"');
      } else if (holdsHan(open, i) || ((touches(open) || pressedBrackets(open, i)) && !isCall(open, i))) {
        edit(open, '（', 'ASCII "(" in Chinese prose: use "（"');
        edit(i, '）', 'ASCII ")" in Chinese prose: use "）"');
      }
    }
  }
  endParagraph();
}

/** Whether the clause that ends at `at` (back to the previous punctuation mark) is Chinese. */
function clauseHasHan(cells: Cell[], at: number): boolean {
  for (let i = at - 1; i >= 0 && cells[i]!.kind !== 'fixed'; i--) {
    const c = cells[i]!;
    if (c.kind === 'prose' && /[，。；：？！,.;:?!]/.test(c.ch) && !/[0-9A-Za-z]/.test(cells[i + 1]?.ch ?? '')) return false;
    if (c.kind === 'prose' && HAN.test(c.ch)) return true;
  }
  return false;
}

function textBefore(cells: Cell[], at: number): string {
  let s = '';
  for (let i = at - 1; i >= 0 && i > at - 12 && cells[i]!.kind === 'prose'; i--) s = cells[i]!.ch + s;
  return s;
}

export function lineStarts(cells: Cell[]): number[] {
  const starts = [0];
  cells.forEach((c, i) => {
    if (c.ch === '\n') starts.push(i + 1);
  });
  return starts;
}
