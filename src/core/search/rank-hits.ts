import type { Locale } from '../i18n/locale.js';
import type { LessonLibrary } from '../lessons/library.js';
import { sectionHeading } from '../lessons/sections.js';
import type { Matches } from './compact-index.js';
import type { SearchHit } from './search-types.js';
import type { SnippetFinder } from './snippet.js';

/** What ranking needs of the index: each document's lesson and language, lessons, snippets. */
export interface RankContext {
  library: LessonLibrary;
  snippets: SnippetFinder;
  docs: { lesson: Int32Array; locale: Locale[] };
}

/** A Chinese phrase of the query (three characters or more), and the bits of its bigrams among the query's terms. */
export interface Phrase {
  text: string;
  /** Every bigram of the phrase: a lesson missing one cannot hold the phrase, and is not read for it. */
  mask: number;
}

/**
 * One hit per lesson. Lunr scores each language's document; a lesson's score is its best
 * document plus half of the other, scaled by how many of the query's terms it holds at all
 * (coverage, squared) and how many of them stand in its title or aliases: a lesson named for
 * every word asked should beat one that merely repeats one of them often. A query that is
 * exactly one of a lesson's aliases (roadmap.yaml: the words learners use to name it) names it.
 *
 * Chinese is indexed as bigrams, so 灰度发布 is 灰度 + 度发 + 发布, and a lesson that only says 发布
 * scores on one of them. A lesson holding the phrase as written ranks above every lesson that does
 * not. And a lesson is answered in the learner's language: when any lesson matches there, lessons
 * that match only in the other language are left out (they would quote text the learner did not ask
 * in), unless the query itself is in the other language's script.
 */
export function rankHits(
  index: RankContext, matches: Matches, terms: Set<string>, locale: Locale, limit: number, named?: Set<number>, phrases: readonly Phrase[] = [],
  askedOther = false,
): SearchHit[] {
  type Agg = { best: Locale; bestScore: number; second: number; mine?: number; matched: number; named: number; score: number; phrases: number };
  const byLesson = new Map<number, Agg>();
  for (let i = 0; i < matches.count; i++) {
    const doc = matches.docs[i]!;
    const id = index.docs.lesson[doc]!;
    const docLocale = index.docs.locale[doc]!;
    const score = matches.scores[i]!;
    let agg = byLesson.get(id);
    if (!agg) byLesson.set(id, (agg = { best: docLocale, bestScore: -1, second: 0, matched: 0, named: 0, score: 0, phrases: 0 }));
    if (score > agg.bestScore) {
      agg.second = Math.max(agg.second, agg.bestScore);
      agg.best = docLocale;
      agg.bestScore = score;
    } else agg.second = Math.max(agg.second, score);
    if (docLocale === locale) agg.mine = score;
    agg.matched |= matches.terms[i]!;
    agg.named |= matches.named[i]!;
  }
  // Asking in the other language's script (Chinese words from an English learner) asks for both.
  const anyMine = !askedOther && [...byLesson.values()].some((agg) => agg.mine !== undefined);
  for (const [id, agg] of byLesson) {
    if (anyMine && agg.mine === undefined) {
      byLesson.delete(id);
      continue;
    }
    const coverage = bitCount(agg.matched) / terms.size;
    const aliasBonus = named?.has(id) ? 3 : 1;
    agg.score = (agg.bestScore + 0.5 * agg.second) * coverage * coverage * (1 + bitCount(agg.named) / terms.size) ** 2 * aliasBonus;
    // A lesson the query names (an alias, as typed) counts as holding every phrase, and more.
    if (named?.has(id)) agg.phrases = phrases.length + 1;
    else {
      const candidates = phrases.filter((p) => (agg.matched & p.mask) === p.mask).map((p) => p.text);
      const text = index.library.get(id)!.text;
      if (candidates.length) agg.phrases = Math.max(index.snippets.phraseCount(text[locale], candidates), index.snippets.phraseCount(text[agg.best], candidates));
    }
  }
  // Snippets cost the most, so only the hits that will be shown get one.
  const top = [...byLesson].sort((a, b) => b[1].phrases - a[1].phrases || b[1].score - a[1].score || a[0] - b[0]).slice(0, limit);
  const hits: SearchHit[] = [];
  const phraseTexts = phrases.map((p) => p.text);
  for (const [id, agg] of top) {
    const lesson = index.library.get(id)!;
    const score = agg.score;
    // The learner's language whenever the lesson matched there; otherwise where the words are.
    const shown: Locale = agg.mine !== undefined && (!askedOther || agg.mine >= agg.bestScore * 0.5) ? locale : agg.best;
    const { section, snippet } = index.snippets.find(lesson.text[shown], terms, phraseTexts);
    hits.push({
      id, title: lesson.text[locale].title, score: Math.round(score * 1000) / 1000,
      section: sectionHeading(section.key, shown), sectionKey: section.key, snippet, locale: shown,
    });
  }
  return hits;
}

function bitCount(n: number): number {
  let c = 0;
  for (let v = n >>> 0; v; v &= v - 1) c++;
  return c;
}
