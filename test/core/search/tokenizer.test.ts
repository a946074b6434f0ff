import { describe, expect, it } from 'vitest';
import { normalizeTerms } from '../../../src/core/search/pipeline.js';
import { tokenize } from '../../../src/core/search/tokenizer.js';

const words = (text: string) => tokenize(text).map((t) => t.text);

describe('tokenize', () => {
  it.each([
    ['Latin words are lowercased and split on punctuation', 'Open vSwitch: ovs-vsctl!', ['open', 'vswitch', 'ovs', 'vsctl']],
    ['a Han run yields segmenter words and bigrams', '灰度发布', ['发布', '灰度', '度发']],
    ['a lone Han character is kept', '网', ['网']],
    ['mixed text keeps both scripts apart', 'k8s的Service', ['k8s', '的', 'service']],
    ['particles inside a run are left to the bigrams', '容器的原理', ['容器', '原理', '器的', '的原']],
    ['Lunr syntax is just punctuation', 'foo: ~ +bar -baz ^2 k8s~ title:kvm', ['foo', 'bar', 'baz', '2', 'k8s', 'title', 'kvm']],
    ['wildcards never survive', '* kube*', ['kube']],
    ['nothing searchable gives nothing', '  !!! ... ', []],
  ])('%s', (_name, text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('keeps the position of each word for snippets', () => {
    expect(tokenize('a VXLAN b').find((t) => t.text === 'vxlan')).toMatchObject({ start: 2, end: 7 });
  });
});

describe('normalizeTerms', () => {
  it('stems English, drops stop words and leaves Chinese untouched', () => {
    expect(normalizeTerms(['the', 'services', 'running', '容器'])).toEqual(['servic', 'run', '容器']);
  });
});
