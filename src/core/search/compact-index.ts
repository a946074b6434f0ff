import type lunr from 'lunr';
import { lowerBound, prefixEnd } from './sorted.js';

/** Where in a document a term stands, as bits: the search ranks and autocomplete filter on them. */
export const IN_NAME = 1; // title or aliases
export const IN_LABEL = 2; // keywords or headings
export const IN_BODY = 4;

const FIELD_FLAGS: Record<string, number> = { title: IN_NAME, aliases: IN_NAME, keywords: IN_LABEL, headings: IN_LABEL, body: IN_BODY };

interface LunrInternals {
  invertedIndex: Record<string, Record<string, Record<string, unknown>> & { _index: number }>;
  fieldVectors: Record<string, { elements: number[]; positionForIndex(i: number): number }>;
}

/**
 * The documents a query matched, as parallel arrays (no object per document: a common word
 * matches most of 20,000 documents, and the garbage would show up as pauses). Valid until the
 * next call to `score`.
 */
export interface Matches {
  count: number;
  docs: Int32Array;
  scores: Float64Array;
  /** Bit i set: the document holds query term i. */
  terms: Uint32Array;
  /** Bit i set: query term i is in its title or aliases. */
  named: Uint32Array;
}

export interface SerializedCompactIndex {
  refs: string[];
  terms: string[];
  offsets: string;
  docs: string;
  weights: string;
  flags: string;
}

/**
 * Lunr's index compiled for querying: per term, one flat run of (document, weight, fields) with
 * the weight Lunr's BM25 gave the term in each field, field boosts included, summed over fields.
 *
 * Lunr builds the index (tokenizer, pipeline, BM25 field vectors); this answers queries. Lunr's
 * own `query()` ranks the same way but scores each matching document with a dot product over its
 * whole term vector and allocates match metadata for every posting, and its serialized form is
 * JSON objects per posting: at 10,000 lessons that is a query of about 100 ms and a 5 s load.
 * Flat typed arrays answer in a few milliseconds and load as fast as the disk reads them.
 */
export class CompactIndex {
  private readonly termIds: Map<string, number>;
  private readonly scores: Float64Array;
  private readonly termBits: Uint32Array;
  private readonly namedBits: Uint32Array;
  private readonly touched: Int32Array;
  private readonly out: Matches;

  private constructor(
    readonly refs: string[],
    /** Sorted: prefix look-ups and typo correction walk it in order. */
    readonly terms: string[],
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    private readonly weights: Float32Array,
    private readonly flags: Uint8Array,
  ) {
    this.termIds = new Map(terms.map((t, i) => [t, i]));
    // Query buffers, reused: queries are synchronous, so one set per index is enough.
    this.scores = new Float64Array(refs.length);
    this.termBits = new Uint32Array(refs.length);
    this.namedBits = new Uint32Array(refs.length);
    this.touched = new Int32Array(refs.length);
    this.out = { count: 0, docs: new Int32Array(refs.length), scores: new Float64Array(refs.length), terms: new Uint32Array(refs.length), named: new Uint32Array(refs.length) };
  }

  static fromLunr(index: lunr.Index, fields: readonly string[]): CompactIndex {
    const { invertedIndex, fieldVectors } = index as unknown as LunrInternals;
    const refIds = new Map<string, number>();
    const refs: string[] = [];
    const terms = Object.keys(invertedIndex).sort();
    const offsets = new Int32Array(terms.length + 1);
    const docs: number[] = [];
    const weights: number[] = [];
    const flags: number[] = [];
    terms.forEach((term, t) => {
      offsets[t] = docs.length;
      const posting = invertedIndex[term]!;
      const at = new Map<number, number>();
      for (const field of fields) {
        const byRef = posting[field];
        if (!byRef) continue;
        for (const ref in byRef) {
          const vector = fieldVectors[`${field}/${ref}`];
          const pos = vector ? vector.positionForIndex(posting._index) : -1;
          if (!vector || vector.elements[pos] !== posting._index) continue;
          let doc = refIds.get(ref);
          if (doc === undefined) {
            doc = refs.push(ref) - 1;
            refIds.set(ref, doc);
          }
          let slot = at.get(doc);
          if (slot === undefined) {
            slot = docs.push(doc) - 1;
            weights.push(0);
            flags.push(0);
            at.set(doc, slot);
          }
          weights[slot]! += vector.elements[pos + 1]!;
          flags[slot]! |= FIELD_FLAGS[field] ?? IN_BODY;
        }
      }
    });
    offsets[terms.length] = docs.length;
    return new CompactIndex(refs, terms, offsets, Int32Array.from(docs), Float32Array.from(weights), Uint8Array.from(flags));
  }

  static fromJSON(data: SerializedCompactIndex): CompactIndex {
    const view = <T>(b64: string, Kind: { new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number }) => {
      const bytes = Buffer.from(b64, 'base64');
      const copy = new ArrayBuffer(bytes.length);
      new Uint8Array(copy).set(bytes);
      return new Kind(copy, 0, bytes.length / Kind.BYTES_PER_ELEMENT);
    };
    return new CompactIndex(
      data.refs, data.terms, view(data.offsets, Int32Array), view(data.docs, Int32Array), view(data.weights, Float32Array), view(data.flags, Uint8Array),
    );
  }

  toJSON(): SerializedCompactIndex {
    const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    return { refs: this.refs, terms: this.terms, offsets: b64(this.offsets), docs: b64(this.docs), weights: b64(this.weights), flags: b64(this.flags) };
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /** How many documents hold the term. */
  documentCount(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.offsets[t + 1]! - this.offsets[t]!;
  }

  /**
   * Scores documents for up to 32 exact terms, term at a time. `mask` keeps only postings in
   * those fields (autocomplete looks at names, keywords and headings, not the body).
   */
  score(terms: readonly string[], mask = IN_NAME | IN_LABEL | IN_BODY): Matches {
    let count = 0;
    terms.slice(0, 32).forEach((term, bit) => {
      const t = this.termIds.get(term);
      if (t === undefined) return;
      for (let p = this.offsets[t]!, end = this.offsets[t + 1]!; p < end; p++) {
        const f = this.flags[p]!;
        if (!(f & mask)) continue;
        const doc = this.docs[p]!;
        if (this.termBits[doc] === 0) this.touched[count++] = doc;
        this.scores[doc]! += this.weights[p]!;
        this.termBits[doc]! |= 1 << bit;
        if (f & IN_NAME) this.namedBits[doc]! |= 1 << bit;
      }
    });
    const out = this.out;
    out.count = count;
    for (let i = 0; i < count; i++) {
      const doc = this.touched[i]!;
      out.docs[i] = doc;
      out.scores[i] = this.scores[doc]!;
      out.terms[i] = this.termBits[doc]!;
      out.named[i] = this.namedBits[doc]!;
      this.scores[doc] = 0;
      this.termBits[doc] = 0;
      this.namedBits[doc] = 0;
    }
    return out;
  }

  /** Terms that start with `prefix`, the ones in most documents first. */
  termsWithPrefix(prefix: string, limit: number): string[] {
    const found = this.terms.slice(lowerBound(this.terms, prefix), prefixEnd(this.terms, prefix));
    return found.sort((a, b) => this.documentCount(b) - this.documentCount(a)).slice(0, limit);
  }
}
