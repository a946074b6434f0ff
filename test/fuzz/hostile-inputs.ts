/**
 * Building blocks for the command fuzz test: a seeded PRNG and hostile values, so a failure is
 * reproduced by running again with the same FUZZ_SEED.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

const LUNR = ['foo:', 'title:kvm', 'body:', ':', '::', '~', '~2', 'kvm~1', '^', 'vxlan^10', '^-1', '+', '-', '+kvm -xen', '*', 'kube*', '*netes', '"', "'", '\\', '(', ')', '[', ']', '{', '}', '?', '!', 'OR', 'AND', 'NOT'];
const UNICODE = [
  '灰度发布', '慢就是快', 'مرحبا بالعالم', 'שלום', '\u202Eevil\u202C', '\u200F', '\u200B', '\uFEFF', '🚀', '👩‍👩‍👧‍👦', '🇨🇳', '🏳️‍🌈',
  '\uD800', '\uDFFF', 'a\uD83D', '\uDE00b', 'e\u0301', 'ｋｕｂｅｒｎｅｔｅｓ', 'İstanbul', 'straße', 'Ⅻ', '٣٩', '३९', '𝟑𝟗', '\u2028', '\u2029',
];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\u000c', '\u001b[31m', '\u007f', '\u0085', '\r\n'];
const MARKUP = [
  '<b>', '</code>', '<script>alert(1)</script>', '&amp;', '&lt;', '**', '`', '```', '||spoiler||', '[x](javascript:alert(1))', '@everyone',
  '<@123>', '${x}', '%s', '{{name}}', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '-->', "'; DROP TABLE learners; --",
];
const WORDS = ['kvm', 'kubernets', 'vxaln', 'k8s', 'svc', 'ovs', 'stateful set', 'docker', 'iptables', 'helm', 'rbac', 'the', 'a', 'xen', 'lvs', 'tc'];
const NUMBERS = ['0', '-1', '1', '4', '13', '15', '39', '49', '50', '99', '9999', '99999999999', '1e9', '0x10', '007', '3.14', '-0', '#39', '+39', '３９'];
const TIMES = ['07:30', '7:30', '24:00', '25:99', '23:59', '00:00', '12', 'noon', '-01:00', '09:00:00'];
const ZONES = ['UTC', 'Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Etc/GMT+14', 'Mars/Olympus', '../../etc/passwd', '+08:00', 'utc', 'Asia/Kolkata'];
export const ATOMS = [...LUNR, ...UNICODE, ...CONTROL, ...MARKUP, ...WORDS, ...NUMBERS, ...TIMES, ...ZONES];

/** One of: a short hostile phrase, or a very long string (10,000 characters) of several kinds. */
export function hostileText(rng: Rng): string {
  const r = rng();
  if (r < 0.04) return longText(rng);
  if (r < 0.1) return '';
  const n = int(rng, 1, 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(rng() < 0.15 ? randomChars(rng, int(rng, 1, 12)) : pick(rng, ATOMS));
  return parts.join(pick(rng, [' ', '', '  ', '\t', ':', '\n']));
}

function longText(rng: Rng): string {
  switch (int(rng, 0, 4)) {
    case 0: return 'a'.repeat(10_000);
    case 1: return '灰'.repeat(10_000);
    case 2: return 'k8s '.repeat(2_500);
    case 3: return '🚀'.repeat(5_000);
    default: return randomChars(rng, 10_000);
  }
}

/** Code units from every plane and category, lone surrogates included. */
function randomChars(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rng();
    const code = r < 0.4 ? int(rng, 0x20, 0x7e) : r < 0.55 ? int(rng, 0, 0x1f) : r < 0.75 ? int(rng, 0x4e00, 0x9fff) : r < 0.85 ? int(rng, 0x0590, 0x06ff) : int(rng, 0xd700, 0xffff);
    s += String.fromCharCode(code);
  }
  return s;
}

/** Option values of the wrong type: numbers for strings, text for integers, booleans, null, arrays. */
export function wrongValue(rng: Rng): unknown {
  return pick(rng, [
    () => hostileText(rng),
    () => pick(rng, [42, -1, 0, 1.5, 39, 1e21, Number.MAX_SAFE_INTEGER + 2, -0, NaN, Infinity, -Infinity]),
    () => pick(rng, [true, false, null, undefined]),
    () => pick(rng, [[], [1, 2], ['kvm'], [[]], [null], ['07:30', 'UTC']]),
  ])();
}

/** Objects where an option's value belongs (no platform sends these; a bug in an adapter might). */
export const OBJECT_VALUES: readonly [string, unknown][] = [
  ['an empty object', {}],
  ['an object', { a: 1 }],
  ['an object naming an option', { topic: 'kvm' }],
  ['an array holding an object', [{}]],
  ['an object without a prototype', Object.create(null) as object],
];

/** Button payloads: forged, malformed, out of range, or not strings at all. */
export const FORGED_ACTIONS: readonly unknown[] = [
  'rate:15:0:3', 'rate:15:0:9', 'rate:15:0:0', 'rate:15:99:3', 'rate:-1:0:3', 'rate:15:0:3:extra', 'rate:15:0', 'rate:::',
  'ans:99:99', 'ans:39:99', 'ans:39:-1', 'sec:39:nope', 'sec:39:', 'sec:39:__proto__', 'sec:9999:why', 'done:-1', 'done:9999', 'done:39:1',
  'done:', 'done:NaN', 'lesson:4', 'lesson:13', 'lesson:0x10', 'lesson:1e3', 'quiz:999', 'quiz:39:1', 'stay:9999', 'move:-5',
  'later:1', 'next:1', 'roadmap:x', 'unknown', '', ':', '::::', 'x'.repeat(65), 'lesson:' + '9'.repeat(60), '__proto__', 'constructor',
  'toString', 'rate:15:0:3\u0000', 'lesson:３９', 'lesson:٣٩', 42, null, undefined, {}, ['lesson:39'],
];
