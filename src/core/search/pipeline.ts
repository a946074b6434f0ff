import lunr from 'lunr';
import { isCjkTerm } from './tokenizer.js';

// Lunr's own trimmer strips \W, which in JavaScript is ASCII-only: it would delete every Chinese
// word. This one trims anything that is not a letter or digit in any script.
const unicodeTrimmer: lunr.PipelineFunction = (token) =>
  token.update((s) => s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));

// The Porter stemmer is for English; Chinese words pass through untouched.
const latinStemmer: lunr.PipelineFunction = (token) => (isCjkTerm(token.toString()) ? token : lunr.stemmer(token));

lunr.Pipeline.registerFunction(unicodeTrimmer, 'slowfastTrimmer');
lunr.Pipeline.registerFunction(latinStemmer, 'slowfastStemmer');

export const INDEX_PIPELINE = [unicodeTrimmer, lunr.stopWordFilter, latinStemmer];
export const SEARCH_PIPELINE = [latinStemmer];

const queryPipeline = new lunr.Pipeline();
queryPipeline.add(...INDEX_PIPELINE);

/** Runs words through the index pipeline: the terms as the index stores them. Drops stop words. */
export function normalizeTerms(words: string[]): string[] {
  return queryPipeline.run(words.map((w) => new lunr.Token(w, {}))).map(String).filter(Boolean);
}

/** The index term of one word, or undefined for a stop word. */
export function normalizeWord(word: string): string | undefined {
  return queryPipeline.run([new lunr.Token(word, {})]).map(String).find(Boolean);
}
