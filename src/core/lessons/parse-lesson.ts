import type * as Yaml from 'yaml';
import { lazyRequire } from '../lazy-require.js';
import type { Locale } from '../i18n/locale.js';
import { joinSoftBreaks } from './markdown.js';
import { SECTIONS, type SectionKey } from './sections.js';
import type { LessonSection, LessonText, QuestionPair } from './types.js';

const yaml = lazyRequire<typeof Yaml>('yaml');

/** Figures the checker holds against the content bar. */
export interface LessonStats {
  /** Words of prose outside code blocks, front matter and headings. */
  words: number;
  codeBlocks: number;
  links: string[];
}

export interface ParsedLesson {
  text: LessonText;
  stats: LessonStats;
  /** Problems with this file alone, worded for the person fixing it. */
  problems: string[];
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const PLACEHOLDER = /\b(TODO|TBD|FIXME|lorem ipsum)\b|待补充|待完善/i;

export function parseLesson(source: string, locale: Locale, file: string): ParsedLesson {
  const problems: string[] = [];
  const fm = FRONT_MATTER.exec(source);
  let meta: Record<string, unknown> = {};
  if (!fm) problems.push('no front matter (a --- block with title, summary, keywords)');
  else {
    try {
      const data = yaml().parse(fm[1]!) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data)) meta = data as Record<string, unknown>;
      else problems.push('front matter is not a mapping');
    } catch (err) {
      problems.push(`front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const title = stringField(meta, 'title', problems);
  const summary = stringField(meta, 'summary', problems);
  // Required by the checker (VERSIONS_REQUIRED); parsing itself accepts a lesson without it.
  const versions = typeof meta.versions === 'string' ? meta.versions.trim() : '';
  const keywords = Array.isArray(meta.keywords) ? meta.keywords.map(String) : [];
  if (!Array.isArray(meta.keywords)) problems.push('front matter: keywords must be a list');

  const body = fm ? source.slice(fm[0].length) : source;
  const sections = splitSections(body, locale, problems);
  const check = sections.find((s) => s.key === 'check');
  const questions = check ? parseQuestions(check.markdown, problems) : [];
  if (PLACEHOLDER.test(source)) problems.push(`placeholder text: "${PLACEHOLDER.exec(source)![0]}"`);

  return {
    text: { locale, file, title, summary, keywords, versions, sections, questions },
    stats: measure(body),
    problems,
  };
}

function stringField(meta: Record<string, unknown>, key: string, problems: string[]): string {
  const v = meta[key];
  if (typeof v === 'string' && v.trim()) return v.trim();
  problems.push(`front matter: ${key} is missing or empty`);
  return '';
}

/** Splits the body at `## ` headings outside code fences, matching them to SECTIONS in order. */
function splitSections(body: string, locale: Locale, problems: string[]): LessonSection[] {
  const raw: { heading: string; lines: string[] }[] = [];
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const h = inFence ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h && !line.startsWith('###')) raw.push({ heading: h[1]!, lines: [] });
    else if (raw.length) raw.at(-1)!.lines.push(line);
    else if (line.trim()) problems.push('text before the first section');
  }
  const sections: LessonSection[] = [];
  let expected = 0;
  for (const r of raw) {
    const index = SECTIONS.findIndex((s) => s.heading[locale] === r.heading);
    if (index < 0) {
      const allowed = SECTIONS.map((s) => s.heading[locale]).join(', ');
      problems.push(`unknown section "## ${r.heading}" (allowed: ${allowed}; use ### inside a section)`);
      continue;
    }
    if (index < expected) problems.push(`section "${r.heading}" is out of order or repeated`);
    for (const missing of SECTIONS.slice(expected, index)) {
      if (missing.required) problems.push(`missing section "## ${missing.heading[locale]}"`);
    }
    expected = Math.max(expected, index + 1);
    const markdown = r.lines.join('\n').trim();
    if (!markdown) problems.push(`section "${r.heading}" is empty`);
    sections.push({
      key: SECTIONS[index]!.key as SectionKey,
      heading: r.heading,
      markdown,
      subheadings: [...markdown.matchAll(/^###\s+(.+)$/gm)].map((m) => m[1]!.trim()),
    });
  }
  for (const missing of SECTIONS.slice(expected)) {
    if (missing.required) problems.push(`missing section "## ${missing.heading[locale]}"`);
  }
  return sections;
}

/** `Q:` starts a question, `A:` its answer; either may continue on following lines. */
function parseQuestions(markdown: string, problems: string[]): QuestionPair[] {
  const pairs: QuestionPair[] = [];
  let current: { q: string[]; a: string[] } | undefined;
  let part: 'q' | 'a' | undefined;
  const close = () => {
    if (!current) return;
    // Soft line breaks, as in any paragraph: no space between two Chinese characters.
    const question = joinSoftBreaks(current.q);
    const answer = joinSoftBreaks(current.a);
    if (!answer) problems.push(`question without an answer: "${question.slice(0, 60)}"`);
    else pairs.push({ question, answer });
    current = undefined;
  };
  for (const line of markdown.split('\n')) {
    const q = /^\s*(?:[-*]\s*)?(?:\*\*)?Q[:：](?:\*\*)?\s*(.*)$/.exec(line);
    const a = /^\s*(?:\*\*)?A[:：](?:\*\*)?\s*(.*)$/.exec(line);
    if (q) {
      close();
      current = { q: [q[1]!], a: [] };
      part = 'q';
    } else if (a && current) {
      current.a.push(a[1]!);
      part = 'a';
    } else if (line.trim() === '') {
      if (part === 'a') close();
      part = part === 'q' ? 'q' : undefined;
    } else if (current && part) {
      current[part].push(line.trim());
    }
  }
  close();
  return pairs;
}

function measure(body: string): LessonStats {
  let codeBlocks = 0;
  let inFence = false;
  const prose: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) {
      if (!inFence) codeBlocks++;
      inFence = !inFence;
    } else if (!inFence && !/^#{2,6}\s/.test(line)) prose.push(line);
  }
  const text = prose.join('\n');
  // Targets are taken whole (spaces included) so the checker can say what is wrong with them.
  const links = [...text.matchAll(/\[[^\]]*\]\(([^)]*)\)|<(https?:[^>]*)>/g)].map((m) => m[1] ?? m[2]!);
  const words = text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return { words, codeBlocks, links };
}
